//! The user pool's signing keys, fetched from its JWKS and kept. A token naming a key the server
//! does not know makes it fetch again (the pool may have rotated its keys), but at most once per
//! cool-down, so a flood of tokens with made-up key ids cannot turn the server against the pool.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::DecodingKey;
use serde::Deserialize;

/// How long one fetch of the JWKS may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest JWKS document read (a pool publishes two keys, about 1 KiB each).
const MAX_JWKS_BYTES: usize = 256 * 1024;
/// While no keys were ever fetched, fetch attempts are at least this far apart.
const RETRY_WHILE_EMPTY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The token names a key the pool does not publish.
    #[error("no signing key with this id")]
    Unknown,
    /// No keys could be fetched at all, so no token can be checked.
    #[error("the user pool's signing keys could not be fetched ({0})")]
    Unavailable(String),
}

#[derive(Debug, Default)]
struct FetchState {
    loaded: bool,
    last_failure: Option<Instant>,
    last_refetch: Option<Instant>,
}

pub struct KeySet {
    url: String,
    client: reqwest::Client,
    refetch_cooldown: Duration,
    keys: RwLock<Arc<HashMap<String, DecodingKey>>>,
    // Held while fetching, so concurrent requests for an unknown key wait for one fetch.
    fetch: tokio::sync::Mutex<FetchState>,
}

#[derive(Deserialize)]
struct JwksDocument {
    keys: Vec<serde_json::Value>,
}

impl KeySet {
    pub fn new(url: String, refetch_cooldown: Duration) -> Result<Self, KeyError> {
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .build()
            .map_err(|err| KeyError::Unavailable(format!("no HTTP client: {err}")))?;
        Ok(Self {
            url,
            client,
            refetch_cooldown,
            keys: RwLock::new(Arc::new(HashMap::new())),
            fetch: tokio::sync::Mutex::new(FetchState::default()),
        })
    }

    /// Fetches the keys now (at start, so the first request does not wait); failures are logged
    /// and retried when a token arrives.
    pub async fn prefetch(&self) {
        let mut state = self.fetch.lock().await;
        if !state.loaded {
            self.fetch_into(&mut state).await.ok();
        }
    }

    /// The key a token's `kid` names.
    pub async fn key(&self, kid: &str) -> Result<DecodingKey, KeyError> {
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let mut state = self.fetch.lock().await;
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let now = Instant::now();
        if state.loaded {
            if state.last_refetch.is_some_and(|at| now.duration_since(at) < self.refetch_cooldown) {
                return Err(KeyError::Unknown);
            }
            state.last_refetch = Some(now);
            tracing::info!("a token names an unknown signing key; fetching the user pool's keys again");
            // A failed re-fetch keeps the keys already held.
            self.fetch_into(&mut state).await.ok();
        } else {
            if state.last_failure.is_some_and(|at| now.duration_since(at) < RETRY_WHILE_EMPTY) {
                return Err(KeyError::Unavailable("the last attempt just failed".into()));
            }
            self.fetch_into(&mut state).await.map_err(KeyError::Unavailable)?;
        }
        self.cached(kid).ok_or(KeyError::Unknown)
    }

    fn cached(&self, kid: &str) -> Option<DecodingKey> {
        let keys = self.keys.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        keys.get(kid).cloned()
    }

    async fn fetch_into(&self, state: &mut FetchState) -> Result<(), String> {
        match self.download().await {
            Ok(keys) => {
                tracing::info!(keys = keys.len(), "fetched the user pool's signing keys");
                *self.keys.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(keys);
                state.loaded = true;
                Ok(())
            }
            Err(reason) => {
                tracing::warn!(url = %self.url, %reason, "could not fetch the user pool's signing keys");
                state.last_failure = Some(Instant::now());
                Err(reason)
            }
        }
    }

    async fn download(&self) -> Result<HashMap<String, DecodingKey>, String> {
        let mut response = self.client.get(&self.url).send().await.map_err(|err| err.to_string())?;
        if !response.status().is_success() {
            return Err(format!("the keys address answered {}", response.status()));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| err.to_string())? {
            if body.len() + chunk.len() > MAX_JWKS_BYTES {
                return Err(format!("the key document is larger than {MAX_JWKS_BYTES} bytes"));
            }
            body.extend_from_slice(&chunk);
        }
        parse_jwks(&body)
    }
}

/// The RS256 signing keys of a JWKS document, by key id; keys of other kinds are skipped.
pub fn parse_jwks(body: &[u8]) -> Result<HashMap<String, DecodingKey>, String> {
    let document: JwksDocument =
        serde_json::from_slice(body).map_err(|err| format!("the key document is not a JWKS ({err})"))?;
    let mut keys = HashMap::new();
    for value in document.keys {
        // One key of a kind this server does not use must not hide the others.
        let Ok(jwk) = serde_json::from_value::<Jwk>(value) else { continue };
        let usable = matches!(jwk.algorithm, AlgorithmParameters::RSA(_))
            && jwk.common.key_algorithm.is_none_or(|alg| alg == KeyAlgorithm::RS256)
            && jwk.common.public_key_use.as_ref().is_none_or(|usage| *usage == PublicKeyUse::Signature);
        let (true, Some(kid)) = (usable, jwk.common.key_id.clone()) else { continue };
        if let Ok(key) = DecodingKey::from_jwk(&jwk) {
            keys.insert(kid, key);
        }
    }
    if keys.is_empty() {
        return Err("the key document has no RS256 signing key".into());
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test-only public key (see tests/keys/README.md).
    const RSA_KEY: &str = include_str!("../../tests/keys/current.jwk.json");

    #[test]
    fn rsa_signing_keys_are_kept_by_id_and_others_skipped() {
        let document = format!(
            r#"{{"keys":[{RSA_KEY},{{"kty":"oct","kid":"h","k":"c2VjcmV0"}},{{"kty":"RSA","kid":"enc","use":"enc","e":"AQAB","n":"sXch"}},{{"nonsense":true}}]}}"#
        );
        let keys = parse_jwks(document.as_bytes()).expect("one usable key");
        assert_eq!(keys.keys().collect::<Vec<_>>(), vec!["test-current"]);
    }

    #[test]
    fn a_document_without_a_usable_key_is_an_error() {
        assert!(parse_jwks(br#"{"keys":[]}"#).is_err());
        assert!(parse_jwks(b"<html>").is_err());
    }
}
