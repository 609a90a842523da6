//! Reading who a token belongs to. The app only reads its own freshly received tokens here (the
//! services server verifies signatures); nothing is trusted for authorization on this side.

use base64::Engine;
use serde::Deserialize;

/// The claims of an ID token the app uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct IdClaims {
    pub sub: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default, rename = "cognito:username")]
    pub username: Option<String>,
    #[serde(default)]
    pub exp: i64,
}

/// Decodes the payload of a JWT without checking its signature.
pub fn decode_id_claims(token: &str) -> Option<IdClaims> {
    let payload = token.split('.').nth(1)?;
    let bytes =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_from_the_payload() {
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"sub":"abc","email":"mum@example.org","cognito:username":"abc","exp":1900000000}"#);
        let token = format!("e30.{payload}.sig");
        let claims = decode_id_claims(&token).unwrap();
        assert_eq!(claims.sub, "abc");
        assert_eq!(claims.email.as_deref(), Some("mum@example.org"));
        assert_eq!(claims.exp, 1_900_000_000);
        assert_eq!(decode_id_claims("not-a-jwt"), None);
    }
}
