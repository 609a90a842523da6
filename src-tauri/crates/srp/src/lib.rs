//! Cognito USER_SRP_AUTH client math: SRP_A, then PASSWORD_CLAIM_SIGNATURE.
//!
//! Cognito's SRP-6a has its own byte rules (Java `BigInteger.toByteArray()` padding, integer
//! parsing of SALT and SRP_B, HKDF "Caldera Derived Key", a hand-formatted TIMESTAMP); any
//! slip fails the sign-in with nothing but "Incorrect username or password". The results are
//! checked against amazon-cognito-identity-js and pycognito (`vectors/vectors.json`).
//!
//! ```
//! # fn main() -> Result<(), srp::SrpError> {
//! let client = srp::SrpClient::new("us-west-2_abc")?;
//! let srp_a = client.srp_a_hex(); // InitiateAuth AuthParameters.SRP_A
//! # let (salt, srp_b, secret_block) = ("36ef01c6dde9fe503da333b1acc758ba", "36ef01c6dde9fe503da333b1acc758ba", "9ae77ec7");
//! // PASSWORD_VERIFIER challenge: USER_ID_FOR_SRP, SALT, SRP_B, SECRET_BLOCK.
//! let timestamp = srp::cognito_timestamp(1_739_212_212);
//! let claim = client.password_claim("user_id", "password", salt, srp_b, secret_block, &timestamp)?;
//! assert_eq!(claim.timestamp, "Mon Feb 10 18:30:12 UTC 2025");
//! # let _ = (srp_a, claim.signature_b64, claim.secret_block);
//! # Ok(()) }
//! ```

mod client;
mod error;
mod fixed_base;
mod group;
mod hex;
mod pad;
mod proof;
#[cfg(any(test, feature = "server"))]
pub mod server;
mod timestamp;

pub use client::{pool_name, PasswordClaim, SrpClient};
pub use error::SrpError;
pub use group::precompute;
pub use timestamp::cognito_timestamp;
