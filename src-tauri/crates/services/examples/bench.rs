//! How many stories a second the server writes, and how long a parent waits for one, with the
//! token gate on: the server in this process, a local JWKS, a token per client signed with the
//! test-only key, N clients for a fixed time on `POST /api/v1/story/generate`, then the same on
//! `GET /health` as the floor (what HTTP and logging alone cost on this machine).
//!
//! `cargo run --release -p services --example bench -- --clients 16 --seconds 10`

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::routing::get;
use clap::Parser;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use services::{RateLimit, ServerBuilder, TrustedPool};
use services_api::wire::{GENERATE_PATH, HEALTH_PATH};
use services_api::{OnDeviceRecognizer, OnDeviceStoryWriter};

/// Test-only keys (see tests/keys/README.md): this benchmark is its own user pool.
const SIGNING_PEM: &[u8] = include_bytes!("../tests/keys/current.pem");
const PUBLIC_JWK: &str = include_str!("../tests/keys/current.jwk.json");
const KID: &str = "test-current";
const ISSUER: &str = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench";
const CLIENT_ID: &str = "bench-client";

#[derive(Parser)]
struct Args {
    /// Clients sending requests at the same time.
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// How long each endpoint is driven.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
}

struct Outcome {
    answered: usize,
    failed: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let jwks_url = serve_jwks().await;
    let pool = TrustedPool { client_id: CLIENT_ID.into(), issuer: ISSUER.into(), jwks_url };
    // The limiter still runs on every request; its limit is set out of the way.
    let server = ServerBuilder::new(pool, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter))
        .rate_limit(RateLimit { per_minute: u32::MAX, burst: u32::MAX })
        .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("the server starts");
    let base = format!("http://{}", server.local_addr());
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "nocomelon-services benchmark: {} clients, {} s per endpoint, {cores} cores, {} build",
        args.clients,
        args.seconds,
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    let story = drive(&base, Endpoint::Story, &args).await;
    let health = drive(&base, Endpoint::Health, &args).await;
    println!("{:<28} {:>10} {:>10} {:>10} {:>8}", "endpoint", "req/s", "p50 ms", "p99 ms", "errors");
    report(&format!("POST {GENERATE_PATH}"), &story);
    report(&format!("GET {HEALTH_PATH}"), &health);
    server.shutdown().await;
}

#[derive(Clone, Copy)]
enum Endpoint {
    Story,
    Health,
}

async fn drive(base: &str, endpoint: Endpoint, args: &Args) -> Outcome {
    let http = reqwest::Client::new();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    let mut clients = Vec::new();
    for client in 0..args.clients {
        let (http, base) = (http.clone(), base.to_owned());
        let token = token(&format!("bench-user-{client}"));
        clients.push(tokio::spawn(async move {
            let (mut latencies, mut failed, mut seed) = (Vec::new(), 0, client as u64 * 1_000_000);
            while Instant::now() < deadline {
                seed += 1;
                let request = match endpoint {
                    Endpoint::Story => http
                        .post(format!("{base}{GENERATE_PATH}"))
                        .bearer_auth(&token)
                        .header("content-type", "application/json")
                        .body(story_request(seed)),
                    Endpoint::Health => http.get(format!("{base}{HEALTH_PATH}")),
                };
                let sent = Instant::now();
                let answered = match request.send().await {
                    Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if answered {
                    latencies.push(sent.elapsed());
                } else {
                    failed += 1;
                }
            }
            (latencies, failed)
        }));
    }
    let mut outcome = Outcome { answered: 0, failed: 0, elapsed: Duration::ZERO, latencies: Vec::new() };
    for client in clients {
        let (latencies, failed) = client.await.expect("a client task");
        outcome.latencies.extend(latencies);
        outcome.failed += failed;
    }
    outcome.elapsed = started.elapsed();
    outcome.answered = outcome.latencies.len();
    outcome.latencies.sort();
    outcome
}

fn report(name: &str, outcome: &Outcome) {
    let percentile = |p: f64| {
        let last = outcome.latencies.len().saturating_sub(1);
        let index = ((last as f64) * p).round() as usize;
        outcome.latencies.get(index).map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{name:<28} {:>10.0} {:>10.2} {:>10.2} {:>8}",
        outcome.answered as f64 / outcome.elapsed.as_secs_f64(),
        percentile(0.50),
        percentile(0.99),
        outcome.failed
    );
}

fn story_request(seed: u64) -> String {
    serde_json::json!({
        "drawing": {"subject": "a purple dragon", "setting": "a castle", "mood": "brave"},
        "theme": "adventure",
        "voice_type": "cheerful",
        "child_age": 6,
        "personal_context": {"child_name": "Mia", "pet": "Tom the cat", "place": ""},
        "seed": seed
    })
    .to_string()
}

fn token(sub: &str) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let claims = serde_json::json!({
        "sub": sub, "iss": ISSUER, "client_id": CLIENT_ID, "token_use": "access",
        "iat": now, "exp": now + 3600,
    });
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(KID.into());
    encode(&header, &claims, &EncodingKey::from_rsa_pem(SIGNING_PEM).expect("the test key")).expect("sign")
}

/// A local JWKS publishing the test-only key; returns its URL.
async fn serve_jwks() -> String {
    let document = format!(r#"{{"keys":[{PUBLIC_JWK}]}}"#);
    let app = axum::Router::new().route(
        "/jwks.json",
        get(move || {
            let document = document.clone();
            async move { ([("content-type", "application/json")], document) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the JWKS server");
    let addr = listener.local_addr().expect("JWKS address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("JWKS server") });
    format!("http://{addr}/jwks.json")
}
