//! Writing answers. Every write is bounded by the socket's write timeout, so a client that stops
//! reading is let go, while one that reads slowly is served for as long as it keeps reading.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::head::{Method, Request};
use crate::range::{self, Selection};
use crate::site::Site;

/// Bytes copied from the file per write: big enough for video rates, small enough to keep
/// the memory of 32 connections modest.
const CHUNK: usize = 64 * 1024;

/// After an error answer the client may still be sending (an endless header, say). Closing with
/// unread input resets the connection, which can destroy the answer before the client reads it,
/// so a bounded amount is read and dropped first, for a bounded time.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Ok,
    PartialContent,
    BadRequest,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    RangeNotSatisfiable,
    HeadTooLarge,
}

impl Status {
    fn line(self) -> &'static str {
        match self {
            Self::Ok => "200 OK",
            Self::PartialContent => "206 Partial Content",
            Self::BadRequest => "400 Bad Request",
            Self::NotFound => "404 Not Found",
            Self::MethodNotAllowed => "405 Method Not Allowed",
            Self::RequestTimeout => "408 Request Timeout",
            Self::RangeNotSatisfiable => "416 Range Not Satisfiable",
            Self::HeadTooLarge => "431 Request Header Fields Too Large",
        }
    }
}

/// Answers a complete request: the file, a part of it, or why not.
pub(crate) fn answer(stream: &TcpStream, request: &Request, site: &Site) -> io::Result<()> {
    if request.method == Method::Other {
        return write_head(stream, Status::MethodNotAllowed, &["Allow: GET, HEAD".into()], 0);
    }
    let found = site.file_for(&request.target);
    let Some((path, (mut file, size))) = found.as_deref().and_then(|path| Some((path, open_regular(path)?)))
    else {
        return write_head(stream, Status::NotFound, &[], 0);
    };
    let (status, first, length, content_range) = match range::select(request.range.as_deref(), size) {
        Selection::Whole => (Status::Ok, 0, size, None),
        Selection::Part { first, last } => (
            Status::PartialContent,
            first,
            last - first + 1,
            Some(format!("Content-Range: bytes {first}-{last}/{size}")),
        ),
        Selection::Unsatisfiable => {
            let unsatisfied = format!("Content-Range: bytes */{size}");
            return write_head(stream, Status::RangeNotSatisfiable, &[unsatisfied], 0);
        }
    };
    let mut headers = vec![format!("Content-Type: {}", content_type(path)), "Accept-Ranges: bytes".into()];
    headers.extend(content_range);
    write_head(stream, status, &headers, length)?;
    if request.method == Method::Head {
        return Ok(());
    }
    send_body(stream, &mut file, first, length)
}

/// Answers a request whose head broke a limit or the grammar, then closes gently.
pub(crate) fn refuse(stream: &TcpStream, status: Status) -> io::Result<()> {
    write_head(stream, status, &[], 0)?;
    stream.shutdown(Shutdown::Write)?;
    drain_briefly(stream);
    Ok(())
}

fn write_head(mut stream: &TcpStream, status: Status, headers: &[String], length: u64) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nConnection: close\r\nCache-Control: no-store\r\nContent-Length: {length}\r\n",
        status.line()
    );
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.flush()
}

fn send_body(mut stream: &TcpStream, file: &mut File, first: u64, length: u64) -> io::Result<()> {
    file.seek(SeekFrom::Start(first))?;
    let mut buffer = vec![0u8; usize::try_from(length).map_or(CHUNK, |length| length.min(CHUNK))];
    let mut left = length;
    while left > 0 {
        let wanted = usize::try_from(left).map_or(buffer.len(), |left| left.min(buffer.len()));
        let read = match file.read(&mut buffer[..wanted]) {
            Ok(0) => {
                return Err(io::Error::new(
                    ErrorKind::UnexpectedEof,
                    "the file became shorter while it was sent",
                ))
            }
            Ok(read) => read,
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        stream.write_all(&buffer[..read])?;
        left -= read as u64;
    }
    stream.flush()
}

fn drain_briefly(mut stream: &TcpStream) {
    let deadline = Instant::now() + LINGER_TIME;
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < LINGER_BYTES {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() || stream.set_read_timeout(Some(remaining)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(read) => drained += read,
        }
    }
}

/// Opens a regular file without ever blocking on a special one (a FIFO swapped in after the
/// path was checked would otherwise hold the thread until something writes to it).
fn open_regular(path: &Path) -> Option<(File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).ok()?;
    let metadata = file.metadata().ok()?;
    metadata.is_file().then_some((file, metadata.len()))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|extension| extension.to_str()).unwrap_or_default() {
        "mp4" => "video/mp4",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "wav" => "audio/wav",
        _ => "application/octet-stream",
    }
}
