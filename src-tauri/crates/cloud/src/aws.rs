//! Builds every AWS SDK client from one `aws_config::SdkConfig` made only of a [`CloudConfig`]:
//! its region, its endpoint override (a local emulator), the identity-pool credentials, and the
//! [`CallLimits`] (timeouts, bounded retries). Nothing is read from AWS environment variables or
//! profile files: the app must sign only with what the identity pool gave the signed-in family,
//! whatever else the computer has configured. Cognito calls go out unsigned.

use std::sync::Arc;
use std::time::Duration;

use aws_config::identity::IdentityCache;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;

use crate::clock::{DateHeaderInterceptor, ServerClock};
use crate::config::CloudConfig;

/// How long one remote call may take and how often it is tried before the app gives up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallLimits {
    /// Opening the connection.
    pub connect_timeout: Duration,
    /// One try, from sending the request to the last byte of the answer.
    pub attempt_timeout: Duration,
    /// The whole call, every retry and backoff included.
    pub operation_timeout: Duration,
    /// Tries in all, the first one included; only transient failures (network trouble,
    /// throttling, server errors) are tried again.
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for CallLimits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Duration::from_secs(30),
            operation_timeout: Duration::from_secs(90),
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl CallLimits {
    pub fn timeout_config(&self) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(self.connect_timeout)
            .operation_attempt_timeout(self.attempt_timeout)
            .operation_timeout(self.operation_timeout)
            .build()
    }

    pub fn retry_config(&self) -> RetryConfig {
        RetryConfig::standard()
            .with_max_attempts(self.max_attempts.max(1))
            .with_initial_backoff(self.initial_backoff)
            .with_max_backoff(self.max_backoff)
    }
}

/// The shared settings of every client: region, endpoint, limits and, for the signed services,
/// `credentials` as the only credentials source. Built field by field, so no environment variable
/// or profile file takes part.
pub fn sdk_config(
    config: &CloudConfig,
    limits: &CallLimits,
    credentials: Option<SharedCredentialsProvider>,
) -> SdkConfig {
    let mut builder = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .timeout_config(limits.timeout_config())
        .retry_config(limits.retry_config());
    if let Some(url) = &config.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    if let Some(credentials) = credentials {
        // The provider caches by Expiration itself and must be able to drop expired keys at once.
        builder = builder.credentials_provider(credentials).identity_cache(IdentityCache::no_cache());
    }
    builder.build()
}

/// The user-pool client; every call it makes is unsigned.
pub fn cognito_idp(
    config: &CloudConfig,
    clock: Arc<ServerClock>,
    limits: &CallLimits,
) -> aws_sdk_cognitoidentityprovider::Client {
    let conf = aws_sdk_cognitoidentityprovider::config::Builder::from(&sdk_config(config, limits, None))
        .interceptor(DateHeaderInterceptor::new(clock))
        .build();
    aws_sdk_cognitoidentityprovider::Client::from_conf(conf)
}

/// The identity-pool client; GetId and GetCredentialsForIdentity are unsigned.
pub fn cognito_identity(
    config: &CloudConfig,
    clock: Arc<ServerClock>,
    limits: &CallLimits,
) -> aws_sdk_cognitoidentity::Client {
    let conf = aws_sdk_cognitoidentity::config::Builder::from(&sdk_config(config, limits, None))
        .interceptor(DateHeaderInterceptor::new(clock))
        .build();
    aws_sdk_cognitoidentity::Client::from_conf(conf)
}

/// S3 signed with `credentials`; path-style addressing when an endpoint override is set.
pub fn s3(
    config: &CloudConfig,
    clock: Arc<ServerClock>,
    limits: &CallLimits,
    credentials: SharedCredentialsProvider,
) -> aws_sdk_s3::Client {
    let conf = aws_sdk_s3::config::Builder::from(&sdk_config(config, limits, Some(credentials)))
        .force_path_style(config.endpoint_url.is_some())
        .interceptor(DateHeaderInterceptor::new(clock))
        .build();
    aws_sdk_s3::Client::from_conf(conf)
}

/// DynamoDB signed with `credentials`.
pub fn dynamodb(
    config: &CloudConfig,
    clock: Arc<ServerClock>,
    limits: &CallLimits,
    credentials: SharedCredentialsProvider,
) -> aws_sdk_dynamodb::Client {
    let conf = aws_sdk_dynamodb::config::Builder::from(&sdk_config(config, limits, Some(credentials)))
        .interceptor(DateHeaderInterceptor::new(clock))
        .build();
    aws_sdk_dynamodb::Client::from_conf(conf)
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use aws_credential_types::Credentials;

    use super::*;
    use crate::error::{api_error, ApiError};

    fn cloud_config(endpoint_url: Option<String>) -> CloudConfig {
        CloudConfig {
            region: "eu-west-1".into(),
            user_pool_id: "eu-west-1_AbC123".into(),
            client_id: "client".into(),
            identity_pool_id: "eu-west-1:0000".into(),
            bucket: "media".into(),
            library_table: "library".into(),
            checkpoints_table: "checkpoints".into(),
            services_url: "https://api.example.org".into(),
            endpoint_url,
            jwks_url: None,
        }
    }

    fn fixed_credentials() -> SharedCredentialsProvider {
        SharedCredentialsProvider::new(Credentials::new("AKIDIDENTITYPOOL", "secret", None, None, "test"))
    }

    #[test]
    fn every_client_has_timeouts_and_bounded_retries() {
        let config = cloud_config(Some("http://127.0.0.1:9".into()));
        let limits = CallLimits::default();
        let clock = ServerClock::new();
        let check = |timeouts: Option<&TimeoutConfig>, retries: Option<&RetryConfig>, client: &str| {
            let timeouts = timeouts.unwrap_or_else(|| panic!("{client} has no timeouts"));
            assert_eq!(timeouts.connect_timeout(), Some(Duration::from_secs(10)), "{client}");
            assert_eq!(timeouts.operation_attempt_timeout(), Some(Duration::from_secs(30)), "{client}");
            assert_eq!(timeouts.operation_timeout(), Some(Duration::from_secs(90)), "{client}");
            let retries = retries.unwrap_or_else(|| panic!("{client} has no retry settings"));
            assert_eq!(retries.max_attempts(), 3, "{client}");
            assert_eq!(retries.max_backoff(), Duration::from_secs(5), "{client}");
        };
        let idp = cognito_idp(&config, clock.clone(), &limits);
        check(idp.config().timeout_config(), idp.config().retry_config(), "cognito-idp");
        let identity = cognito_identity(&config, clock.clone(), &limits);
        check(identity.config().timeout_config(), identity.config().retry_config(), "cognito-identity");
        let s3 = s3(&config, clock.clone(), &limits, fixed_credentials());
        check(s3.config().timeout_config(), s3.config().retry_config(), "s3");
        let dynamodb = dynamodb(&config, clock, &limits, fixed_credentials());
        check(dynamodb.config().timeout_config(), dynamodb.config().retry_config(), "dynamodb");
    }

    #[test]
    fn only_the_given_credentials_and_settings_are_used() {
        let config = cloud_config(Some("http://127.0.0.1:9".into()));
        let unsigned = sdk_config(&config, &CallLimits::default(), None);
        assert!(unsigned.credentials_provider().is_none());
        assert!(unsigned.service_config().is_none(), "no environment or profile loader");
        assert_eq!(unsigned.endpoint_url(), Some("http://127.0.0.1:9"));
        assert_eq!(unsigned.region().map(|r| r.as_ref()), Some("eu-west-1"));

        let signed = sdk_config(&cloud_config(None), &CallLimits::default(), Some(fixed_credentials()));
        assert!(signed.credentials_provider().is_some());
        assert_eq!(signed.endpoint_url(), None);
        assert!(signed.service_config().is_none());
    }

    /// A server that accepts connections and never answers: each try must time out, and the
    /// call must stop after `max_attempts` tries.
    #[tokio::test]
    async fn a_silent_server_is_tried_a_bounded_number_of_times_then_reported_as_network_trouble() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("its address").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = accepted.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                held.push(stream);
            }
        });
        let limits = CallLimits {
            connect_timeout: Duration::from_secs(2),
            attempt_timeout: Duration::from_millis(300),
            operation_timeout: Duration::from_secs(20),
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
        };
        let config = cloud_config(Some(format!("http://127.0.0.1:{port}")));
        let client = dynamodb(&config, ServerClock::new(), &limits, fixed_credentials());
        let result = client
            .get_item()
            .table_name("library")
            .key("user_id", aws_sdk_dynamodb::types::AttributeValue::S("u".into()))
            .send()
            .await;
        let err = api_error(result.expect_err("nobody answers"));
        assert!(matches!(err, ApiError::Network(_)), "{err:?}");
        assert_eq!(accepted.load(Ordering::SeqCst), 3, "one connection per try");
    }
}
