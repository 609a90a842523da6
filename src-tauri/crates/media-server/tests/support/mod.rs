//! What the tests share: a raw HTTP client over real sockets and media files with known bytes.
#![allow(dead_code)]

#[cfg(target_os = "linux")]
pub mod probe;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A media folder with a sibling file that must never be served.
pub struct Folder {
    pub dir: tempfile::TempDir,
    pub media: PathBuf,
}

impl Folder {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let media = dir.path().join("media folder");
        std::fs::create_dir_all(&media).expect("media folder");
        std::fs::write(dir.path().join("secret.txt"), b"not for the webview").expect("secret");
        let media = media.canonicalize().expect("canonical");
        Self { dir, media }
    }

    /// A file whose byte at offset i is `i % 251`, so any slice identifies where it came from.
    pub fn file(&self, name: &str, size: usize) -> PathBuf {
        let path = self.media.join(name);
        std::fs::write(&path, patterned(0, size)).expect("write media");
        path
    }
}

pub fn patterned(from: usize, length: usize) -> Vec<u8> {
    (from..from + length).map(|index| (index % 251) as u8).collect()
}

/// The request target of `path` under `origin` (as the UI builds it), and the address to dial.
pub fn target(origin: &str, path: &Path) -> (String, String) {
    let rest = origin.strip_prefix("http://").expect("http origin");
    let (host, token) = rest.split_once('/').expect("token in origin");
    (host.to_string(), format!("/{token}/{}", encode(path)))
}

pub fn encode(path: &Path) -> String {
    path.to_string_lossy()
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-_./".contains(&byte) {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

#[derive(Debug)]
pub struct Response {
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.head.split(' ').nth(1).and_then(|code| code.parse().ok()).expect("status code")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Sends `raw` as is and reads the answer to the end of the connection.
pub fn exchange(host: &str, raw: &[u8]) -> Response {
    let mut stream = TcpStream::connect(host).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    stream.write_all(raw).expect("send");
    read_response(&mut stream)
}

pub fn read_response(stream: &mut TcpStream) -> Response {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the response");
    let split = bytes.windows(4).position(|window| window == b"\r\n\r\n").expect("a response head") + 4;
    Response { head: String::from_utf8_lossy(&bytes[..split]).into_owned(), body: bytes[split..].to_vec() }
}

pub fn request(origin: &str, method: &str, path: &Path, range: Option<&str>) -> Response {
    let (host, target) = target(origin, path);
    let range = range.map(|range| format!("Range: {range}\r\n")).unwrap_or_default();
    exchange(&host, format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\n{range}\r\n").as_bytes())
}

pub fn get(origin: &str, path: &Path, range: Option<&str>) -> Response {
    request(origin, "GET", path, range)
}
