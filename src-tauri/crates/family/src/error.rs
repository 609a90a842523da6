//! What can stop a change from reaching the family's cloud, sorted by what the engine does
//! next: wait and try again (the network, throttling), or set the change aside and tell the
//! parent (a file gone missing, a record the cloud refuses).

use cloud::{ApiError, CloudError};
use nocomelon_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error(transparent)]
    Cloud(#[from] CloudError),
    #[error("{0}")]
    BadRecord(String),
    #[error("This computer isn't signed in to a family account, so nothing is sent to the cloud.")]
    NotSignedIn,
    #[error("Syncing was paused.")]
    Paused,
    #[error("The email you typed isn't this account's, so nothing was deleted.")]
    ConfirmationMismatch,
}

impl SyncError {
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Core(error) => error.code(),
            SyncError::Cloud(error) => error.code(),
            SyncError::BadRecord(_) => "bad_record",
            SyncError::NotSignedIn => "not_signed_in",
            SyncError::Paused => "paused",
            SyncError::ConfirmationMismatch => "confirmation_mismatch",
        }
    }

    /// Failures that pass by themselves: the change waits and is tried again.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Cloud(CloudError::Network { .. }) => true,
            SyncError::Cloud(CloudError::TooManyAttempts) => true,
            SyncError::Cloud(CloudError::KeychainUnavailable { .. }) => true,
            SyncError::Cloud(CloudError::Service { code, .. }) => is_transient_service_code(code),
            SyncError::Paused | SyncError::NotSignedIn => true,
            _ => false,
        }
    }

    /// True when the computer seems to be offline.
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Cloud(CloudError::Network { .. }))
    }
}

fn is_transient_service_code(code: &str) -> bool {
    matches!(
        code,
        "ThrottlingException"
            | "ProvisionedThroughputExceededException"
            | "RequestLimitExceeded"
            | "SlowDown"
            | "InternalServerError"
            | "InternalError"
            | "ServiceUnavailable"
            | "RequestTimeout"
            | "TransactionConflictException"
            | "unknown"
    )
}

/// A failed SDK call as the engine sees it; a DynamoDB condition that failed is kept apart,
/// because it means another computer changed the item first.
pub(crate) enum CallError {
    ConditionFailed,
    Other(SyncError),
}

pub(crate) fn call_error(api: ApiError) -> CallError {
    if api.code() == Some("ConditionalCheckFailedException") {
        CallError::ConditionFailed
    } else {
        CallError::Other(SyncError::Cloud(CloudError::from(api)))
    }
}

impl From<CallError> for SyncError {
    fn from(error: CallError) -> Self {
        match error {
            CallError::ConditionFailed => SyncError::BadRecord(
                "Another computer changed this storybook at the same moment; try syncing again.".into(),
            ),
            CallError::Other(error) => error,
        }
    }
}

impl From<ApiError> for SyncError {
    fn from(api: ApiError) -> Self {
        SyncError::Cloud(CloudError::from(api))
    }
}
