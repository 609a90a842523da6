//! What the server refuses over real HTTP, each time with a `Problem` that says why: too many
//! requests from one account, bodies too large, not JSON, the wrong shape, pictures it will not
//! open, and paths or methods it does not serve.

mod support;

use services::RateLimit;
use services_api::wire::{ANALYZE_PATH, GENERATE_PATH, HEALTH_PATH};
use support::*;

#[tokio::test]
async fn an_account_over_its_burst_is_told_how_long_to_wait() {
    let services =
        Services::start_with(|builder| builder.rate_limit(RateLimit { per_minute: 6, burst: 3 })).await;
    let mia = token_for("mia");
    for _ in 0..3 {
        assert_eq!(services.post(GENERATE_PATH, Some(&mia), &story_request()).await.status(), 200);
    }
    let refused = services.post(GENERATE_PATH, Some(&mia), &story_request()).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
    assert!((1..=10).contains(&wait), "six a minute: one every ten seconds at most, got {wait}");
    let problem = problem(refused).await;
    assert_eq!(problem.code, "rate_limited");
    assert!(problem.message.contains(&format!("{wait} s")), "{problem:?}");

    // Another family is not slowed down by Mia's.
    let leo = token_for("leo");
    assert_eq!(services.post(GENERATE_PATH, Some(&leo), &story_request()).await.status(), 200);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let services = Services::start_with(|builder| builder.body_limit(64 * 1024)).await;
    let body = serde_json::json!({ "image_base64": "A".repeat(100 * 1024) });
    let response = services.post(ANALYZE_PATH, Some(&token_for("mia")), &body).await;
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await.code, "body_too_large");

    // The default limit (8 MiB) takes a drawing as the app sends it, but not 9 MiB.
    let services = Services::start().await;
    let body = serde_json::json!({ "image_base64": "A".repeat(9 * 1024 * 1024) });
    let response = services.post(ANALYZE_PATH, Some(&token_for("mia")), &body).await;
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn malformed_json_is_a_400_and_the_wrong_shape_a_422() {
    let services = Services::start().await;
    let token = token_for("mia");
    let send = |body: &'static str, content_type: &'static str| {
        services
            .http
            .post(services.url(GENERATE_PATH))
            .bearer_auth(&token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let response = send(r#"{"drawing": {"subject": "pig",,}"#, "application/json").await.expect("answer");
    assert_eq!(response.status(), 400);
    let problem400 = problem(response).await;
    assert_eq!(problem400.code, "malformed_json");
    assert!(problem400.message.contains("line 1"), "says where: {problem400:?}");

    let response = send(r#"{"drawing": {"subject": "pig"}}"#, "application/json").await.expect("answer");
    assert_eq!(response.status(), 422);
    let problem422 = problem(response).await;
    assert_eq!(problem422.code, "invalid_request");
    assert!(problem422.message.contains("setting"), "names the missing field: {problem422:?}");

    let too_old = r#"{"drawing":{"subject":"a","setting":"b","mood":"c"},"theme":"silly","voice_type":"gentle","child_age":300}"#;
    let response = send(too_old, "application/json").await.expect("answer");
    assert_eq!(response.status(), 422, "an age that is not 0 to 255");

    let response = send(r#"{}"#, "text/plain").await.expect("answer");
    assert_eq!(response.status(), 415);
    assert_eq!(problem(response).await.code, "unsupported_media_type");
}

/// A small PNG whose header claims `width` × `height` pixels.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
                                              // One zero byte, deflated: the rest of a real bomb is more of the same.
    let mut idat = b"IDAT".to_vec();
    idat.extend_from_slice(&[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for chunk in [ihdr, idat, b"IEND".to_vec()] {
        png.extend_from_slice(&(chunk.len() as u32 - 4).to_be_bytes());
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

#[tokio::test]
async fn pictures_the_server_will_not_open_are_refused_with_422() {
    use base64::Engine as _;
    let services = Services::start().await;
    let token = token_for("mia");
    let analyze = |image_base64: String| {
        let body = serde_json::json!({ "image_base64": image_base64 });
        let (services, token) = (&services, &token);
        async move { services.post(ANALYZE_PATH, Some(token), &body).await }
    };
    let cases = [
        ("not base64 at all!".to_owned(), "not_base64"),
        (base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.7 a letter"), "not_a_picture"),
        (base64::engine::general_purpose::STANDARD.encode(png_claiming(50_000, 50_000)), "picture_too_large"),
        (
            base64::engine::general_purpose::STANDARD.encode(&fixtures::read("pig.png")[..2000]),
            "damaged_picture",
        ),
    ];
    for (image, code) in cases {
        let response = analyze(image).await;
        assert_eq!(response.status(), 422, "{code}");
        let problem = problem(response).await;
        assert_eq!(problem.code, code, "{problem:?}");
    }
    let bomb = analyze(base64::engine::general_purpose::STANDARD.encode(png_claiming(50_000, 50_000))).await;
    let message = problem(bomb).await.message;
    assert!(message.contains("50000 × 50000"), "says how large: {message}");
}

#[tokio::test]
async fn unknown_paths_and_methods_get_a_problem() {
    let services = Services::start().await;
    let response = services.http.get(services.url("/api/v2/nothing")).send().await.expect("answer");
    assert_eq!(response.status(), 404);
    assert_eq!(problem(response).await.code, "not_found");

    let response = services.http.delete(services.url(HEALTH_PATH)).send().await.expect("answer");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET,HEAD");
    assert_eq!(problem(response).await.code, "method_not_allowed");

    let response = services.http.get(services.url(GENERATE_PATH)).send().await.expect("answer");
    assert_eq!(response.status(), 405, "no token is asked of a method the path does not serve");
    assert_eq!(problem(response).await.code, "method_not_allowed");
}
