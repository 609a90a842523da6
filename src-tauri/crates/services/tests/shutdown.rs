//! A graceful stop over real sockets: once stopped, the server takes no new connection, a
//! request already in flight still gets its story, and a request that never finishes cannot
//! hold the stop beyond the grace period.

mod support;

use std::time::{Duration, Instant};

use services::Stopped;
use services_api::wire::{StoryScript, GENERATE_PATH};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Opens a connection and sends a story request's head and the first half of its body.
async fn start_half_sent_request(addr: std::net::SocketAddr, body: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST {GENERATE_PATH} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        token_for("parent-1"),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("send the head");
    stream.write_all(&body[..body.len() / 2]).await.expect("send half the body");
    stream
}

#[tokio::test]
async fn a_request_in_flight_finishes_after_the_stop_and_new_connections_are_refused() {
    let services = Services::start().await;
    let addr = services.server.local_addr();
    let body = serde_json::to_vec(&story_request()).expect("json");
    let mut stream = start_half_sent_request(addr, &body).await;
    // Let the server read the head, check the token and start waiting for the body.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let Services { server, jwks: _jwks, .. } = services;
    let stopping = tokio::spawn(server.shutdown());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(TcpStream::connect(addr).await.is_err(), "a stopping server accepts no new connection");
    assert!(!stopping.is_finished(), "the stop waits for the request in flight");

    stream.write_all(&body[body.len() / 2..]).await.expect("send the rest of the body");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the answer comes and the connection closes")
        .expect("read the answer");
    let answer = String::from_utf8(answer).expect("text");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let (_, json) = answer.split_once("\r\n\r\n").expect("a head and a body");
    let script: StoryScript = serde_json::from_str(json).expect("the story");
    assert!(!script.scenes.is_empty());
    assert_eq!(stopping.await.expect("joined"), Stopped::Drained);
}

#[tokio::test]
async fn a_request_that_never_finishes_cannot_hold_the_stop_beyond_the_grace_period() {
    let services = Services::start_with(|builder| builder.shutdown_grace(Duration::from_millis(500))).await;
    let body = serde_json::to_vec(&story_request()).expect("json");
    let _stalled = start_half_sent_request(services.server.local_addr(), &body).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let started = Instant::now();
    let Services { server, jwks: _jwks, .. } = services;
    assert_eq!(server.shutdown().await, Stopped::GraceExpired);
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(500) && took < Duration::from_secs(3), "stopped after {took:?}");
}

#[tokio::test]
async fn an_idle_server_stops_at_once() {
    let services = Services::start().await;
    let health = services.http.get(services.url("/health")).send().await.expect("answer");
    assert_eq!(health.status(), 200);
    let started = Instant::now();
    let Services { server, jwks: _jwks, http, .. } = services;
    assert_eq!(server.shutdown().await, Stopped::Drained);
    assert!(started.elapsed() < Duration::from_secs(2), "an idle keep-alive connection does not hold it");
    drop(http);
}
