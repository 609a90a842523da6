//! The hashes both ends of Cognito SRP must compute byte for byte: u, x, the HKDF session
//! key and PASSWORD_CLAIM_SIGNATURE. Shared by the client and the server side.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hkdf::Hkdf;
use hmac::{Hmac, KeyInit as _, Mac as _};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::pad::pad;
use crate::SrpError;

const KEY_INFO: &[u8] = b"Caldera Derived Key";

/// u = H(pad(A) || pad(B)), as digest bytes. A and B are big-endian integers.
pub(crate) fn scrambler(srp_a: &[u8], srp_b: &[u8]) -> Result<[u8; 32], SrpError> {
    let mut hasher = Sha256::new();
    hasher.update(pad(srp_a).as_slice());
    hasher.update(pad(srp_b).as_slice());
    nonzero_scrambler(hasher.finalize().into())
}

/// SRP-6a aborts when u == 0: the password would then not enter S at all.
fn nonzero_scrambler(u: [u8; 32]) -> Result<[u8; 32], SrpError> {
    if u.iter().all(|&byte| byte == 0) {
        return Err(SrpError::ZeroScrambler);
    }
    Ok(u)
}

/// x = H(pad(salt) || H(poolName || USER_ID_FOR_SRP || ":" || password)), as digest bytes.
pub(crate) fn password_exponent(
    pool_name: &str,
    user_id_for_srp: &str,
    password: &str,
    salt: &[u8],
) -> Zeroizing<[u8; 32]> {
    // Fed piece by piece so that no joined copy of the password exists.
    let mut inner = Sha256::new();
    inner.update(pool_name.as_bytes());
    inner.update(user_id_for_srp.as_bytes());
    inner.update(b":");
    inner.update(password.as_bytes());
    let identity_digest = Zeroizing::new(<[u8; 32]>::from(inner.finalize()));
    let mut outer = Sha256::new();
    outer.update(pad(salt).as_slice());
    outer.update(identity_digest.as_slice());
    Zeroizing::new(outer.finalize().into())
}

/// HKDF-SHA256(salt = pad(u), ikm = pad(S), info = "Caldera Derived Key"), 16 bytes.
pub(crate) fn session_key(u: &[u8], premaster: &[u8]) -> Zeroizing<[u8; 16]> {
    let hkdf = Hkdf::<Sha256>::new(Some(pad(u).as_slice()), pad(premaster).as_slice());
    let mut key = Zeroizing::new([0u8; 16]);
    // 16 bytes is far below HKDF-SHA256's limit of 255 * 32.
    if hkdf.expand(KEY_INFO, key.as_mut_slice()).is_err() {
        unreachable!("16 bytes is a valid HKDF-SHA256 output length");
    }
    key
}

/// base64(HMAC-SHA256(key, poolName || USER_ID_FOR_SRP || secret block || TIMESTAMP)).
pub(crate) fn claim_signature(
    key: &[u8; 16],
    pool_name: &str,
    user_id_for_srp: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> String {
    let mut mac =
        <Hmac<Sha256>>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(pool_name.as_bytes());
    mac.update(user_id_for_srp.as_bytes());
    mac.update(secret_block);
    mac.update(timestamp.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// SECRET_BLOCK as bytes: standard base64 as Cognito sends it; never empty.
pub(crate) fn decode_secret_block(secret_block_b64: &str) -> Result<Zeroizing<Vec<u8>>, SrpError> {
    let bytes =
        STANDARD.decode(secret_block_b64).map(Zeroizing::new).map_err(|_| SrpError::InvalidSecretBlock)?;
    if bytes.is_empty() {
        return Err(SrpError::InvalidSecretBlock);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_of_zero_is_refused() {
        assert_eq!(nonzero_scrambler([0; 32]), Err(SrpError::ZeroScrambler));
        let mut one = [0; 32];
        one[31] = 1;
        assert_eq!(nonzero_scrambler(one), Ok(one));
    }

    #[test]
    fn u_hashes_padded_a_and_b() {
        let expected: [u8; 32] =
            Sha256::new().chain_update([0x00, 0x80, 0x01]).chain_update([0x7f]).finalize().into();
        assert_eq!(scrambler(&[0x80, 0x01], &[0x00, 0x7f]), Ok(expected));
    }

    #[test]
    fn x_hashes_the_salt_as_an_integer() {
        let with_zero = password_exponent("abc", "user", "pw", &[0x00, 0x12]);
        let without = password_exponent("abc", "user", "pw", &[0x12]);
        assert_eq!(*with_zero, *without);
    }

    #[test]
    fn x_depends_on_every_identity_part() {
        let x = password_exponent("abc", "user", "pw", &[1]);
        assert_ne!(*x, *password_exponent("abd", "user", "pw", &[1]));
        assert_ne!(*x, *password_exponent("abc", "usex", "pw", &[1]));
        assert_ne!(*x, *password_exponent("abc", "user", "pv", &[1]));
        assert_ne!(*x, *password_exponent("abc", "user", "pw", &[2]));
    }

    #[test]
    fn session_key_matches_rfc_5869_construction() {
        // HKDF with one output block is HMAC(HMAC(salt, ikm), info || 0x01)[..16].
        let prk = <Hmac<Sha256>>::new_from_slice(&[0x00, 0x80])
            .map(|mac| mac.chain_update([0x01]).finalize().into_bytes())
            .unwrap_or_else(|_| unreachable!());
        let okm = <Hmac<Sha256>>::new_from_slice(&prk)
            .map(|mac| mac.chain_update(b"Caldera Derived Key\x01").finalize().into_bytes())
            .unwrap_or_else(|_| unreachable!());
        assert_eq!(session_key(&[0x80], &[0x01]).as_slice(), &okm[..16]);
    }

    #[test]
    fn malformed_secret_blocks_are_errors() {
        for text in ["", "not base64!", "abc", "ab=c", "YWJj\u{e9}", "YW Jj"] {
            assert_eq!(decode_secret_block(text).map(|_| ()), Err(SrpError::InvalidSecretBlock), "{text}");
        }
        assert_eq!(decode_secret_block("YWJj").map(|bytes| bytes.to_vec()), Ok(b"abc".to_vec()));
    }
}
