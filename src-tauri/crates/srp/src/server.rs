//! The server side of Cognito SRP (verifier at sign-up, B at InitiateAuth, the claim check
//! at RespondToAuthChallenge), with the same byte rules as the client, for tests and for a
//! Cognito emulator written in Rust. `vectors/cognito_srp_server.py` is the same in Python.

use std::fmt;

use crypto_bigint::{U1024, U256, U3072};
use zeroize::Zeroizing;

use crate::client::pool_name;
use crate::group::{group, uint_from_be, Element, DIGEST_BITS, MODULUS_BYTES, SECRET_BITS};
use crate::hex::{decode_integer, encode_integer};
use crate::proof::{claim_signature, decode_secret_block, password_exponent, scrambler, session_key};
use crate::timestamp::{MONTHS, WEEKDAYS};
use crate::SrpError;

const SECRET_BYTES: usize = 128;

/// v = g^x mod N, as lowercase hex: what the server keeps instead of the password.
pub fn verifier_hex(
    user_pool_id: &str,
    user_id_for_srp: &str,
    password: &str,
    salt_hex: &str,
) -> Result<String, SrpError> {
    let pool_name = pool_name(user_pool_id)?;
    let salt = decode_integer("SALT", salt_hex)?;
    let x_digest = password_exponent(pool_name, user_id_for_srp, password, &salt);
    let x = Zeroizing::new(U256::from_be_slice(x_digest.as_slice()));
    let verifier = group().g_pow_digest(&x).retrieve();
    Ok(encode_integer(verifier.to_be_bytes().as_ref()))
}

/// One InitiateAuth on the server: the secret b, B = (k*v + g^b) mod N and what the claim
/// check needs.
pub struct SrpServer {
    pool_name: String,
    user_id_for_srp: String,
    verifier: Element,
    secret: Zeroizing<U1024>,
    /// B as 384 big-endian bytes.
    srp_b: Vec<u8>,
}

impl SrpServer {
    /// A session with 128 random bytes from the operating system as b.
    pub fn new(user_pool_id: &str, user_id_for_srp: &str, verifier_hex: &str) -> Result<Self, SrpError> {
        let mut secret = Zeroizing::new([0u8; SECRET_BYTES]);
        getrandom::fill(secret.as_mut_slice()).map_err(|_| SrpError::RandomUnavailable)?;
        Self::with_secret(user_pool_id, user_id_for_srp, verifier_hex, secret.as_slice())
    }

    /// A session with a given b (big-endian, 1 to 128 bytes, not zero), for known answers.
    pub fn with_secret(
        user_pool_id: &str,
        user_id_for_srp: &str,
        verifier_hex: &str,
        b: &[u8],
    ) -> Result<Self, SrpError> {
        let pool_name = pool_name(user_pool_id)?.to_owned();
        let group = group();
        let verifier_bytes = decode_integer("verifier", verifier_hex)?;
        if verifier_bytes.len() > MODULUS_BYTES {
            return Err(SrpError::ValueTooLarge { field: "verifier" });
        }
        let verifier = group.element(&group.reduce(&uint_from_be(&verifier_bytes)));
        if b.len() > SECRET_BYTES {
            return Err(SrpError::InvalidSecret);
        }
        let mut buffer = Zeroizing::new([0u8; SECRET_BYTES]);
        buffer[SECRET_BYTES - b.len()..].copy_from_slice(b);
        let secret = Zeroizing::new(U1024::from_be_slice(buffer.as_slice()));
        if secret.is_zero().to_bool() {
            return Err(SrpError::InvalidSecret);
        }
        let srp_b = group.k().mul(&verifier).add(&group.g_pow_secret(&secret)).retrieve();
        if srp_b.is_zero().to_bool() {
            return Err(SrpError::InvalidSecret);
        }
        Ok(Self {
            pool_name,
            user_id_for_srp: user_id_for_srp.to_owned(),
            verifier,
            secret,
            srp_b: srp_b.to_be_bytes().as_ref().to_vec(),
        })
    }

    /// SRP_B for the PASSWORD_VERIFIER challenge: lowercase hex without leading zeros.
    pub fn srp_b_hex(&self) -> String {
        encode_integer(&self.srp_b)
    }

    /// Checks PASSWORD_CLAIM_SIGNATURE. `Ok(false)` is a wrong password (Cognito:
    /// NotAuthorizedException); an error is a malformed request (SRP_A, SECRET_BLOCK or a
    /// TIMESTAMP with a space-padded day, which Cognito answers with InvalidParameterException).
    /// The TIMESTAMP is re-formatted as the server reads it, so a claim signed over a
    /// zero-padded day does not verify.
    pub fn verify_claim(
        &self,
        srp_a_hex: &str,
        secret_block_b64: &str,
        timestamp: &str,
        signature_b64: &str,
    ) -> Result<bool, SrpError> {
        let group = group();
        let srp_a = decode_integer("SRP_A", srp_a_hex)?;
        if srp_a.len() > MODULUS_BYTES {
            return Err(SrpError::ValueTooLarge { field: "SRP_A" });
        }
        let srp_a_reduced = group.reduce(&uint_from_be(&srp_a));
        if srp_a_reduced.is_zero().to_bool() {
            return Err(SrpError::UnsafeServerValue { field: "SRP_A" });
        }
        let secret_block = decode_secret_block(secret_block_b64)?;
        let timestamp = canonical_timestamp(timestamp)?;
        let u = scrambler(&srp_a, &self.srp_b)?;
        let verifier_power = self.verifier.pow_bounded_exp(&U256::from_be_slice(&u), DIGEST_BITS);
        let base = Zeroizing::new(group.element(&srp_a_reduced).mul(&verifier_power));
        let premaster: Zeroizing<U3072> =
            Zeroizing::new(base.pow_bounded_exp(&*self.secret, SECRET_BITS).retrieve());
        let premaster_bytes = Zeroizing::new(premaster.to_be_bytes());
        let key = session_key(&u, premaster_bytes.as_ref());
        let expected =
            claim_signature(&key, &self.pool_name, &self.user_id_for_srp, &secret_block, &timestamp);
        Ok(constant_time_eq(expected.as_bytes(), signature_b64.as_bytes()))
    }
}

impl fmt::Debug for SrpServer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SrpServer")
            .field("pool_name", &self.pool_name)
            .field("user_id_for_srp", &self.user_id_for_srp)
            .field("srp_b", &self.srp_b_hex())
            .finish_non_exhaustive()
    }
}

/// TIMESTAMP as Cognito reads it: `EEE MMM d HH:mm:ss UTC yyyy` with single spaces; a
/// zero-padded day is read as a number and loses its zero.
pub fn canonical_timestamp(timestamp: &str) -> Result<String, SrpError> {
    let parts: Vec<&str> = timestamp.split(' ').collect();
    let [weekday, month, day, time, "UTC", year] = parts.as_slice() else {
        return Err(SrpError::InvalidTimestamp);
    };
    let digits = |text: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&text.len()) && text.bytes().all(|c| c.is_ascii_digit())
    };
    let time_parts: Vec<&str> = time.split(':').collect();
    let day_number: u32 =
        if digits(day, 1..=2) { day.parse().map_err(|_| SrpError::InvalidTimestamp)? } else { 0 };
    let valid = WEEKDAYS.contains(weekday)
        && MONTHS.contains(month)
        && (1..=31).contains(&day_number)
        && time_parts.len() == 3
        && time_parts.iter().all(|part| digits(part, 2..=2))
        && digits(year, 4..=4);
    if !valid {
        return Err(SrpError::InvalidTimestamp);
    }
    Ok(format!("{weekday} {month} {day_number} {time} UTC {year}"))
}

fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    left.len() == right.len() && left.iter().zip(right).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{cognito_timestamp, SrpClient};

    const POOL: &str = "eu-central-1_AbCdEf123";
    const USER: &str = "7d3b1c5e-2f4a-4e8b-9c61-0a5f3e2d1b47";
    const SALT: &str = "00a7c3f1e2d4b5a69788";
    const SECRET_BLOCK: &str = "c2VjcmV0IGJsb2NrIGZyb20gdGhlIHNlcnZlcg==";

    fn session(password: &str) -> SrpServer {
        let verifier = verifier_hex(POOL, USER, password, SALT).unwrap_or_default();
        SrpServer::new(POOL, USER, &verifier).unwrap_or_else(|err| panic!("server session: {err}"))
    }

    fn claim(server: &SrpServer, password: &str, timestamp: &str) -> (String, String) {
        let client = SrpClient::new(POOL).unwrap_or_else(|err| panic!("client: {err}"));
        let claim = client
            .password_claim(USER, password, SALT, &server.srp_b_hex(), SECRET_BLOCK, timestamp)
            .unwrap_or_else(|err| panic!("claim: {err}"));
        (client.srp_a_hex(), claim.signature_b64)
    }

    #[test]
    fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let timestamp = cognito_timestamp(1_793_610_307);
        let server = session("Crème brûlée 🦄");
        let (srp_a, signature) = claim(&server, "Crème brûlée 🦄", &timestamp);
        assert_eq!(server.verify_claim(&srp_a, SECRET_BLOCK, &timestamp, &signature), Ok(true));
        let (srp_a, signature) = claim(&server, "Creme brulee 🦄", &timestamp);
        assert_eq!(server.verify_claim(&srp_a, SECRET_BLOCK, &timestamp, &signature), Ok(false));
    }

    #[test]
    fn a_claim_replayed_with_another_secret_block_or_time_fails() {
        let timestamp = cognito_timestamp(1_739_212_212);
        let server = session("pw");
        let (srp_a, signature) = claim(&server, "pw", &timestamp);
        assert_eq!(server.verify_claim(&srp_a, "b3RoZXI=", &timestamp, &signature), Ok(false));
        let later = cognito_timestamp(1_739_212_213);
        assert_eq!(server.verify_claim(&srp_a, SECRET_BLOCK, &later, &signature), Ok(false));
    }

    #[test]
    fn padded_days_fail_as_cognito_fails_them() {
        let server = session("pw");
        let zero_padded = "Mon Nov 02 09:05:07 UTC 2026";
        let (srp_a, signature) = claim(&server, "pw", zero_padded);
        assert_eq!(server.verify_claim(&srp_a, SECRET_BLOCK, zero_padded, &signature), Ok(false));
        let space_padded = "Mon Nov  2 09:05:07 UTC 2026";
        let (srp_a, signature) = claim(&server, "pw", space_padded);
        assert_eq!(
            server.verify_claim(&srp_a, SECRET_BLOCK, space_padded, &signature),
            Err(SrpError::InvalidTimestamp)
        );
    }

    #[test]
    fn a_that_is_a_multiple_of_n_is_refused() {
        let server = session("pw");
        let n_hex = crate::group::N_HEX.to_lowercase();
        for srp_a in ["0", "000", n_hex.as_str()] {
            assert_eq!(
                server.verify_claim(srp_a, SECRET_BLOCK, "Mon Feb 10 18:30:12 UTC 2025", "x"),
                Err(SrpError::UnsafeServerValue { field: "SRP_A" }),
                "{srp_a}"
            );
        }
    }

    #[test]
    fn a_larger_than_the_protocol_allows_is_an_error() {
        let server = session("pw");
        let huge = "1".repeat(2 * MODULUS_BYTES + 1);
        assert_eq!(
            server.verify_claim(&huge, SECRET_BLOCK, "Mon Feb 10 18:30:12 UTC 2025", "x"),
            Err(SrpError::ValueTooLarge { field: "SRP_A" })
        );
    }

    /// The vectors whose B was made by the Python server reference: the Rust server makes the
    /// same verifier and B, and accepts the reference client's claim.
    #[test]
    fn server_made_vectors_agree_with_the_python_reference() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/vectors.json");
        let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
        let document: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
        let field =
            |vector: &serde_json::Value, name: &str| vector[name].as_str().unwrap_or_default().to_owned();
        let mut checked = 0;
        for vector in document["vectors"].as_array().into_iter().flatten() {
            if vector.get("server_b_hex").is_none() {
                continue;
            }
            let name = field(vector, "name");
            let pool = field(vector, "user_pool_id");
            let user = field(vector, "user_id_for_srp");
            let verifier = verifier_hex(&pool, &user, &field(vector, "password"), &field(vector, "salt_hex"));
            assert_eq!(verifier.as_deref(), Ok(field(vector, "verifier_hex").as_str()), "{name}");
            let b = decode_integer("b", &field(vector, "server_b_hex")).unwrap_or_else(|err| panic!("{err}"));
            let server = SrpServer::with_secret(&pool, &user, &field(vector, "verifier_hex"), &b)
                .unwrap_or_else(|err| panic!("{name}: {err}"));
            assert_eq!(server.srp_b_hex(), field(vector, "srp_b_hex"), "{name}");
            for library in ["amazon_cognito_identity_js", "pycognito"] {
                let answer = &vector[library];
                let verdict = server.verify_claim(
                    answer["srp_a_hex"].as_str().unwrap_or_default(),
                    &field(vector, "secret_block_b64"),
                    &field(vector, "timestamp"),
                    answer["signature_b64"].as_str().unwrap_or_default(),
                );
                let python_verdict = vector["server_accepts"][library].as_bool();
                assert_eq!(verdict.ok(), python_verdict, "{name}: {library}");
            }
            assert_eq!(
                vector["server_accepts"]["amazon_cognito_identity_js"].as_bool(),
                Some(true),
                "{name}"
            );
            checked += 1;
        }
        assert_eq!(checked, 4, "server-made vectors in vectors.json");
    }

    #[test]
    fn timestamps_are_read_like_cognito_reads_them() {
        assert_eq!(
            canonical_timestamp("Mon Nov 02 09:05:07 UTC 2026").as_deref(),
            Ok("Mon Nov 2 09:05:07 UTC 2026")
        );
        assert_eq!(
            canonical_timestamp("Mon Feb 10 18:30:12 UTC 2025").as_deref(),
            Ok("Mon Feb 10 18:30:12 UTC 2025")
        );
        for bad in [
            "Mon Nov  2 09:05:07 UTC 2026",
            "Mon Nov 2 9:05:07 UTC 2026",
            "Mon Nov 2 09:05:07 GMT 2026",
            "Lun Nov 2 09:05:07 UTC 2026",
            "Mon Nov 0 09:05:07 UTC 2026",
            "Mon Nov 2 09:05:07 UTC 2026 ",
            "",
        ] {
            assert_eq!(canonical_timestamp(bad), Err(SrpError::InvalidTimestamp), "{bad:?}");
        }
    }
}
