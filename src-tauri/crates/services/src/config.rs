//! The server reads the same cloud settings file as the app, so a family points both at one
//! file; it needs only the user pool's part of it and reads it without the app's cloud crate
//! (which carries the AWS SDK). A file that cannot say whose sign-ins to trust stops the start.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Whose access tokens the server accepts: one app client of one Cognito user pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedPool {
    /// The `client_id` claim every access token must carry.
    pub client_id: String,
    /// The `iss` claim every access token must carry.
    pub issuer: String,
    /// Where the pool publishes its signing keys.
    pub jwks_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the settings file {path} can't be read ({reason})")]
    Unreadable { path: PathBuf, reason: String },
    #[error("the settings file {path} isn't a JSON object of cloud settings ({reason})")]
    Invalid { path: PathBuf, reason: String },
    #[error("the settings file {path} has no \"{field}\" ({what}); the server needs it to check sign-ins")]
    Missing { path: PathBuf, field: &'static str, what: &'static str },
    #[error("{variable} is not set ({what}); the server needs it to check sign-ins")]
    MissingVariable { variable: &'static str, what: &'static str },
    #[error("the settings file {path} has a bad \"{field}\": {reason}")]
    BadField { path: PathBuf, field: &'static str, reason: &'static str },
}

/// The fields of the cloud settings file this server reads; the others are the app's.
#[derive(Deserialize)]
struct PoolFields {
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    user_pool_id: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    jwks_url: Option<String>,
}

impl TrustedPool {
    /// Reads the cloud settings file at `path`.
    pub fn load(path: &Path) -> Result<TrustedPool, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| ConfigError::Unreadable { path: path.to_path_buf(), reason: err.to_string() })?;
        Self::parse(&text, path)
    }

    /// Reads the pool from `NOCOMELON_REGION`, `NOCOMELON_USER_POOL_ID`, `NOCOMELON_CLIENT_ID`
    /// and optional `NOCOMELON_JWKS_URL` (how the Terraform configures the Lambda function),
    /// with the same checks as the file.
    pub fn from_env() -> Result<TrustedPool, ConfigError> {
        let mut settings = serde_json::Map::new();
        for (field, variable, what) in [
            ("region", "NOCOMELON_REGION", "the AWS region, such as eu-west-1"),
            ("user_pool_id", "NOCOMELON_USER_POOL_ID", "the Cognito user pool's id"),
            ("client_id", "NOCOMELON_CLIENT_ID", "the user pool's app client id"),
            ("jwks_url", "NOCOMELON_JWKS_URL", ""),
        ] {
            match std::env::var(variable) {
                Ok(value) if !value.trim().is_empty() => {
                    settings.insert(field.to_owned(), serde_json::Value::String(value));
                }
                _ if what.is_empty() => {}
                _ => return Err(ConfigError::MissingVariable { variable, what }),
            }
        }
        Self::parse(
            &serde_json::Value::Object(settings).to_string(),
            Path::new("the NOCOMELON_* environment"),
        )
    }

    /// Parses settings text; `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<TrustedPool, ConfigError> {
        let invalid = |reason: String| ConfigError::Invalid { path: path.to_path_buf(), reason };
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|err| invalid(err.to_string()))?;
        let fields: PoolFields = serde_json::from_value(serde_json::Value::Object(object))
            .map_err(|err| invalid(err.to_string()))?;
        let required = |value: Option<String>, field: &'static str, what: &'static str| {
            let value = value.map(|v| v.trim().to_owned()).unwrap_or_default();
            if value.is_empty() {
                return Err(ConfigError::Missing { path: path.to_path_buf(), field, what });
            }
            Ok(value)
        };
        let region = required(fields.region, "region", "the AWS region, such as eu-west-1")?;
        let user_pool_id = required(fields.user_pool_id, "user_pool_id", "the Cognito user pool's id")?;
        let client_id = required(fields.client_id, "client_id", "the user pool's app client id")?;
        let bad = |field: &'static str, reason: &'static str| ConfigError::BadField {
            path: path.to_path_buf(),
            field,
            reason,
        };
        // Both go into URLs: a slash or a query character would point them somewhere else.
        if !is_url_segment(&region) {
            return Err(bad("region", "expected letters, digits and dashes, such as eu-west-1"));
        }
        if !is_url_segment(&user_pool_id) {
            return Err(bad("user_pool_id", "expected <region>_<id>, such as eu-west-1_AbC123"));
        }
        // Real Cognito and the local emulator both sign with this issuer.
        let issuer = format!("https://cognito-idp.{region}.amazonaws.com/{user_pool_id}");
        let jwks_url = match fields.jwks_url {
            None => format!("{issuer}/.well-known/jwks.json"),
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => url,
            Some(_) => return Err(bad("jwks_url", "expected an http:// or https:// URL")),
        };
        Ok(TrustedPool { client_id, issuer, jwks_url })
    }
}

fn is_url_segment(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<TrustedPool, ConfigError> {
        TrustedPool::parse(text, Path::new("cloud.json"))
    }

    #[test]
    fn the_issuer_and_keys_url_follow_from_the_pool() {
        let pool = parse(
            r#"{"region":"eu-west-1","user_pool_id":"eu-west-1_AbC","client_id":"app","bucket":"b","services_url":""}"#,
        )
        .expect("valid");
        assert_eq!(pool.issuer, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
        assert_eq!(
            pool.jwks_url,
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json"
        );
        assert_eq!(pool.client_id, "app");
    }

    #[test]
    fn a_given_keys_url_is_used() {
        let pool = parse(
            r#"{"region":"us-east-1","user_pool_id":"us-east-1_X","client_id":"c","jwks_url":"http://127.0.0.1:5000/us-east-1_X/.well-known/jwks.json"}"#,
        )
        .expect("valid");
        assert_eq!(pool.jwks_url, "http://127.0.0.1:5000/us-east-1_X/.well-known/jwks.json");
    }

    #[test]
    fn a_missing_or_empty_field_is_named() {
        let missing = parse(r#"{"region":"us-east-1","user_pool_id":"us-east-1_X"}"#).expect_err("no client");
        assert!(missing.to_string().contains("\"client_id\""), "{missing}");
        let empty =
            parse(r#"{"region":" ","user_pool_id":"us-east-1_X","client_id":"c"}"#).expect_err("empty");
        assert!(empty.to_string().contains("\"region\""), "{empty}");
    }

    #[test]
    fn values_that_would_bend_a_url_are_refused() {
        let err =
            parse(r#"{"region":"us-east-1","user_pool_id":"x/../y","client_id":"c"}"#).expect_err("slash");
        assert!(matches!(err, ConfigError::BadField { field: "user_pool_id", .. }), "{err}");
        let err =
            parse(r#"{"region":"us-east-1","user_pool_id":"p","client_id":"c","jwks_url":"file:///k"}"#)
                .expect_err("not http");
        assert!(matches!(err, ConfigError::BadField { field: "jwks_url", .. }), "{err}");
    }
}
