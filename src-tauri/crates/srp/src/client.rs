//! The client side of one USER_SRP_AUTH sign-in: a fresh secret a and SRP_A = g^a for
//! InitiateAuth, then the answer to the PASSWORD_VERIFIER challenge. Every value derived from
//! a or the password is wiped when it goes out of scope.

use std::fmt;

use crypto_bigint::{U1024, U1280, U256, U3072, U512};
use zeroize::Zeroizing;

use crate::group::{group, uint_from_be, MODULUS_BYTES};
use crate::hex::{decode_integer, encode_integer};
use crate::proof::{claim_signature, decode_secret_block, password_exponent, scrambler, session_key};
use crate::SrpError;

/// Bytes of the secret exponent a, as amazon-cognito-identity-js draws it.
const SECRET_BYTES: usize = 128;
/// Cognito salts are 16 bytes; anything beyond this is not a salt.
const MAX_SALT_BYTES: usize = 1024;

/// The part of a user pool id after `_` ("us-west-2_abc" -> "abc"), which SRP hashes.
pub fn pool_name(user_pool_id: &str) -> Result<&str, SrpError> {
    let (region, name) = user_pool_id.split_once('_').ok_or(SrpError::InvalidUserPoolId)?;
    let region_ok = !region.is_empty() && region.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    let name_ok = !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric());
    if region_ok && name_ok {
        Ok(name)
    } else {
        Err(SrpError::InvalidUserPoolId)
    }
}

/// One sign-in attempt: holds the secret a (wiped on drop) and A = g^a mod N.
pub struct SrpClient {
    pool_name: String,
    secret: Zeroizing<U1024>,
    /// A as 384 big-endian bytes.
    srp_a: Vec<u8>,
}

/// What RespondToAuthChallenge needs besides USERNAME (= USER_ID_FOR_SRP) and the Session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    /// PASSWORD_CLAIM_SIGNATURE.
    pub signature_b64: String,
    /// TIMESTAMP, exactly the text that was signed.
    pub timestamp: String,
    /// PASSWORD_CLAIM_SECRET_BLOCK: the SECRET_BLOCK from the challenge, unchanged.
    pub secret_block: String,
}

impl SrpClient {
    /// Starts a sign-in with 128 random bytes from the operating system as a.
    pub fn new(user_pool_id: &str) -> Result<Self, SrpError> {
        let mut secret = Zeroizing::new([0u8; SECRET_BYTES]);
        getrandom::fill(secret.as_mut_slice()).map_err(|_| SrpError::RandomUnavailable)?;
        Self::with_secret(user_pool_id, secret.as_slice())
    }

    /// Starts a sign-in with a given a (big-endian, 1 to 128 bytes, not zero): for known
    /// answers. Real sign-ins use [`SrpClient::new`].
    pub fn with_secret(user_pool_id: &str, a: &[u8]) -> Result<Self, SrpError> {
        let pool_name = pool_name(user_pool_id)?.to_owned();
        if a.len() > SECRET_BYTES {
            return Err(SrpError::InvalidSecret);
        }
        let mut buffer = Zeroizing::new([0u8; SECRET_BYTES]);
        buffer[SECRET_BYTES - a.len()..].copy_from_slice(a);
        let secret = Zeroizing::new(U1024::from_be_slice(buffer.as_slice()));
        if secret.is_zero().to_bool() {
            return Err(SrpError::InvalidSecret);
        }
        let srp_a = group().g_pow_secret(&secret).retrieve();
        // A is already reduced, so "A mod N == 0" means A == 0.
        if srp_a.is_zero().to_bool() {
            return Err(SrpError::InvalidSecret);
        }
        Ok(Self { pool_name, secret, srp_a: srp_a.to_be_bytes().as_ref().to_vec() })
    }

    /// SRP_A for InitiateAuth: lowercase hex without leading zeros.
    pub fn srp_a_hex(&self) -> String {
        encode_integer(&self.srp_a)
    }

    /// Answers PASSWORD_VERIFIER. `user_id_for_srp`, `salt_hex`, `srp_b_hex` and
    /// `secret_block_b64` are the challenge's USER_ID_FOR_SRP, SALT, SRP_B and SECRET_BLOCK;
    /// `timestamp` comes from [`crate::cognito_timestamp`] on a clock corrected for server skew.
    pub fn password_claim(
        &self,
        user_id_for_srp: &str,
        password: &str,
        salt_hex: &str,
        srp_b_hex: &str,
        secret_block_b64: &str,
        timestamp: &str,
    ) -> Result<PasswordClaim, SrpError> {
        let group = group();
        let salt = decode_integer("SALT", salt_hex)?;
        if salt.len() > MAX_SALT_BYTES {
            return Err(SrpError::ValueTooLarge { field: "SALT" });
        }
        let srp_b = decode_integer("SRP_B", srp_b_hex)?;
        if srp_b.len() > MODULUS_BYTES {
            return Err(SrpError::ValueTooLarge { field: "SRP_B" });
        }
        let srp_b_reduced = group.reduce(&uint_from_be(&srp_b));
        if srp_b_reduced.is_zero().to_bool() {
            return Err(SrpError::UnsafeServerValue { field: "SRP_B" });
        }
        let secret_block = decode_secret_block(secret_block_b64)?;
        // u hashes B as sent (unreduced), as the reference client does.
        let u = scrambler(&self.srp_a, &srp_b)?;

        let x_digest = password_exponent(&self.pool_name, user_id_for_srp, password, &salt);
        let x = Zeroizing::new(U256::from_be_slice(x_digest.as_slice()));
        let verifier = Zeroizing::new(group.g_pow_digest(&x));
        let k_verifier = Zeroizing::new(group.k().mul(&verifier));
        // B - k*g^x, reduced mod N (never negative).
        let base = Zeroizing::new(group.element(&srp_b_reduced).sub(&k_verifier));
        let u_x: Zeroizing<U512> = Zeroizing::new(U256::from_be_slice(&u).concatenating_mul(&*x));
        let a_wide: Zeroizing<U1280> = Zeroizing::new(self.secret.resize());
        let u_x_wide: Zeroizing<U1280> = Zeroizing::new(u_x.resize());
        let exponent = Zeroizing::new(a_wide.wrapping_add(&u_x_wide));
        let premaster: Zeroizing<U3072> = Zeroizing::new(group.pow_session(&base, &exponent).retrieve());
        let premaster_bytes = Zeroizing::new(premaster.to_be_bytes());
        let key = session_key(&u, premaster_bytes.as_ref());

        Ok(PasswordClaim {
            signature_b64: claim_signature(&key, &self.pool_name, user_id_for_srp, &secret_block, timestamp),
            timestamp: timestamp.to_owned(),
            secret_block: secret_block_b64.to_owned(),
        })
    }
}

impl fmt::Debug for SrpClient {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SrpClient")
            .field("pool_name", &self.pool_name)
            .field("srp_a", &self.srp_a_hex())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOL: &str = "us-west-2_abc";
    const SALT: &str = "36ef01c6dde9fe503da333b1acc758ba";
    const SECRET_BLOCK: &str = "c2VjcmV0IGJsb2Nr";
    const TIMESTAMP: &str = "Mon Feb 10 18:30:12 UTC 2025";

    fn client() -> SrpClient {
        SrpClient::with_secret(POOL, &[0x01; 128]).unwrap_or_else(|err| panic!("{err}"))
    }

    fn claim(salt: &str, srp_b: &str, secret_block: &str) -> Result<PasswordClaim, SrpError> {
        client().password_claim("user_id", "password", salt, srp_b, secret_block, TIMESTAMP)
    }

    #[test]
    fn pool_name_is_the_part_after_the_underscore() {
        assert_eq!(pool_name("us-west-2_abc"), Ok("abc"));
        assert_eq!(pool_name("eu-central-1_AbCdEf123"), Ok("AbCdEf123"));
        for bad in
            ["", "abc", "_abc", "us-west-2_", "us-west-2_a_b", "us west_abc", "us-west-2_ab-c", "us-west-2_é"]
        {
            assert_eq!(pool_name(bad), Err(SrpError::InvalidUserPoolId), "{bad:?}");
            assert_eq!(SrpClient::with_secret(bad, &[1]).map(|_| ()), Err(SrpError::InvalidUserPoolId));
        }
    }

    #[test]
    fn fresh_clients_draw_fresh_secrets() {
        let first = SrpClient::new(POOL).unwrap_or_else(|err| panic!("{err}"));
        let second = SrpClient::new(POOL).unwrap_or_else(|err| panic!("{err}"));
        assert_ne!(first.srp_a_hex(), second.srp_a_hex());
        for srp_a in [first.srp_a_hex(), second.srp_a_hex()] {
            assert!(srp_a.len() > 700 && srp_a.len() <= 768, "{srp_a}");
            assert!(srp_a.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)), "{srp_a}");
            assert!(!srp_a.starts_with('0'));
        }
    }

    #[test]
    fn unusable_secrets_are_refused() {
        for secret in [&[][..], &[0u8; 128][..], &[0u8; 3][..], &[1u8; 129][..]] {
            assert_eq!(SrpClient::with_secret(POOL, secret).map(|_| ()), Err(SrpError::InvalidSecret));
        }
    }

    #[test]
    fn a_short_secret_is_the_same_number_as_its_zero_extended_form() {
        let short = SrpClient::with_secret(POOL, &[0x12, 0x34]).map(|client| client.srp_a_hex());
        let long = SrpClient::with_secret(POOL, &[[0u8; 126].as_slice(), &[0x12, 0x34]].concat())
            .map(|c| c.srp_a_hex());
        assert_eq!(short, long);
        // g^10 = 1024 = 0x400 exactly.
        assert_eq!(
            SrpClient::with_secret(POOL, &[10]).map(|client| client.srp_a_hex()).as_deref(),
            Ok("400")
        );
    }

    #[test]
    fn srp_b_that_is_a_multiple_of_n_is_refused() {
        let n = crate::group::N_HEX;
        for srp_b in ["0", "00", "0000000", n, &n.to_lowercase(), &format!("00{n}")] {
            assert_eq!(
                claim(SALT, srp_b, SECRET_BLOCK),
                Err(SrpError::UnsafeServerValue { field: "SRP_B" }),
                "{srp_b}"
            );
        }
    }

    #[test]
    fn srp_b_above_n_is_reduced_for_s_but_hashed_as_sent() {
        let n_plus_four = U3072::from_be_hex(crate::group::N_HEX).wrapping_add(&U3072::from_u8(4));
        let n_plus_four_hex = encode_integer(n_plus_four.to_be_bytes().as_ref());
        assert!(n_plus_four_hex.ends_with("cb0000000000000003"), "{n_plus_four_hex}");
        let (Ok(above), Ok(small)) =
            (claim(SALT, &n_plus_four_hex, SECRET_BLOCK), claim(SALT, "4", SECRET_BLOCK))
        else {
            panic!("both values are valid");
        };
        // Same residue (4) in S, but u hashes B as sent, as amazon-cognito-identity-js does.
        assert_ne!(above.signature_b64, small.signature_b64);
    }

    #[test]
    fn salt_and_srp_b_hex_normalise_through_the_integer() {
        let reference = claim("abc", "36ef01c6dde9fe503da333b1acc758ba", SECRET_BLOCK);
        assert!(reference.is_ok());
        for (salt, srp_b) in [
            ("0abc", "36ef01c6dde9fe503da333b1acc758ba"),
            ("000abc", "0036EF01C6DDE9FE503DA333B1ACC758BA"),
            ("ABC", "00000036ef01c6dde9fe503da333b1acc758ba"),
        ] {
            assert_eq!(claim(salt, srp_b, SECRET_BLOCK), reference, "{salt} {srp_b}");
        }
        assert_ne!(claim("abd", "36ef01c6dde9fe503da333b1acc758ba", SECRET_BLOCK), reference);
    }

    #[test]
    fn malformed_server_values_are_errors_not_panics() {
        let huge = "f".repeat(2 * MODULUS_BYTES + 2);
        let cases: [(&str, &str, &str, SrpError); 10] = [
            ("", "1234", SECRET_BLOCK, SrpError::InvalidHex { field: "SALT" }),
            ("12g4", "1234", SECRET_BLOCK, SrpError::InvalidHex { field: "SALT" }),
            ("0x12", "1234", SECRET_BLOCK, SrpError::InvalidHex { field: "SALT" }),
            (SALT, "", SECRET_BLOCK, SrpError::InvalidHex { field: "SRP_B" }),
            (SALT, "-1234", SECRET_BLOCK, SrpError::InvalidHex { field: "SRP_B" }),
            (SALT, " 1234", SECRET_BLOCK, SrpError::InvalidHex { field: "SRP_B" }),
            (SALT, &huge, SECRET_BLOCK, SrpError::ValueTooLarge { field: "SRP_B" }),
            (
                &"ab".repeat(MAX_SALT_BYTES + 1),
                "1234",
                SECRET_BLOCK,
                SrpError::ValueTooLarge { field: "SALT" },
            ),
            (SALT, "1234", "not base64", SrpError::InvalidSecretBlock),
            (SALT, "1234", "", SrpError::InvalidSecretBlock),
        ];
        for (salt, srp_b, secret_block, expected) in cases {
            let outcome = claim(salt, srp_b, secret_block);
            assert_eq!(outcome, Err(expected.clone()), "{salt:.20} {srp_b:.20} {secret_block}");
            assert!(!expected.to_string().is_empty() && !expected.code().is_empty());
        }
    }

    #[test]
    fn debug_output_does_not_show_the_secret() {
        let text = format!("{:?}", client());
        assert!(text.contains("abc") && text.contains("b1ce1187"), "{text}");
        assert!(!text.contains("0101010101"), "{text}");
    }
}
