//! The emulator's control API over plain HTTP on loopback. A few lines of std networking, not a
//! full HTTP client: a client library would bring its own TLS stack into the tests' build and
//! change how the AWS SDK's dependencies are compiled for the tests, so the app and its tests
//! could no longer share one build.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A control call's answer: its status code and body.
pub(crate) struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| {
            panic!("the control API answered something that is not JSON ({error}): {}", self.body)
        })
    }
}

/// Sends one request to `base` (`http://127.0.0.1:<port>`) and reads the whole answer. HTTP/1.0,
/// so the answer is never chunked and the connection closes after it.
pub(crate) fn request(
    base: &str,
    method: &str,
    path_and_query: &str,
    json: Option<&serde_json::Value>,
    timeout: Duration,
) -> Answer {
    let authority =
        base.strip_prefix("http://").unwrap_or_else(|| panic!("the emulator runs on plain HTTP: {base}"));
    let authority = authority.trim_end_matches('/');
    let mut stream = TcpStream::connect(authority)
        .unwrap_or_else(|error| panic!("the emulator at {base} answers: {error}"));
    stream.set_read_timeout(Some(timeout)).expect("read timeout");
    stream.set_write_timeout(Some(timeout)).expect("write timeout");
    let body = json.map(|value| value.to_string()).unwrap_or_default();
    let head = format!(
        "{method} {path_and_query} HTTP/1.0\r\nHost: {authority}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .expect("the request is sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("the answer is read");
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {head}"));
    Answer { status, body: body.to_owned() }
}

/// `?name=value&...` with every value percent-encoded.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (byte as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect()
    };
    let joined: Vec<String> =
        pairs.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!("?{}", joined.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            query(&[("username", "mum+1@example.org"), ("pool", "eu-west-1_A")]),
            "?username=mum%2B1%40example.org&pool=eu-west-1_A"
        );
        assert_eq!(query(&[]), "");
    }
}
