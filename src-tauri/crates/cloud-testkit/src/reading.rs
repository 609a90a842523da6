//! Small readers tests use to check what the app produced: TOTP codes (RFC 6238), JWT payloads
//! and every file under a folder.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a Base32 secret at `unix_seconds`.
pub fn totp(secret_base32: &str, unix_seconds: u64) -> String {
    use hmac::{Hmac, Mac};
    let key = base32_decode(secret_base32);
    let counter = unix_seconds / 30;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

/// The code for now, waiting out the last two seconds of a 30-second step so it is still
/// current when the server checks it.
pub fn current_totp(secret_base32: &str) -> String {
    loop {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("the clock is after 1970").as_secs();
        if now % 30 < 28 {
            return totp(secret_base32, now);
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

/// Decodes RFC 4648 Base32 (padding optional, either case); panics on other characters.
pub fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits: u64 = 0;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.trim_end_matches('=').bytes() {
        let value = ALPHABET
            .iter()
            .position(|&a| a == c.to_ascii_uppercase())
            .unwrap_or_else(|| panic!("{text:?} is not Base32"));
        bits = (bits << 5) | value as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

/// The JSON payload of a JWT.
pub fn jwt_claims(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap_or_else(|| panic!("not a JWT"));
    let bytes =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).expect("a base64url payload");
    serde_json::from_slice(&bytes).expect("a JSON payload")
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        let entries = std::fs::read_dir(&next).unwrap_or_else(|err| panic!("{}: {err}", next.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totp_matches_the_rfc_6238_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits), so 287082 with 6.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"
        assert_eq!(totp(secret, 59), "287082");
        assert_eq!(totp(secret, 1_111_111_109), "081804");
    }

    #[test]
    fn base32_decodes_with_and_without_padding() {
        assert_eq!(base32_decode("MZXW6YTBOI======"), b"foobar");
        assert_eq!(base32_decode("mzxw6ytboi"), b"foobar");
    }
}
