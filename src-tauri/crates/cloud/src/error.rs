//! One error type for everything the cloud side can tell a parent, so the UI and the CLI map a
//! failure to a stable code and a plain sentence without knowing which AWS call produced it.

use crate::config::ConfigError;
use crate::secret_store::SecretStoreError;

/// What went wrong, in words a parent can read, with a stable machine code (see [`CloudError::code`]).
#[derive(Debug, thiserror::Error)]
pub enum CloudError {
    #[error("That email and password don't match. Please try again.")]
    WrongPassword,
    #[error("We couldn't find an account with that email.")]
    UserNotFound,
    #[error("This account isn't confirmed yet. Enter the code we emailed you.")]
    UserNotConfirmed,
    #[error("This account needs a new password. Enter the code we emailed you and choose one.")]
    PasswordResetRequired,
    #[error("That code isn't right. Please check it and try again.")]
    CodeMismatch,
    #[error("That code has expired. Ask for a new one and try again.")]
    CodeExpired,
    #[error("Too many tries. Please wait a few minutes and try again.")]
    TooManyAttempts,
    #[error(
        "The NoComelon cloud can't be reached right now. Check the internet connection; \
         everything on this computer keeps working."
    )]
    Network { detail: String },
    #[error("That took too long; please sign in again.")]
    SessionExpired,
    #[error("That password isn't strong enough: {0}")]
    PasswordPolicy(String),
    #[error("An account with this email already exists. Try signing in instead.")]
    UserExists,
    #[error("You're not signed in.")]
    NotSignedIn,
    #[error("You've been signed out. Please sign in again.")]
    SignedOut,
    #[error("Please check what you typed: {0}")]
    InvalidInput(String),
    #[error("This account needs a sign-in step this app doesn't support ({0}).")]
    UnsupportedChallenge(String),
    #[error("That step doesn't match where sign-in is. Please start signing in again.")]
    WrongStep,
    #[error("This account isn't allowed to do that.")]
    AccessDenied,
    #[error("The cloud settings can't be used: {0}")]
    Config(#[from] ConfigError),
    #[error("The computer's keychain couldn't be used: {0}")]
    Keychain(#[from] SecretStoreError),
    #[error(
        "Your computer's keychain isn't available yet, so NoComelon can't use your sign-in right now. \
         You're still signed in; please try again in a moment."
    )]
    KeychainUnavailable { detail: String },
    #[error("NoComelon couldn't save its sign-in details on this computer: {0}")]
    Storage(String),
    #[error("Signing in failed because of a problem in the app: {0}")]
    Srp(String),
    #[error("The NoComelon cloud had a problem ({code}). Please try again later.")]
    Service { code: String, message: String },
    #[error("The transfer was cancelled.")]
    Cancelled,
    #[error("NoComelon couldn't use a file on this computer: {0}")]
    LocalFile(String),
    #[error("NoComelon couldn't note how far an upload got, so it can't be resumed later: {0}")]
    UploadState(String),
}

impl CloudError {
    /// The stable snake_case code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            CloudError::WrongPassword => "wrong_password",
            CloudError::UserNotFound => "user_not_found",
            CloudError::UserNotConfirmed => "user_not_confirmed",
            CloudError::PasswordResetRequired => "password_reset_required",
            CloudError::CodeMismatch => "code_mismatch",
            CloudError::CodeExpired => "code_expired",
            CloudError::TooManyAttempts => "too_many_attempts",
            CloudError::Network { .. } => "network",
            CloudError::SessionExpired => "session_expired",
            CloudError::PasswordPolicy(_) => "password_policy",
            CloudError::UserExists => "user_exists",
            CloudError::NotSignedIn => "not_signed_in",
            CloudError::SignedOut => "signed_out",
            CloudError::InvalidInput(_) => "invalid_input",
            CloudError::UnsupportedChallenge(_) => "unsupported_challenge",
            CloudError::WrongStep => "wrong_step",
            CloudError::AccessDenied => "access_denied",
            CloudError::Config(_) => "config",
            CloudError::Keychain(_) => "keychain",
            CloudError::KeychainUnavailable { .. } => "keychain_unavailable",
            CloudError::Storage(_) => "storage",
            CloudError::Srp(_) => "sign_in_failed",
            CloudError::Service { .. } => "service",
            CloudError::Cancelled => "cancelled",
            CloudError::LocalFile(_) => "local_file",
            CloudError::UploadState(_) => "upload_state",
        }
    }

    /// True when the failure is the network's, so the caller keeps working offline.
    pub fn is_network(&self) -> bool {
        matches!(self, CloudError::Network { .. })
    }
}

/// A failed AWS call reduced to what the mapping needs: transport trouble or the service's error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    Network(String),
    Service { code: String, message: String },
    Other(String),
}

impl ApiError {
    pub fn service(code: &str, message: &str) -> Self {
        ApiError::Service { code: code.to_owned(), message: message.to_owned() }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Service { code, .. } => Some(code),
            _ => None,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            ApiError::Service { message, .. } => message,
            ApiError::Network(detail) | ApiError::Other(detail) => detail,
        }
    }

    /// Errors after which the refresh token is worthless: the session ends.
    pub fn ends_session(&self) -> bool {
        matches!(
            self.code(),
            Some(
                "NotAuthorizedException"
                    | "TokenRevokedException"
                    | "UserNotFoundException"
                    | "PasswordResetRequiredException"
                    | "UserNotConfirmedException"
            )
        )
    }

    /// Cognito's ways of saying a challenge Session is no longer valid.
    pub fn is_expired_session(&self) -> bool {
        match self {
            ApiError::Service { code, message } => {
                code == "ExpiredCodeException"
                    || (code == "NotAuthorizedException"
                        && (message.contains("Invalid session") || message.contains("session is expired")))
            }
            _ => false,
        }
    }
}

impl From<ApiError> for CloudError {
    /// The general mapping; call sites with more context (a challenge, a refresh) decide first.
    fn from(err: ApiError) -> Self {
        match err {
            ApiError::Network(detail) => CloudError::Network { detail },
            ApiError::Other(detail) => CloudError::Service { code: "unknown".into(), message: detail },
            ApiError::Service { code, message } => match code.as_str() {
                "NotAuthorizedException" => CloudError::WrongPassword,
                "UserNotFoundException" => CloudError::UserNotFound,
                "UserNotConfirmedException" => CloudError::UserNotConfirmed,
                "PasswordResetRequiredException" => CloudError::PasswordResetRequired,
                "CodeMismatchException" | "EnableSoftwareTokenMFAException" => CloudError::CodeMismatch,
                "ExpiredCodeException" => CloudError::CodeExpired,
                "TooManyRequestsException"
                | "TooManyFailedAttemptsException"
                | "LimitExceededException"
                | "CodeDeliveryFailureException" => CloudError::TooManyAttempts,
                "InvalidPasswordException" => CloudError::PasswordPolicy(message),
                "UsernameExistsException" | "AliasExistsException" => CloudError::UserExists,
                "InvalidParameterException" => CloudError::InvalidInput(message),
                "AccessDenied" | "AccessDeniedException" => CloudError::AccessDenied,
                _ => CloudError::Service { code, message },
            },
        }
    }
}

/// Reduces any AWS SDK error to an [`ApiError`].
pub fn api_error<E, R>(err: aws_smithy_runtime_api::client::result::SdkError<E, R>) -> ApiError
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    use aws_smithy_runtime_api::client::result::SdkError;
    use aws_smithy_types::error::display::DisplayErrorContext;
    match &err {
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => {
            ApiError::Network(DisplayErrorContext(&err).to_string())
        }
        SdkError::ServiceError(context) => {
            let service_err = context.err();
            ApiError::Service {
                code: service_err.code().unwrap_or("Unknown").to_owned(),
                message: service_err.message().unwrap_or_default().to_owned(),
            }
        }
        _ => ApiError::Other(DisplayErrorContext(&err).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognito_codes_map_to_the_codes_the_ui_knows() {
        let cases = [
            ("NotAuthorizedException", "wrong_password"),
            ("UserNotConfirmedException", "user_not_confirmed"),
            ("CodeMismatchException", "code_mismatch"),
            ("ExpiredCodeException", "code_expired"),
            ("TooManyFailedAttemptsException", "too_many_attempts"),
            ("InvalidPasswordException", "password_policy"),
            ("UsernameExistsException", "user_exists"),
            ("SomethingNew", "service"),
        ];
        for (aws, ui) in cases {
            assert_eq!(CloudError::from(ApiError::service(aws, "m")).code(), ui, "{aws}");
        }
        assert_eq!(CloudError::from(ApiError::Network("down".into())).code(), "network");
    }

    #[test]
    fn expired_challenge_sessions_are_recognised() {
        assert!(ApiError::service(
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        )
        .is_expired_session());
        assert!(ApiError::service("ExpiredCodeException", "x").is_expired_session());
        assert!(!ApiError::service("NotAuthorizedException", "Incorrect username or password.")
            .is_expired_session());
    }

    #[test]
    fn only_definite_auth_errors_end_a_session() {
        assert!(ApiError::service("NotAuthorizedException", "revoked").ends_session());
        assert!(ApiError::service("UserNotFoundException", "").ends_session());
        assert!(!ApiError::Network("offline".into()).ends_session());
        assert!(!ApiError::service("InternalErrorException", "").ends_session());
        assert!(!ApiError::service("TooManyRequestsException", "").ends_session());
    }

    #[test]
    fn messages_are_plain_sentences() {
        assert_eq!(CloudError::SessionExpired.to_string(), "That took too long; please sign in again.");
        assert!(CloudError::Network { detail: "dns".into() }.to_string().contains("keeps working"));
        let keychain =
            CloudError::KeychainUnavailable { detail: "org.freedesktop.DBus.Error.NoServer".into() };
        assert_eq!(keychain.code(), "keychain_unavailable");
        assert_eq!(
            keychain.to_string(),
            "Your computer's keychain isn't available yet, so NoComelon can't use your sign-in right now. \
             You're still signed in; please try again in a moment."
        );
    }
}
