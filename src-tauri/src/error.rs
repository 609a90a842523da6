//! The one error shape that crosses IPC: a stable code and a plain message for the parent.

use nocomelon_core::CoreError;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppError {
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.to_string(), message: message.into() }
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        tracing::error!(%what, "internal error");
        Self::new("internal", "Something went wrong inside the app. Your work is saved; please try again.")
    }
}

impl From<CoreError> for AppError {
    fn from(error: CoreError) -> Self {
        match &error {
            CoreError::Store(_) | CoreError::Io { .. } | CoreError::Corrupt { .. } => {
                tracing::error!(%error, code = error.code(), "command failed");
            }
            _ => tracing::info!(%error, code = error.code(), "command refused"),
        }
        Self { code: error.code().to_string(), message: error.to_string() }
    }
}

impl From<cloud::CloudError> for AppError {
    fn from(error: cloud::CloudError) -> Self {
        tracing::info!(code = error.code(), "account step refused");
        AppError::new(error.code(), error.to_string())
    }
}

impl From<family::CloudUnavailable> for AppError {
    fn from(error: family::CloudUnavailable) -> Self {
        AppError::new(error.code(), error.reason)
    }
}

impl From<family::SyncError> for AppError {
    fn from(error: family::SyncError) -> Self {
        tracing::info!(code = error.code(), "sync step refused");
        AppError::new(error.code(), error.to_string())
    }
}
