//! Under AWS Lambda (the Terraform's deployment) the same binary serves the same routes through
//! the Lambda runtime API. A local stand-in for that API (the documented HTTP interface the
//! runtime polls for the next invocation and answers on) hands it API Gateway HTTP API events
//! and reads back its answers, so the token checks are seen to be the ones the socket server
//! applies.

mod support;

use std::collections::VecDeque;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::Router;
use services_api::wire::{StoryScript, GENERATE_PATH, HEALTH_PATH};
use support::*;

const BINARY: &str = env!("CARGO_BIN_EXE_nocomelon-services");
const RUNTIME_PATH: &str = "/2018-06-01/runtime/invocation";

#[derive(Default)]
struct Invocations {
    waiting: VecDeque<(String, serde_json::Value)>,
    answers: Vec<(String, serde_json::Value)>,
}

type Shared = Arc<Mutex<Invocations>>;

/// The next event, or a wait for ever once none is left (as Lambda does between invocations).
async fn next(State(shared): State<Shared>) -> (HeaderMap, String) {
    let event = shared.lock().expect("invocations").waiting.pop_front();
    let Some((id, event)) = event else {
        std::future::pending::<()>().await;
        unreachable!("a pending future never ends");
    };
    let mut headers = HeaderMap::new();
    let deadline = (now() + 30) * 1000;
    for (name, value) in [
        ("lambda-runtime-aws-request-id", id.as_str()),
        ("lambda-runtime-deadline-ms", &deadline.to_string()),
        (
            "lambda-runtime-invoked-function-arn",
            "arn:aws:lambda:us-east-1:123456789012:function:nocomelon-services",
        ),
        ("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000"),
    ] {
        headers.insert(name, value.parse().expect("a header value"));
    }
    (headers, event.to_string())
}

async fn answer(State(shared): State<Shared>, Path(id): Path<String>, body: String) -> &'static str {
    let answer = serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body));
    shared.lock().expect("invocations").answers.push((id, answer));
    "{}"
}

async fn failed(State(shared): State<Shared>, Path(id): Path<String>, body: String) -> &'static str {
    shared.lock().expect("invocations").answers.push((id, serde_json::json!({ "runtime_error": body })));
    "{}"
}

/// An API Gateway HTTP API (payload 2.0) event.
fn event(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&serde_json::Value>,
) -> serde_json::Value {
    let mut headers = serde_json::json!({ "content-type": "application/json", "user-agent": "test" });
    if let Some(token) = token {
        headers["authorization"] = format!("Bearer {token}").into();
    }
    serde_json::json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "stories",
            "domainName": "stories.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "stories",
            "http": { "method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "test" },
            "requestId": "request",
            "routeKey": "$default",
            "stage": "$default",
            "time": "07/Dec/2026:06:00:00 +0000",
            "timeEpoch": now() * 1000
        },
        "body": body.map(serde_json::Value::to_string),
        "isBase64Encoded": false
    })
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_lambda_the_same_routes_answer_with_the_same_token_checks() {
    let jwks = JwksServer::start(&[CURRENT_JWK]).await;
    let request = story_request();
    let shared: Shared = Arc::new(Mutex::new(Invocations::default()));
    {
        let mut invocations = shared.lock().expect("invocations");
        for (id, event) in [
            ("health", event("GET", HEALTH_PATH, None, None)),
            ("story", event("POST", GENERATE_PATH, Some(&token_for("mia")), Some(&request))),
            ("no-token", event("POST", GENERATE_PATH, None, Some(&request))),
            ("id-token", event("POST", GENERATE_PATH, Some(&id_token()), Some(&request))),
        ] {
            invocations.waiting.push_back((id.to_owned(), event));
        }
    }
    let api = Router::new()
        .route(&format!("{RUNTIME_PATH}/next"), get(next))
        .route(&format!("{RUNTIME_PATH}/{{id}}/response"), post(answer))
        .route(&format!("{RUNTIME_PATH}/{{id}}/error"), post(failed))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for the runtime API");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, api).await.expect("the runtime API stand-in") });

    let mut function = Killed(
        Command::new(BINARY)
            .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", "nocomelon-services")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "stream")
            .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/nocomelon-services")
            .env("NOCOMELON_REGION", REGION)
            .env("NOCOMELON_USER_POOL_ID", USER_POOL_ID)
            .env("NOCOMELON_CLIENT_ID", CLIENT_ID)
            .env("NOCOMELON_JWKS_URL", &jwks.url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let started = Instant::now();
    while shared.lock().expect("invocations").answers.len() < 4 {
        if let Ok(Some(status)) = function.0.try_wait() {
            panic!(
                "the binary ended ({status}) instead of serving Lambda invocations; it must be built with the \
                 `lambda` feature (make test builds with --features services/lambda)"
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the function did not answer four invocations in 60 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let answers = shared.lock().expect("invocations").answers.clone();
    let answer_to = |id: &str| {
        answers
            .iter()
            .find(|(answered, _)| answered == id)
            .map(|(_, answer)| answer.clone())
            .expect("an answer")
    };
    let status = |answer: &serde_json::Value| answer["statusCode"].as_u64();
    let body = |answer: &serde_json::Value| answer["body"].as_str().unwrap_or_default().to_owned();

    let health = answer_to("health");
    assert_eq!(status(&health), Some(200), "{health}");
    assert!(body(&health).contains("\"ok\""), "{health}");

    let story = answer_to("story");
    assert_eq!(status(&story), Some(200), "{story}");
    let script: StoryScript = serde_json::from_str(&body(&story)).expect("a story in the body");
    assert!(!script.scenes.is_empty(), "{story}");
    let text = script.scenes.iter().map(|scene| scene.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(text.contains("Mia"), "the child's name from the request is in the story: {text}");

    for refused in ["no-token", "id-token"] {
        let answer = answer_to(refused);
        assert_eq!(status(&answer), Some(401), "{refused}: {answer}");
    }
}

/// An id token of the pool: signed by it, but not an access token.
fn id_token() -> String {
    let mut claims = access_claims("mia");
    claims["token_use"] = "id".into();
    sign(&claims, CURRENT_PEM, CURRENT_KID)
}
