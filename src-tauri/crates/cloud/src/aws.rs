//! Builds the AWS SDK clients from a [`CloudConfig`]: one region, an optional endpoint override
//! for a local emulator, the server-clock interceptor, bounded timeouts. Cognito calls go out
//! unsigned (the app has no AWS credentials until the identity pool gives it some).

use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_types::timeout::TimeoutConfig;

use crate::clock::{DateHeaderInterceptor, ServerClock};
use crate::config::CloudConfig;

fn timeouts() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(10))
        .operation_attempt_timeout(Duration::from_secs(30))
        .operation_timeout(Duration::from_secs(90))
        .build()
}

/// The user-pool client; every call it makes is unsigned.
pub fn cognito_idp(config: &CloudConfig, clock: Arc<ServerClock>) -> aws_sdk_cognitoidentityprovider::Client {
    use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Builder, Region};
    let mut builder = Builder::new()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .timeout_config(timeouts())
        .interceptor(DateHeaderInterceptor::new(clock));
    if let Some(url) = &config.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_cognitoidentityprovider::Client::from_conf(builder.build())
}

/// The identity-pool client; GetId and GetCredentialsForIdentity are unsigned.
pub fn cognito_identity(config: &CloudConfig, clock: Arc<ServerClock>) -> aws_sdk_cognitoidentity::Client {
    use aws_sdk_cognitoidentity::config::{BehaviorVersion, Builder, Region};
    let mut builder = Builder::new()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .timeout_config(timeouts())
        .interceptor(DateHeaderInterceptor::new(clock));
    if let Some(url) = &config.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_cognitoidentity::Client::from_conf(builder.build())
}

/// S3 signed with `credentials`; path-style addressing when an endpoint override is set.
pub fn s3(
    config: &CloudConfig,
    clock: Arc<ServerClock>,
    credentials: SharedCredentialsProvider,
) -> aws_sdk_s3::Client {
    use aws_sdk_s3::config::{BehaviorVersion, Builder, IdentityCache, Region};
    let mut builder = Builder::new()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .timeout_config(timeouts())
        .credentials_provider(credentials)
        // The provider caches by Expiration itself and must be able to drop expired keys at once.
        .identity_cache(IdentityCache::no_cache())
        .interceptor(DateHeaderInterceptor::new(clock));
    if let Some(url) = &config.endpoint_url {
        builder = builder.endpoint_url(url).force_path_style(true);
    }
    aws_sdk_s3::Client::from_conf(builder.build())
}

/// DynamoDB signed with `credentials`.
pub fn dynamodb(
    config: &CloudConfig,
    clock: Arc<ServerClock>,
    credentials: SharedCredentialsProvider,
) -> aws_sdk_dynamodb::Client {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Builder, IdentityCache, Region};
    let mut builder = Builder::new()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .timeout_config(timeouts())
        .credentials_provider(credentials)
        .identity_cache(IdentityCache::no_cache())
        .interceptor(DateHeaderInterceptor::new(clock));
    if let Some(url) = &config.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_dynamodb::Client::from_conf(builder.build())
}
