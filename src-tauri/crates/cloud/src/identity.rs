//! Identity-pool credentials: trading the user-pool ID token for short-lived AWS keys (GetId,
//! GetCredentialsForIdentity, both unsigned), cached by their Expiration, and handed to the S3
//! and DynamoDB clients as a `ProvideCredentials`.

use std::future::Future;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials};
use aws_credential_types::Credentials;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use tokio::sync::Mutex;

use crate::config::CloudConfig;
use crate::error::{api_error, CloudError};
use crate::session::SessionInner;

/// Credentials are replaced this long before their Expiration.
pub const DEFAULT_CREDENTIALS_BUFFER: Duration = Duration::from_secs(5 * 60);

/// Error codes AWS uses for credentials that ran out.
const EXPIRED_CREDENTIAL_CODES: &[&str] =
    &["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"];

/// The credentials last fetched, and a generation every clear bumps: a fetch remembers the
/// generation it started in and stores its result only if nothing was cleared meanwhile, so a
/// sign-out during a fetch is never undone by the fetch finishing.
#[derive(Debug, Default)]
struct CredentialCache {
    credentials: Option<Credentials>,
    generation: u64,
}

impl CredentialCache {
    fn usable(&self, now: SystemTime, buffer: Duration) -> Option<Credentials> {
        let cached = self.credentials.as_ref()?;
        let usable = match cached.expiry() {
            Some(expiry) => expiry.duration_since(now).is_ok_and(|left| left > buffer),
            None => true,
        };
        usable.then(|| cached.clone())
    }

    fn clear(&mut self) {
        self.credentials = None;
        self.generation += 1;
    }

    /// Stores `credentials` if the cache was not cleared since `generation`; says whether it did.
    fn store_if_current(&mut self, generation: u64, credentials: Credentials) -> bool {
        if self.generation != generation {
            return false;
        }
        self.credentials = Some(credentials);
        true
    }
}

/// The identity-pool client and the cached credentials.
///
/// Lock order: `fetching` may be held while calling into the session (which takes the token
/// lock); nothing in the session ever waits for `fetching`. `cache` is a plain mutex held only
/// for a few instructions and never across an await, so clearing it from anywhere (sign-out, a
/// refresh the cloud refused) cannot wait on a fetch.
#[derive(Debug)]
pub(crate) struct IdentityService {
    client: aws_sdk_cognitoidentity::Client,
    cache: StdMutex<CredentialCache>,
    /// One fetch at a time, so callers that find the cache stale together share one fetch.
    fetching: Mutex<()>,
    buffer: Duration,
}

impl IdentityService {
    pub(crate) fn new(client: aws_sdk_cognitoidentity::Client, buffer: Duration) -> Self {
        Self { client, cache: StdMutex::default(), fetching: Mutex::new(()), buffer }
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, CredentialCache> {
        self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forgets the cached credentials at once; a fetch under way will not store its result.
    pub(crate) fn clear(&self) {
        self.cache().clear();
    }

    pub(crate) async fn get_id(&self, config: &CloudConfig, id_token: &str) -> Result<String, CloudError> {
        let out = self
            .client
            .get_id()
            .identity_pool_id(&config.identity_pool_id)
            .logins(config.login_provider(), id_token)
            .send()
            .await
            .map_err(api_error)?;
        out.identity_id().map(str::to_owned).ok_or_else(|| CloudError::Service {
            code: "NoIdentityId".into(),
            message: "GetId answered without an identity id".into(),
        })
    }

    async fn fetch(
        &self,
        config: &CloudConfig,
        identity_id: &str,
        id_token: &str,
    ) -> Result<Credentials, crate::error::ApiError> {
        let out = self
            .client
            .get_credentials_for_identity()
            .identity_id(identity_id)
            .logins(config.login_provider(), id_token)
            .send()
            .await
            .map_err(api_error)?;
        let creds = out
            .credentials()
            .ok_or_else(|| crate::error::ApiError::Other("no credentials in the answer".into()))?;
        let (Some(key), Some(secret)) = (creds.access_key_id(), creds.secret_key()) else {
            return Err(crate::error::ApiError::Other("incomplete credentials in the answer".into()));
        };
        let expiry = creds.expiration().and_then(|e| SystemTime::try_from(*e).ok());
        Ok(Credentials::new(
            key,
            secret,
            creds.session_token().map(str::to_owned),
            expiry,
            "CognitoIdentityPool",
        ))
    }
}

/// The `ProvideCredentials` the S3 and DynamoDB clients sign with.
#[derive(Debug, Clone)]
pub struct IdentityCredentials {
    session: Arc<SessionInner>,
}

impl IdentityCredentials {
    pub(crate) fn new(session: Arc<SessionInner>) -> Self {
        Self { session }
    }

    /// Current credentials: the cached ones while they have more than the buffer left, else new ones.
    pub async fn credentials(&self) -> Result<Credentials, CloudError> {
        self.load(false).await
    }

    /// Drops the cached credentials and fetches new ones.
    pub async fn force_refresh(&self) -> Result<Credentials, CloudError> {
        self.load(true).await
    }

    async fn load(&self, force: bool) -> Result<Credentials, CloudError> {
        let session = &self.session;
        let identity = &session.identity;
        let _one_fetch = identity.fetching.lock().await;
        let generation = {
            let cache = identity.cache();
            if !force {
                if let Some(cached) = cache.usable(session.clock.now(), identity.buffer) {
                    return Ok(cached);
                }
            }
            cache.generation
        };
        let id_token = session.id_token().await?;
        let identity_id = session.identity_id(&id_token).await?;
        let fetched = match identity.fetch(&session.config, &identity_id, &id_token).await {
            Err(err) if err.code() == Some("ResourceNotFoundException") => {
                // The identity was deleted on the server: get a new one once.
                session.remember_identity_id(None);
                let identity_id = session.identity_id(&id_token).await?;
                identity.fetch(&session.config, &identity_id, &id_token).await
            }
            other => other,
        };
        let credentials = fetched.map_err(CloudError::from)?;
        if identity.cache().store_if_current(generation, credentials.clone()) {
            Ok(credentials)
        } else {
            // The session these credentials belong to ended while they were fetched.
            Err(CloudError::SignedOut)
        }
    }
}

impl ProvideCredentials for IdentityCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.credentials().await.map_err(|err| match err {
                CloudError::NotSignedIn | CloudError::SignedOut => CredentialsError::not_loaded(err),
                other => CredentialsError::provider_error(other),
            })
        })
    }
}

/// Something whose credentials can be forced to refresh.
pub trait RefreshCredentials: Sync {
    fn refresh_credentials(&self) -> impl Future<Output = ()> + Send;
}

impl RefreshCredentials for IdentityCredentials {
    async fn refresh_credentials(&self) {
        if let Err(err) = self.force_refresh().await {
            tracing::warn!(code = err.code(), "could not refresh AWS credentials");
        }
    }
}

/// Runs `op`; when AWS says the credentials expired, refreshes them and runs it once more.
pub async fn with_credential_retry<T, E, F, Fut, C>(credentials: &C, mut op: F) -> Result<T, E>
where
    C: RefreshCredentials,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: ProvideErrorMetadata,
{
    match op().await {
        Err(err) if err.code().is_some_and(|code| EXPIRED_CREDENTIAL_CODES.contains(&code)) => {
            tracing::info!("AWS credentials expired mid-call; refreshing and retrying once");
            credentials.refresh_credentials().await;
            op().await
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use aws_smithy_types::error::ErrorMetadata;

    use super::*;

    #[derive(Default)]
    struct CountingRefresh(AtomicUsize);

    impl RefreshCredentials for CountingRefresh {
        async fn refresh_credentials(&self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn credentials(key: &str, expiry: Option<SystemTime>) -> Credentials {
        Credentials::new(key, "secret", None, expiry, "test")
    }

    #[test]
    fn credentials_fetched_across_a_clear_are_not_stored() {
        let mut cache = CredentialCache::default();
        let started_in = cache.generation;
        cache.clear();
        assert!(!cache.store_if_current(started_in, credentials("AKIA-OLD", None)));
        assert!(cache.usable(SystemTime::now(), Duration::ZERO).is_none());

        let started_in = cache.generation;
        assert!(cache.store_if_current(started_in, credentials("AKIA-NEW", None)));
        let kept = cache.usable(SystemTime::now(), Duration::ZERO).unwrap();
        assert_eq!(kept.access_key_id(), "AKIA-NEW");
    }

    #[test]
    fn credentials_inside_the_buffer_are_not_usable() {
        let now = SystemTime::now();
        let mut cache = CredentialCache::default();
        cache.store_if_current(0, credentials("AKIA-1", Some(now + Duration::from_secs(200))));
        assert!(cache.usable(now, Duration::from_secs(300)).is_none());
        assert!(cache.usable(now, Duration::from_secs(100)).is_some());
    }

    fn expired() -> ErrorMetadata {
        ErrorMetadata::builder().code("ExpiredToken").message("The provided token has expired.").build()
    }

    #[tokio::test]
    async fn an_expired_token_refreshes_once_and_retries() {
        let refresher = CountingRefresh::default();
        let calls = AtomicUsize::new(0);
        let result: Result<&str, ErrorMetadata> = with_credential_retry(&refresher, || {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    Err(expired())
                } else {
                    Ok("stored")
                }
            }
        })
        .await;
        assert_eq!(result.unwrap(), "stored");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(refresher.0.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_second_expiry_is_returned_not_looped() {
        let refresher = CountingRefresh::default();
        let calls = AtomicUsize::new(0);
        let result: Result<(), ErrorMetadata> = with_credential_retry(&refresher, || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(expired()) }
        })
        .await;
        assert_eq!(result.unwrap_err().code(), Some("ExpiredToken"));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn other_errors_are_not_retried() {
        let refresher = CountingRefresh::default();
        let calls = AtomicUsize::new(0);
        let result: Result<(), ErrorMetadata> = with_credential_retry(&refresher, || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(ErrorMetadata::builder().code("AccessDenied").build()) }
        })
        .await;
        assert_eq!(result.unwrap_err().code(), Some("AccessDenied"));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(refresher.0.load(Ordering::SeqCst), 0);
    }
}
