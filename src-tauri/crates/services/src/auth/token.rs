//! What makes an access token good here: RS256 signed by a key the user pool publishes, issued
//! by that pool, for the app's client, an access token (not an id token), and not expired. The
//! caller is the token's `sub`; nothing in a request body can name someone else.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, decode_header, Algorithm, Validation};
use serde::Deserialize;

use super::keys::{KeyError, KeySet};
use crate::config::TrustedPool;

/// How far a token's `exp` may be behind this server's clock (clock drift between machines).
pub const EXPIRY_LEEWAY_SECS: u64 = 30;

/// Who is asking, as a good token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The user pool's id for the user (the token's `sub`).
    pub user: String,
}

/// Why a token was refused; only the kind is ever logged, never the token or its claims.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("no bearer token")]
    Missing,
    #[error("not a signed JWT")]
    Malformed,
    #[error("not signed with RS256")]
    WrongAlgorithm,
    #[error("no key id")]
    NoKeyId,
    #[error("signed with a key the user pool does not publish")]
    UnknownKey,
    #[error("bad signature")]
    BadSignature,
    #[error("expired")]
    Expired,
    #[error("not valid yet")]
    NotYetValid,
    #[error("issued by another user pool")]
    WrongIssuer,
    #[error("issued to another app client")]
    WrongClient,
    #[error("not an access token")]
    NotAccessToken,
    #[error("no subject")]
    NoSubject,
    #[error("the signing keys are unavailable: {0}")]
    KeysUnavailable(String),
}

#[derive(Deserialize)]
struct AccessClaims {
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    token_use: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
}

pub struct Verifier {
    keys: KeySet,
    validation: Validation,
    client_id: String,
}

impl Verifier {
    pub fn new(pool: &TrustedPool, keys: KeySet) -> Self {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&pool.issuer]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = EXPIRY_LEEWAY_SECS;
        validation.validate_nbf = true;
        // Cognito access tokens carry the app client in `client_id`, not in `aud`.
        validation.validate_aud = false;
        Self { keys, validation, client_id: pool.client_id.clone() }
    }

    pub fn keys(&self) -> &KeySet {
        &self.keys
    }

    /// The caller a bearer token names, once every check passed.
    pub async fn verify(&self, token: &str) -> Result<Caller, TokenError> {
        let header = decode_header(token).map_err(|_| TokenError::Malformed)?;
        if header.alg != Algorithm::RS256 {
            return Err(TokenError::WrongAlgorithm);
        }
        let kid = header.kid.ok_or(TokenError::NoKeyId)?;
        let key = self.keys.key(&kid).await.map_err(|err| match err {
            KeyError::Unknown => TokenError::UnknownKey,
            KeyError::Unavailable(reason) => TokenError::KeysUnavailable(reason),
        })?;
        let claims =
            decode::<AccessClaims>(token, &key, &self.validation).map_err(|err| classify(err.kind()))?.claims;
        if claims.token_use.as_deref() != Some("access") {
            return Err(TokenError::NotAccessToken);
        }
        if claims.client_id.as_deref() != Some(self.client_id.as_str()) {
            return Err(TokenError::WrongClient);
        }
        match claims.sub {
            Some(user) if !user.is_empty() => Ok(Caller { user }),
            _ => Err(TokenError::NoSubject),
        }
    }
}

fn classify(kind: &ErrorKind) -> TokenError {
    match kind {
        ErrorKind::InvalidSignature => TokenError::BadSignature,
        ErrorKind::ExpiredSignature => TokenError::Expired,
        ErrorKind::ImmatureSignature => TokenError::NotYetValid,
        ErrorKind::InvalidIssuer => TokenError::WrongIssuer,
        ErrorKind::MissingRequiredClaim(claim) if claim == "iss" => TokenError::WrongIssuer,
        ErrorKind::MissingRequiredClaim(claim) if claim == "sub" => TokenError::NoSubject,
        ErrorKind::InvalidAlgorithm => TokenError::WrongAlgorithm,
        _ => TokenError::Malformed,
    }
}

/// The token of an `Authorization: Bearer <token>` header value.
pub fn bearer_token(header: Option<&str>) -> Result<&str, TokenError> {
    let value = header.ok_or(TokenError::Missing)?.trim();
    let (scheme, token) = value.split_once(' ').ok_or(TokenError::Missing)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(TokenError::Missing);
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(TokenError::Missing);
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_header_gives_its_token() {
        assert_eq!(bearer_token(Some("Bearer abc.def.ghi")), Ok("abc.def.ghi"));
        assert_eq!(bearer_token(Some("bearer  abc ")), Ok("abc"));
        assert_eq!(bearer_token(None), Err(TokenError::Missing));
        assert_eq!(bearer_token(Some("Basic dXNlcjpwdw==")), Err(TokenError::Missing));
        assert_eq!(bearer_token(Some("Bearer ")), Err(TokenError::Missing));
    }

    #[test]
    fn library_errors_map_to_what_went_wrong() {
        assert_eq!(classify(&ErrorKind::ExpiredSignature), TokenError::Expired);
        assert_eq!(classify(&ErrorKind::MissingRequiredClaim("iss".into())), TokenError::WrongIssuer);
        assert_eq!(classify(&ErrorKind::InvalidToken), TokenError::Malformed);
    }
}
