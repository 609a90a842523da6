//! What the services tests share: test-only signing keys, a real HTTP server publishing the
//! user pool's JWKS (counting its fetches), access tokens signed like Cognito's, and the
//! services server itself started in-process on a free loopback port.

#![allow(dead_code)] // Each test file uses its own part of this.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::routing::get;
use axum::Router;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use services::{RunningServer, ServerBuilder, TrustedPool};
use services_api::{OnDeviceRecognizer, OnDeviceStoryWriter};

/// Test-only keys (see tests/keys/README.md).
pub const CURRENT_PEM: &[u8] = include_bytes!("../keys/current.pem");
pub const ROTATED_PEM: &[u8] = include_bytes!("../keys/rotated.pem");
pub const STRANGER_PEM: &[u8] = include_bytes!("../keys/stranger.pem");
pub const CURRENT_JWK: &str = include_str!("../keys/current.jwk.json");
pub const ROTATED_JWK: &str = include_str!("../keys/rotated.jwk.json");
pub const CURRENT_KID: &str = "test-current";
pub const ROTATED_KID: &str = "test-rotated";

pub const REGION: &str = "us-east-1";
pub const USER_POOL_ID: &str = "us-east-1_TestPool";
pub const CLIENT_ID: &str = "test-app-client";

pub fn issuer() -> String {
    format!("https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}")
}

/// A real HTTP server publishing a JWKS that the test can change, counting how often it is fetched.
pub struct JwksServer {
    pub url: String,
    document: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
}

impl JwksServer {
    /// Publishes `keys` (JWK JSON objects).
    pub async fn start(keys: &[&str]) -> JwksServer {
        let document = Arc::new(Mutex::new(jwks(keys)));
        let fetches = Arc::new(AtomicUsize::new(0));
        let (served, counted) = (document.clone(), fetches.clone());
        let app = Router::new().route(
            "/us-east-1_TestPool/.well-known/jwks.json",
            get(move || {
                let (served, counted) = (served.clone(), counted.clone());
                async move {
                    counted.fetch_add(1, Ordering::SeqCst);
                    let body = served.lock().expect("jwks lock").clone();
                    ([("content-type", "application/json")], body)
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the JWKS server");
        let addr = listener.local_addr().expect("JWKS address");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("JWKS server") });
        JwksServer {
            url: format!("http://{addr}/us-east-1_TestPool/.well-known/jwks.json"),
            document,
            fetches,
        }
    }

    /// From now on publishes `keys` instead.
    pub fn publish(&self, keys: &[&str]) {
        *self.document.lock().expect("jwks lock") = jwks(keys);
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

fn jwks(keys: &[&str]) -> String {
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs()
}

/// The claims of a Cognito access token for `sub`, valid for an hour.
pub fn access_claims(sub: &str) -> serde_json::Value {
    let now = now();
    serde_json::json!({
        "sub": sub,
        "iss": issuer(),
        "client_id": CLIENT_ID,
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "auth_time": now,
        "iat": now,
        "exp": now + 3600,
        "jti": uuid::Uuid::new_v4().to_string(),
        "username": sub,
    })
}

/// `claims` signed with RS256 by `pem`, naming `kid`.
pub fn sign(claims: &serde_json::Value, pem: &[u8], kid: &str) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_owned());
    let key = EncodingKey::from_rsa_pem(pem).expect("a test key");
    encode(&header, claims, &key).expect("sign a token")
}

/// A good access token for `sub`, signed with the pool's current key.
pub fn token_for(sub: &str) -> String {
    sign(&access_claims(sub), CURRENT_PEM, CURRENT_KID)
}

pub fn pool(jwks: &JwksServer) -> TrustedPool {
    TrustedPool { client_id: CLIENT_ID.into(), issuer: issuer(), jwks_url: jwks.url.clone() }
}

/// A services server with the on-device engine, on a free loopback port.
pub struct Services {
    pub jwks: JwksServer,
    pub server: RunningServer,
    pub base: String,
    pub http: reqwest::Client,
}

impl Services {
    pub async fn start() -> Services {
        Self::start_with(|builder| builder).await
    }

    /// `adjust` changes the builder's limits before the server starts.
    pub async fn start_with(adjust: impl FnOnce(ServerBuilder) -> ServerBuilder) -> Services {
        let jwks = JwksServer::start(&[CURRENT_JWK]).await;
        let builder =
            ServerBuilder::new(pool(&jwks), Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter));
        let server = adjust(builder).bind(loopback()).await.expect("the services server starts");
        let base = format!("http://{}", server.local_addr());
        Services { jwks, server, base, http: reqwest::Client::new() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POSTs `body` as JSON to `path` with `token` (if any).
    pub async fn post(&self, path: &str, token: Option<&str>, body: &serde_json::Value) -> reqwest::Response {
        let mut request = self
            .http
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).expect("json"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("the server answers")
    }
}

pub fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// A fixture drawing as the app sends it.
pub fn drawing_base64(name: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(fixtures::read(name))
}

/// A story request for a pig, as the desktop app sends it.
pub fn story_request() -> serde_json::Value {
    serde_json::json!({
        "drawing": {"subject": "a pink pig", "setting": "a muddy farm", "mood": "happy"},
        "theme": "friendship",
        "voice_type": "gentle",
        "child_age": 5,
        "personal_context": {"child_name": "Mia", "pet": "", "place": ""},
        "seed": 7
    })
}

/// The `Problem` of an error response, after checking it is one.
pub async fn problem(response: reqwest::Response) -> services_api::wire::Problem {
    let content_type = response.headers().get("content-type").cloned();
    let text = response.text().await.expect("a body");
    assert_eq!(
        content_type.as_ref().and_then(|v| v.to_str().ok()),
        Some("application/json"),
        "an error is JSON: {text}"
    );
    let problem: services_api::wire::Problem = serde_json::from_str(&text).expect("a Problem body");
    assert!(!problem.code.is_empty() && problem.message.ends_with('.'), "a code and a sentence: {problem:?}");
    problem
}
