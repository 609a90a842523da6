//! Any local program can connect to the media server, so it must survive clients that never
//! finish, never stop, never read, or come by the hundreds, and keep serving the real player
//! meanwhile. The server runs as its own process here, and its memory, threads, open files and
//! CPU time are read from /proc before and after each attack.
#![cfg(target_os = "linux")]

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use support::probe::{assert_memory_flat, eventually, Probe};
use support::{exchange, get, patterned, read_response, target, Folder};

/// What the app runs with (`Limits::default()`), which these tests hold the server to.
const MAX_CONNECTIONS: u64 = 32;
const HEAD_CAP: usize = 8 * 1024;

/// A few ordinary requests first, so memory the server allocates once is not taken for growth.
fn warmed_up(probe: &Probe, video: &Path) -> u64 {
    for _ in 0..3 {
        assert_eq!(get(&probe.origin, video, Some("bytes=0-")).status(), 206);
    }
    probe.rss_kib()
}

/// A client whose socket takes little data at a time, so the server's writes block on it
/// instead of landing in a large receive buffer.
fn narrow_client(host: &str) -> TcpStream {
    let stream = TcpStream::connect(host).expect("connect");
    rustix::net::sockopt::set_socket_recv_buffer_size(&stream, 64 * 1024).expect("receive buffer");
    stream
}

fn connection_was_closed(error: &std::io::Error) -> bool {
    matches!(error.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe | ErrorKind::ConnectionAborted)
}

#[test]
fn an_endless_request_line_is_cut_off_at_8_kib_and_the_server_does_not_grow() {
    let folder = Folder::new();
    let video = folder.file("story.mp4", 64 * 1024);
    let probe = Probe::start(&folder.media, &[]);
    let host = probe.host();
    let before = warmed_up(&probe, &video);

    let (_, path) = target(&probe.origin, &video);
    let filler = "x".repeat(HEAD_CAP - 1024);
    let just_under = exchange(&host, format!("GET {path} HTTP/1.1\r\nX-Filler: {filler}\r\n\r\n").as_bytes());
    assert_eq!(just_under.status(), 200, "a head just under the cap is still a request");

    let mut long = TcpStream::connect(&host).expect("connect");
    long.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    long.write_all(format!("GET /{}", "a".repeat(HEAD_CAP + 1024)).as_bytes()).expect("send");
    let refused = read_response(&mut long);
    assert_eq!(refused.status(), 431, "{}", refused.head);
    assert_eq!(refused.header("Connection"), Some("close"));

    let mut endless = TcpStream::connect(&host).expect("connect");
    endless.set_write_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let chunk = vec![b'a'; 64 * 1024];
    let started = Instant::now();
    let mut sent = 0usize;
    let outcome = endless.write_all(b"GET /").and_then(|()| loop {
        sent += endless.write(&chunk)?;
        if sent > 1024 * 1024 * 1024 || started.elapsed() > Duration::from_secs(30) {
            return Ok(());
        }
    });
    let error = outcome.expect_err("the server must close an endless request");
    assert!(connection_was_closed(&error), "the connection stalled instead of closing: {error}");
    eprintln!(
        "an endless request line was closed after the client sent {sent} bytes in {:?}",
        started.elapsed()
    );
    assert!(sent < 64 * 1024 * 1024, "the server kept reading: {sent} bytes");

    assert_eq!(get(&probe.origin, &video, None).status(), 200, "the server still serves");
    assert_memory_flat("endless request line", before, probe.rss_kib());
}

#[test]
fn a_client_trickling_its_request_is_closed_at_the_head_deadline_while_others_are_served() {
    let folder = Folder::new();
    let video = folder.file("story.mp4", 256 * 1024);
    let probe = Probe::start(&folder.media, &["--head-deadline-ms", "2000"]);
    let host = probe.host();
    let before = warmed_up(&probe, &video);

    let mut trickler = TcpStream::connect(&host).expect("connect");
    let started = Instant::now();
    let mut writer = trickler.try_clone().expect("clone");
    let trickling = std::thread::spawn(move || {
        for byte in b"GET /".iter().chain(std::iter::repeat(&b'a')) {
            if started.elapsed() > Duration::from_secs(10) {
                return false;
            }
            if writer.write_all(&[*byte]).is_err() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    });

    for _ in 0..5 {
        let asked = Instant::now();
        let response = get(&probe.origin, &video, Some("bytes=1000-"));
        assert_eq!(response.status(), 206);
        assert_eq!(response.body, patterned(1000, 256 * 1024 - 1000));
        assert!(asked.elapsed() < Duration::from_secs(2), "a player waited {:?}", asked.elapsed());
        std::thread::sleep(Duration::from_millis(200));
    }

    trickler.set_read_timeout(Some(Duration::from_secs(15))).expect("timeout");
    let answer = read_response(&mut trickler);
    let closed_after = started.elapsed();
    eprintln!("a trickling client was answered and closed after {closed_after:?}");
    assert_eq!(answer.status(), 408, "{}", answer.head);
    assert!(
        closed_after >= Duration::from_millis(1900) && closed_after < Duration::from_secs(5),
        "the 2 s deadline for the head held for {closed_after:?}"
    );
    assert!(trickling.join().expect("trickler"), "the server cut the trickle off, it did not run out");
    assert_memory_flat("trickling request", before, probe.rss_kib());
}

#[test]
fn hundreds_of_silent_sockets_do_not_keep_a_video_from_playing() {
    let folder = Folder::new();
    let video = folder.file("story.mp4", 1024 * 1024);
    let probe = Probe::start(&folder.media, &[]);
    let host = probe.host();
    let before = warmed_up(&probe, &video);

    let silent: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(&host).expect("connect")).collect();
    let asked = Instant::now();
    let response = get(&probe.origin, &video, Some("bytes=0-"));
    let waited = asked.elapsed();
    eprintln!("with 300 silent sockets open, a video request was answered in {waited:?}");
    assert_eq!(response.status(), 206);
    assert_eq!(response.body, patterned(0, 1024 * 1024));
    assert!(waited < Duration::from_secs(3), "the player waited {waited:?}");

    let threads = probe.threads();
    eprintln!("the server runs {threads} threads");
    // The connection cap, the main and accept threads, and a few threads just finishing.
    assert!(threads <= MAX_CONNECTIONS + 2 + 4, "{threads} threads for 300 sockets");
    assert_memory_flat("300 silent sockets", before, probe.rss_kib());
    drop(silent);
}

#[test]
fn a_client_that_stops_reading_is_let_go_after_the_write_timeout_and_others_are_served() {
    const BIG: u64 = 64 * 1024 * 1024;
    let folder = Folder::new();
    let big = folder.media.join("long.mp4");
    std::fs::File::create(&big).and_then(|file| file.set_len(BIG)).expect("sparse video");
    let small = folder.file("short.mp4", 10 * 1024);
    let probe = Probe::start(&folder.media, &["--write-timeout-ms", "1000"]);
    let host = probe.host();
    let before = warmed_up(&probe, &small);
    let files_before = probe.open_files();

    let mut stalled = narrow_client(&host);
    let (_, path) = target(&probe.origin, &big);
    let requested = Instant::now();
    stalled.write_all(format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes()).expect("send");
    assert!(
        eventually(Duration::from_secs(5), || probe.open_files() >= files_before + 2),
        "the download never started: {} files open, {files_before} before",
        probe.open_files()
    );

    let response = get(&probe.origin, &small, None);
    assert_eq!(response.status(), 200, "others are served while one client stalls");
    assert_eq!(response.body, patterned(0, 10 * 1024));

    assert!(
        eventually(Duration::from_secs(10), || probe.open_files() == files_before),
        "the stalled connection still holds {} files",
        probe.open_files() - files_before
    );
    let freed_after = requested.elapsed();
    eprintln!("a client that stopped reading was let go {freed_after:?} after its request");
    // The server cannot have waited the 1 s write timeout out before the request even arrived.
    assert!(freed_after >= Duration::from_secs(1), "let go too early, after {freed_after:?}");

    stalled.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut received = 0u64;
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        match stalled.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => received += read as u64,
            Err(error) if connection_was_closed(&error) => break,
            Err(error) => panic!("the stalled connection was neither finished nor closed: {error}"),
        }
    }
    eprintln!("the stalled client found {received} of {BIG} bytes");
    assert!(received < BIG, "the whole file arrived, so the client never really stalled");
    assert_memory_flat("client that stops reading", before, probe.rss_kib());
}

#[test]
fn a_player_reading_slowly_but_steadily_gets_the_whole_video() {
    const SIZE: usize = 12 * 1024 * 1024;
    let folder = Folder::new();
    let video = folder.file("long.mp4", SIZE);
    let probe = Probe::start(&folder.media, &["--write-timeout-ms", "1000"]);
    let host = probe.host();

    let mut player = narrow_client(&host);
    player.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let (_, path) = target(&probe.origin, &video);
    let started = Instant::now();
    player.write_all(format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes()).expect("send");
    let mut received = Vec::with_capacity(SIZE + 1024);
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = player.read(&mut buffer).expect("the server keeps sending to a reading player");
        if read == 0 {
            break;
        }
        received.extend_from_slice(&buffer[..read]);
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = started.elapsed();
    eprintln!("a slow player read {} bytes in {took:?} with a 1 s write timeout", received.len());
    let split = received.windows(4).position(|window| window == b"\r\n\r\n").expect("head") + 4;
    assert!(received.starts_with(b"HTTP/1.1 200"));
    assert!(received[split..] == patterned(0, SIZE), "the whole video, byte for byte");
    assert!(took > Duration::from_secs(2), "the download took {took:?}, not longer than the write timeout");
}

#[test]
fn running_out_of_file_descriptors_does_not_make_the_accept_loop_spin() {
    const OPEN_FILE_LIMIT: usize = 24;
    let folder = Folder::new();
    let video = folder.file("story.mp4", 64 * 1024);
    let probe = Probe::start(&folder.media, &["--max-open-files", &OPEN_FILE_LIMIT.to_string()]);
    let host = probe.host();
    let before = warmed_up(&probe, &video);

    let hogs: Vec<TcpStream> = (0..60).map(|_| TcpStream::connect(&host).expect("connect")).collect();
    assert!(
        eventually(Duration::from_secs(5), || probe.open_files() >= OPEN_FILE_LIMIT),
        "the server never ran out of descriptors: {} open",
        probe.open_files()
    );
    let cpu_before = probe.cpu_time();
    std::thread::sleep(Duration::from_secs(2));
    let spent = probe.cpu_time().saturating_sub(cpu_before);
    eprintln!("out of descriptors for 2 s, the server used {spent:?} of CPU");
    assert!(spent < Duration::from_millis(300), "the accept loop spun: {spent:?} of CPU in 2 s");

    drop(hogs);
    let asked = Instant::now();
    let response = get(&probe.origin, &video, None);
    eprintln!("once the descriptors were back, a request was answered in {:?}", asked.elapsed());
    assert_eq!(response.status(), 200);
    assert_eq!(response.body, patterned(0, 64 * 1024));
    assert_memory_flat("descriptors exhausted", before, probe.rss_kib());
}
