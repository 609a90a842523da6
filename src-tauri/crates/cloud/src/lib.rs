//! NoComelon's cloud side: Cognito sign-in (SRP) and sessions, identity-pool credentials and the
//! S3/DynamoDB clients that use them. It knows nothing of any UI; the desktop shell and the CLI
//! both drive it through [`CloudSession`].

pub mod auth;
pub mod aws;
pub mod clients;
pub mod clock;
pub mod config;
pub mod error;
pub mod identity;
pub mod secret_store;
pub mod session;
pub mod session_file;
pub mod transfer;

pub use auth::api::{AuthOutcome, AuthTokens, CodeDelivery, CognitoApi, SdkCognitoApi, SignUpResult};
pub use auth::flow::{MfaKind, SignInStep, UserInfo};
pub use auth::password::{PasswordPolicy, PasswordRule, APP_PASSWORD_POLICY};
pub use auth::totp::TotpSetup;
pub use aws::CallLimits;
pub use clients::CloudClients;
pub use clock::ServerClock;
pub use config::{CloudConfig, ConfigError};
pub use error::{api_error, ApiError, CloudError};
pub use identity::{with_credential_retry, IdentityCredentials, RefreshCredentials};
pub use secret_store::{KeychainBackend, KeyringStore, MemorySecretStore, SecretStore, SecretStoreError};
pub use session::{CloudSession, CloudSessionBuilder, SignOutReport};
pub use transfer::{
    FileUploadState, MemoryUploadState, MultipartState, SentPart, TransferProgress, Transfers, UploadControl,
    UploadOutcome, UploadReport, UploadStateError, UploadStateStore,
};
