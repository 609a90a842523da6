//! The account as the window and the CLI see it: the cloud session's steps in plain shapes
//! (exported to TypeScript), with no token or credential in any of them.

use std::sync::Arc;

use cloud::{CloudConfig, CloudSession};
use nocomelon_core::api::CloudStatus;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Cloud features were asked for on a computer that cannot offer them; the reason says why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{reason}")]
pub struct CloudUnavailable {
    pub reason: String,
}

impl CloudUnavailable {
    pub fn code(&self) -> &'static str {
        "cloud_unavailable"
    }
}

/// The cloud side, when this computer has cloud settings.
pub enum Cloud {
    Ready(Arc<CloudSession>),
    Unavailable(String),
}

impl Cloud {
    /// Finds the cloud settings; without any the app runs on this computer only.
    pub fn open(data_dir: &std::path::Path) -> Self {
        Self::from_located(CloudConfig::locate(None), data_dir)
    }

    /// A session for `config`, or the reason there is none.
    pub fn from_located(
        located: Result<Option<CloudConfig>, cloud::ConfigError>,
        data_dir: &std::path::Path,
    ) -> Self {
        match located {
            Ok(Some(config)) => Cloud::Ready(Arc::new(CloudSession::open(config, data_dir))),
            Ok(None) => Cloud::Unavailable(
                "This computer has no family-account settings yet. Everything works here without an account."
                    .into(),
            ),
            Err(error) => {
                tracing::warn!(%error, "cloud settings could not be used");
                Cloud::Unavailable(format!("Sign-in is off: {error}"))
            }
        }
    }

    pub fn session(&self) -> Result<Arc<CloudSession>, CloudUnavailable> {
        match self {
            Cloud::Ready(session) => Ok(Arc::clone(session)),
            Cloud::Unavailable(reason) => Err(CloudUnavailable { reason: reason.clone() }),
        }
    }

    pub fn status(&self) -> CloudStatus {
        match self {
            Cloud::Ready(_) => CloudStatus { available: true, reason: String::new() },
            Cloud::Unavailable(reason) => CloudStatus { available: false, reason: reason.clone() },
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Account {
    pub email: String,
    pub sub: String,
    pub identity_id: Option<String>,
    /// Signed in, but the computer's keychain (which holds the sign-in) has not answered yet;
    /// the app asks it again when it next needs the cloud.
    pub waiting_for_keychain: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct PasswordPolicy {
    pub min_length: u32,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AccountStatus {
    pub cloud: CloudStatus,
    pub account: Option<Account>,
    pub password_policy: PasswordPolicy,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MfaKind {
    Sms,
    Totp,
}

impl From<MfaKind> for cloud::MfaKind {
    fn from(choice: MfaKind) -> Self {
        match choice {
            MfaKind::Sms => cloud::MfaKind::Sms,
            MfaKind::Totp => cloud::MfaKind::SoftwareToken,
        }
    }
}

/// The next thing the parent does to finish signing in.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum SignInStep {
    SignedIn { account: Account },
    NewPasswordRequired { required_attributes: Vec<String> },
    SoftwareTokenMfa,
    SmsMfa { destination: Option<String> },
    SelectMfaType { options: Vec<MfaKind> },
    MfaSetup { otpauth_uri: String, qr_svg: String, secret: String },
    ConfirmSignUp { destination: Option<String> },
    ResetPassword { destination: Option<String> },
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CodeDelivery {
    pub destination: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SignOutReport {
    pub complete: bool,
    pub problems: Vec<String>,
}

pub async fn status(cloud: &Cloud) -> AccountStatus {
    let (account, policy) = match cloud {
        Cloud::Ready(session) => {
            let waiting = session.waiting_for_keychain().await;
            let account =
                session.whoami().await.map(|user| Account { waiting_for_keychain: waiting, ..account(user) });
            (account, session.password_policy())
        }
        Cloud::Unavailable(_) => (None, cloud::APP_PASSWORD_POLICY),
    };
    AccountStatus {
        cloud: cloud.status(),
        account,
        password_policy: PasswordPolicy {
            min_length: policy.min_length as u32,
            require_uppercase: policy.require_uppercase,
            require_lowercase: policy.require_lowercase,
            require_numbers: policy.require_number,
            require_symbols: policy.require_symbol,
        },
    }
}

/// The step in IPC form; once signed in, also learns the identity id (best effort: offline the
/// parent is still signed in and it is fetched later).
pub async fn next(session: &CloudSession, step: cloud::SignInStep) -> SignInStep {
    match step {
        cloud::SignInStep::SignedIn(user) => {
            let mut account = account(user);
            if account.identity_id.is_none() {
                account.identity_id = session.identity_id().await.ok();
            }
            SignInStep::SignedIn { account }
        }
        cloud::SignInStep::NewPasswordRequired { required_attributes } => {
            SignInStep::NewPasswordRequired { required_attributes }
        }
        cloud::SignInStep::SoftwareTokenMfa => SignInStep::SoftwareTokenMfa,
        cloud::SignInStep::SmsMfa { destination } => SignInStep::SmsMfa { destination },
        cloud::SignInStep::SelectMfaType { options } => SignInStep::SelectMfaType {
            options: options
                .into_iter()
                .map(|kind| match kind {
                    cloud::MfaKind::Sms => MfaKind::Sms,
                    cloud::MfaKind::SoftwareToken => MfaKind::Totp,
                })
                .collect(),
        },
        cloud::SignInStep::MfaSetup(setup) => SignInStep::MfaSetup {
            otpauth_uri: setup.otpauth_uri,
            qr_svg: setup.qr_svg,
            secret: setup.secret_base32,
        },
        cloud::SignInStep::ConfirmSignUp { destination, .. } => SignInStep::ConfirmSignUp { destination },
        cloud::SignInStep::ResetPassword { destination, .. } => SignInStep::ResetPassword { destination },
    }
}

pub fn delivery(delivery: Option<cloud::CodeDelivery>) -> CodeDelivery {
    CodeDelivery { destination: delivery.and_then(|d| d.destination) }
}

pub fn sign_out_report(report: cloud::SignOutReport) -> SignOutReport {
    SignOutReport { complete: report.is_clean(), problems: report.problems() }
}

fn account(user: cloud::UserInfo) -> Account {
    Account { email: user.email, sub: user.sub, identity_id: user.identity_id, waiting_for_keychain: false }
}
