//! The token gate over real HTTP: only a good access token of the family's user pool and app
//! client gets an answer, and the pool's keys are fetched again when it rotates them, but not
//! for every made-up key id.

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use services_api::wire::GENERATE_PATH;
use support::*;

/// The refusal of a token: 401, a Bearer challenge, and a Problem with `code`.
async fn assert_refused(services: &Services, token: Option<&str>, code: &str, case: &str) {
    let response = services.post(GENERATE_PATH, token, &story_request()).await;
    assert_eq!(response.status(), 401, "{case}");
    let challenge = response.headers()["www-authenticate"].to_str().expect("ascii").to_owned();
    assert!(challenge.starts_with("Bearer"), "{case}: {challenge}");
    let problem = problem(response).await;
    assert_eq!(problem.code, code, "{case}: {problem:?}");
}

#[tokio::test]
async fn a_missing_or_malformed_token_is_refused() {
    let services = Services::start().await;
    assert_refused(&services, None, "token_missing", "no Authorization header").await;
    let response = services
        .http
        .post(services.url(GENERATE_PATH))
        .header("content-type", "application/json")
        .header("authorization", format!("Basic {}", URL_SAFE_NO_PAD.encode("parent:pw")))
        .body(story_request().to_string())
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 401, "another scheme");
    assert_refused(&services, Some("not-a-jwt"), "token_invalid", "not a JWT").await;
    assert_refused(&services, Some("a.b.c"), "token_invalid", "three parts of nonsense").await;
}

#[tokio::test]
async fn an_unsigned_token_is_refused() {
    let services = Services::start().await;
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT","kid":"test-current"}"#);
    let claims = URL_SAFE_NO_PAD.encode(access_claims("parent-1").to_string());
    assert_refused(&services, Some(&format!("{header}.{claims}.")), "token_invalid", "alg none").await;
}

#[tokio::test]
async fn a_token_signed_with_a_secret_is_refused() {
    let services = Services::start().await;
    // The algorithm-confusion attack: HS256 "signed" with the public key as the secret.
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(CURRENT_KID.into());
    let key = jsonwebtoken::EncodingKey::from_secret(CURRENT_JWK.as_bytes());
    let token = jsonwebtoken::encode(&header, &access_claims("parent-1"), &key).expect("sign");
    assert_refused(&services, Some(&token), "token_invalid", "HS256").await;
}

#[tokio::test]
async fn a_wrongly_signed_token_is_refused() {
    let services = Services::start().await;
    let forged = sign(&access_claims("parent-1"), STRANGER_PEM, CURRENT_KID);
    assert_refused(&services, Some(&forged), "token_invalid", "another key, the pool's key id").await;

    // A good token whose claims were changed after signing.
    let good = token_for("parent-1");
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    parts[1] = URL_SAFE_NO_PAD.encode(access_claims("someone-else").to_string());
    assert_refused(&services, Some(&parts.join(".")), "token_invalid", "claims swapped").await;
}

#[tokio::test]
async fn an_expired_token_is_refused_beyond_the_leeway() {
    let services = Services::start().await;
    let mut claims = access_claims("parent-1");
    claims["exp"] = (now() - services::EXPIRY_LEEWAY_SECS - 60).into();
    assert_refused(&services, Some(&sign(&claims, CURRENT_PEM, CURRENT_KID)), "token_expired", "expired")
        .await;

    // Just expired, within the leeway for clock drift: still good.
    claims["exp"] = (now() - 5).into();
    let response =
        services.post(GENERATE_PATH, Some(&sign(&claims, CURRENT_PEM, CURRENT_KID)), &story_request()).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_token_from_another_pool_client_or_of_another_use_is_refused() {
    let services = Services::start().await;
    let signed = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut claims = access_claims("parent-1");
        change(&mut claims);
        sign(&claims, CURRENT_PEM, CURRENT_KID)
    };
    let other_pool =
        signed(&|c| c["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other".into());
    assert_refused(&services, Some(&other_pool), "token_not_accepted", "wrong issuer").await;
    let no_issuer = signed(&|c| {
        c.as_object_mut().expect("object").remove("iss");
    });
    assert_refused(&services, Some(&no_issuer), "token_not_accepted", "no issuer").await;
    let other_client = signed(&|c| c["client_id"] = "another-app".into());
    assert_refused(&services, Some(&other_client), "token_not_accepted", "wrong client_id").await;
    // An id token names the client in `aud` and says token_use "id".
    let id_token = signed(&|c| {
        let claims = c.as_object_mut().expect("object");
        claims.remove("client_id");
        claims.insert("aud".into(), CLIENT_ID.into());
        claims.insert("token_use".into(), "id".into());
    });
    assert_refused(&services, Some(&id_token), "token_not_accepted", "an id token").await;
    let no_use = signed(&|c| {
        c.as_object_mut().expect("object").remove("token_use");
    });
    assert_refused(&services, Some(&no_use), "token_not_accepted", "no token_use").await;
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_made_up_key_ids_fetch_nothing() {
    let services = Services::start().await;
    let good = services.post(GENERATE_PATH, Some(&token_for("parent-1")), &story_request()).await;
    assert_eq!(good.status(), 200);
    assert_eq!(services.jwks.fetches(), 1, "the keys were fetched once, at start");

    // The pool rotates: it publishes a new key and signs with it.
    services.jwks.publish(&[CURRENT_JWK, ROTATED_JWK]);
    let rotated = sign(&access_claims("parent-1"), ROTATED_PEM, ROTATED_KID);
    let response = services.post(GENERATE_PATH, Some(&rotated), &story_request()).await;
    assert_eq!(response.status(), 200, "the new key was fetched");
    assert_eq!(services.jwks.fetches(), 2);
    let response = services.post(GENERATE_PATH, Some(&rotated), &story_request()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(services.jwks.fetches(), 2, "and kept");

    // A flood of tokens naming keys nobody publishes does not reach the pool again.
    for n in 0..10 {
        let bogus = sign(&access_claims("parent-1"), STRANGER_PEM, &format!("made-up-{n}"));
        assert_refused(&services, Some(&bogus), "token_invalid", "an unknown key id").await;
    }
    assert_eq!(services.jwks.fetches(), 2, "within the cool-down, unknown key ids fetch nothing");
}

#[tokio::test]
async fn an_unreachable_key_address_is_a_503_not_a_401() {
    // A port nothing listens on: the server cannot check any token, which is not the token's fault.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let pool = services::TrustedPool {
        client_id: CLIENT_ID.into(),
        issuer: issuer(),
        jwks_url: format!("http://127.0.0.1:{port}/jwks.json"),
    };
    let server = services::ServerBuilder::new(
        pool,
        std::sync::Arc::new(services_api::OnDeviceRecognizer),
        std::sync::Arc::new(services_api::OnDeviceStoryWriter),
    )
    .bind(loopback())
    .await
    .expect("starts without the keys");
    let response = reqwest::Client::new()
        .post(format!("http://{}{GENERATE_PATH}", server.local_addr()))
        .header("content-type", "application/json")
        .bearer_auth(token_for("parent-1"))
        .body(story_request().to_string())
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    assert_eq!(problem(response).await.code, "sign_in_check_unavailable");
}
