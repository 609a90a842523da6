//! What a request may reach: only files inside the media folder, and only with the per-launch
//! token, compared in constant time so its bytes cannot be guessed one by one from timings.

use std::path::{Path, PathBuf};

pub(crate) struct Site {
    token: String,
    root: PathBuf,
}

impl Site {
    /// `root` must already be canonical.
    pub(crate) fn new(token: String, root: PathBuf) -> Self {
        Self { token, root }
    }

    /// `/<token>/<percent-encoded absolute path>` -> a regular file inside the media folder.
    pub(crate) fn file_for(&self, target: &str) -> Option<PathBuf> {
        let rest = target.strip_prefix('/')?;
        let (token, encoded) = rest.split_once('/')?;
        if !constant_time_eq(token.as_bytes(), self.token.as_bytes()) {
            return None;
        }
        let encoded = encoded.split('?').next()?;
        let decoded = percent_decode(encoded)?;
        let path = Path::new(&decoded).canonicalize().ok()?;
        (path.starts_with(&self.root) && path.is_file()).then_some(path)
    }
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_decode_and_broken_ones_are_refused() {
        assert_eq!(percent_decode("/a%20b/c%2Fd").as_deref(), Some("/a b/c/d"));
        assert_eq!(percent_decode("%2"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None, "not UTF-8");
    }

    #[test]
    fn tokens_match_only_when_every_byte_matches() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
