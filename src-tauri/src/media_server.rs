//! Videos reach the webview over a loopback HTTP server with Range support: WebKitGTK's media
//! player (GStreamer) cannot read Tauri's custom `asset:` scheme, but it plays plain HTTP.
//!
//! It serves only files inside the media folder, only to requests carrying a random per-launch
//! token, only on 127.0.0.1, and only GET/HEAD.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub struct MediaServer {
    origin: String,
}

struct Shared {
    token: String,
    root: PathBuf,
}

impl MediaServer {
    /// Starts serving `media_dir` on a free loopback port.
    pub fn start(media_dir: &Path) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let token = uuid::Uuid::new_v4().simple().to_string();
        let shared = Arc::new(Shared { root: media_dir.canonicalize()?, token: token.clone() });
        std::thread::Builder::new().name("media-server".into()).spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&shared);
                let _ = std::thread::Builder::new().name("media-request".into()).spawn(move || {
                    if let Err(error) = serve(stream, &shared) {
                        tracing::debug!(%error, "media request ended early");
                    }
                });
            }
        })?;
        Ok(Self { origin: format!("http://127.0.0.1:{port}/{token}") })
    }

    /// The prefix of every media URL; a file's URL is this plus `/` and its percent-encoded path.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut range = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("range") {
                range = Some(value.trim().to_string());
            }
        }
    }
    let mut out = stream;
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return respond(&mut out, "400 Bad Request", &[], None);
    };
    if method != "GET" && method != "HEAD" {
        return respond(&mut out, "405 Method Not Allowed", &[], None);
    }
    let Some(path) = resolve(target, shared) else {
        return respond(&mut out, "404 Not Found", &[], None);
    };
    let mut file = File::open(&path)?;
    let size = file.metadata()?.len();
    let content_type = content_type(&path);
    let (status, start, end) = match range.as_deref().map(|r| parse_range(r, size)) {
        None => ("200 OK", 0, size.saturating_sub(1)),
        Some(Some((start, end))) => ("206 Partial Content", start, end),
        Some(None) => {
            let header = format!("Content-Range: bytes */{size}");
            return respond(&mut out, "416 Range Not Satisfiable", &[&header], None);
        }
    };
    let length = if size == 0 { 0 } else { end - start + 1 };
    let content_range = format!("Content-Range: bytes {start}-{end}/{size}");
    let mut headers = vec![format!("Content-Type: {content_type}"), format!("Content-Length: {length}")];
    headers.push("Accept-Ranges: bytes".into());
    if status.starts_with("206") {
        headers.push(content_range);
    }
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    if method == "HEAD" {
        return respond(&mut out, status, &header_refs, None);
    }
    file.seek(SeekFrom::Start(start))?;
    respond(&mut out, status, &header_refs, Some(&mut file.take(length)))
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    headers: &[&str],
    body: Option<&mut dyn Read>,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\nCache-Control: no-store\r\n");
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    if body.is_none() && !headers.iter().any(|h| h.starts_with("Content-Length")) {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if let Some(body) = body {
        std::io::copy(body, out)?;
    }
    out.flush()
}

/// `/<token>/<percent-encoded absolute path>` -> a file inside the media folder.
fn resolve(target: &str, shared: &Shared) -> Option<PathBuf> {
    let rest = target.strip_prefix('/')?;
    let (token, encoded) = rest.split_once('/')?;
    if !constant_time_eq(token.as_bytes(), shared.token.as_bytes()) {
        return None;
    }
    let encoded = encoded.split('?').next()?;
    let decoded = percent_decode(encoded)?;
    let path = Path::new(&decoded).canonicalize().ok()?;
    (path.starts_with(&shared.root) && path.is_file()).then_some(path)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `bytes=a-b`, `bytes=a-`, `bytes=-n` -> inclusive (start, end) within `size`.
fn parse_range(value: &str, size: u64) -> Option<(u64, u64)> {
    let spec = value.strip_prefix("bytes=")?.split(',').next()?.trim();
    let (start, end) = spec.split_once('-')?;
    if size == 0 {
        return None;
    }
    let (start, end) = match (start.trim(), end.trim()) {
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            (size.saturating_sub(n), size - 1)
        }
        (start, "") => (start.parse().ok()?, size - 1),
        (start, end) => (start.parse().ok()?, end.parse::<u64>().ok()?.min(size - 1)),
    };
    (start <= end && start < size).then_some((start, end))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "mp4" => "video/mp4",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "wav" => "audio/wav",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(origin: &str, path: &str, range: Option<&str>) -> (String, Vec<u8>) {
        let url = origin.strip_prefix("http://").expect("http");
        let (host, prefix) = url.split_once('/').expect("token");
        let mut stream = TcpStream::connect(host).expect("connect");
        let range = range.map(|r| format!("Range: {r}\r\n")).unwrap_or_default();
        write!(stream, "GET /{prefix}/{path} HTTP/1.1\r\nHost: x\r\n{range}\r\n").expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("head") + 4;
        (String::from_utf8_lossy(&response[..split]).into_owned(), response[split..].to_vec())
    }

    fn encode(path: &Path) -> String {
        path.to_string_lossy()
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_./".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }

    #[test]
    fn serves_whole_files_and_byte_ranges_inside_the_media_folder_only() {
        let dir = tempfile::tempdir().expect("dir");
        let media = dir.path().join("media");
        std::fs::create_dir_all(&media).expect("media");
        let video = media.join("my story.mp4");
        std::fs::write(&video, b"0123456789").expect("write");
        std::fs::write(dir.path().join("secret.txt"), b"no").expect("write");
        let server = MediaServer::start(&media).expect("start");

        let (head, body) = get(server.origin(), &encode(&video), None);
        assert!(head.starts_with("HTTP/1.1 200") && head.contains("video/mp4"), "{head}");
        assert_eq!(body, b"0123456789");
        let (head, body) = get(server.origin(), &encode(&video), Some("bytes=2-5"));
        assert!(head.starts_with("HTTP/1.1 206") && head.contains("Content-Range: bytes 2-5/10"), "{head}");
        assert_eq!(body, b"2345");
        let (_, body) = get(server.origin(), &encode(&video), Some("bytes=-3"));
        assert_eq!(body, b"789");
        let (head, _) = get(server.origin(), &encode(&video), Some("bytes=20-"));
        assert!(head.starts_with("HTTP/1.1 416"), "{head}");

        let outside = encode(&media.join("../secret.txt"));
        assert!(
            get(server.origin(), &outside, None).0.starts_with("HTTP/1.1 404"),
            "nothing outside the media folder"
        );
        let wrong_token =
            server.origin().rsplit_once('/').map(|(base, _)| format!("{base}/nope")).expect("origin");
        assert!(
            get(&wrong_token, &encode(&video), None).0.starts_with("HTTP/1.1 404"),
            "the token is required"
        );
    }
}
