//! Reading a request head from a client nobody vouches for: into a buffer of fixed size, against
//! one deadline for the whole head (so trickling bytes cannot extend it), and parsed only as far
//! as this server needs (method, target, Range).

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::Instant;

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
    Other,
}

#[derive(Debug)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) target: String,
    /// The Range field's value; `None` when absent or given more than once (which is not valid).
    pub(crate) range: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum HeadError {
    #[error("the client closed the connection before its request was complete")]
    ClientLeft,
    #[error("the request head is larger than the limit")]
    TooLarge,
    #[error("the request head did not arrive before the deadline")]
    TimedOut,
    #[error("the request head is not valid HTTP/1.1")]
    Malformed,
    #[error("reading the request failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads until the empty line that ends the head, at most `max_bytes`, until `deadline`.
pub(crate) fn read(stream: &TcpStream, max_bytes: usize, deadline: Instant) -> Result<Request, HeadError> {
    let mut buffer = vec![0u8; max_bytes];
    let mut filled = 0;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(HeadError::TimedOut);
        }
        stream.set_read_timeout(Some(remaining))?;
        let read = match (&*stream).read(&mut buffer[filled..]) {
            Ok(0) => return Err(HeadError::ClientLeft),
            Ok(read) => read,
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(HeadError::TimedOut)
            }
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error.into()),
        };
        // The blank line may straddle reads; look back far enough to see all of it.
        let search_from = filled.saturating_sub(3);
        filled += read;
        if let Some(end) = end_of_head(&buffer[..filled], search_from) {
            return parse(&buffer[..end]);
        }
        if filled == max_bytes {
            return Err(HeadError::TooLarge);
        }
    }
}

/// The index just past the empty line (`\r\n` or a bare `\n`) that ends the head.
fn end_of_head(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len()).find_map(|index| {
        let ends_line = bytes[index] == b'\n';
        let after_bare_newline = index >= 1 && bytes[index - 1] == b'\n';
        let after_crlf_newline = index >= 2 && bytes[index - 1] == b'\r' && bytes[index - 2] == b'\n';
        (ends_line && (after_bare_newline || after_crlf_newline)).then_some(index + 1)
    })
}

fn parse(head: &[u8]) -> Result<Request, HeadError> {
    let text = String::from_utf8_lossy(head);
    // RFC 9112 §2.2: empty lines before the request line are ignored.
    let mut lines = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
    let request_line = lines.by_ref().find(|line| !line.is_empty()).ok_or(HeadError::Malformed)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    if !version.starts_with("HTTP/1.") || target.is_empty() {
        return Err(HeadError::Malformed);
    }
    let mut ranges = Vec::new();
    for line in lines.take_while(|line| !line.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
        // RFC 9112 §5.1: whitespace before the colon (or a folded line) must be rejected.
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(HeadError::Malformed);
        }
        if name.eq_ignore_ascii_case("range") {
            ranges.push(value.trim_matches([' ', '\t']).to_string());
        }
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    let range = if ranges.len() == 1 { ranges.pop() } else { None };
    Ok(Request { method, target: target.to_string(), range })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_ends_at_the_first_empty_line_with_or_without_carriage_returns() {
        assert_eq!(end_of_head(b"GET / HTTP/1.1\r\nA: b\r\n\r\nrest", 0), Some(24));
        assert_eq!(end_of_head(b"GET / HTTP/1.1\nA: b\n\nrest", 0), Some(21));
        assert_eq!(end_of_head(b"GET / HTTP/1.1\r\nA: b\r\n", 0), None);
    }

    #[test]
    fn a_request_yields_its_method_target_and_single_range() {
        let request =
            parse(b"\r\nGET /t/x HTTP/1.1\r\nHost: h\r\nrange:  bytes=1-2 \r\n\r\n").expect("parse");
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.target, "/t/x");
        assert_eq!(request.range.as_deref(), Some("bytes=1-2"));
    }

    #[test]
    fn a_range_given_twice_is_not_used() {
        let request =
            parse(b"GET /t/x HTTP/1.1\r\nRange: bytes=1-2\r\nRange: bytes=3-4\r\n\r\n").expect("parse");
        assert_eq!(request.range, None);
    }

    #[test]
    fn request_lines_and_fields_that_break_the_grammar_are_refused() {
        for head in [
            &b"GET /t/x\r\n\r\n"[..],
            b"GET  /t/x HTTP/1.1\r\n\r\n",
            b"GET /t/x SPDY/3\r\n\r\n",
            b"GET /t/x HTTP/1.1\r\nno colon here\r\n\r\n",
            b"GET /t/x HTTP/1.1\r\nRange : bytes=0-1\r\n\r\n",
            b"\r\n\r\n",
        ] {
            assert!(matches!(parse(head), Err(HeadError::Malformed)), "{}", String::from_utf8_lossy(head));
        }
    }
}
