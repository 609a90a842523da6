//! The sign-in conversation with Cognito as a typed state machine: USER_SRP_AUTH, the
//! PASSWORD_VERIFIER answer, then whatever Cognito asks next. Each step carries the Session from
//! the one before; when Cognito says the Session expired, the machine starts over.

use std::collections::HashMap;

use serde::Serialize;

use crate::auth::api::{AuthOutcome, AuthTokens, CodeDelivery, CognitoApi};
use crate::auth::password::APP_PASSWORD_POLICY;
use crate::auth::totp::TotpSetup;
use crate::clock::ServerClock;
use crate::error::{ApiError, CloudError};

/// Who is signed in, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserInfo {
    pub email: String,
    /// The user-pool `sub`.
    pub sub: String,
    /// The identity-pool id (the S3 prefix and DynamoDB key), once known.
    pub identity_id: Option<String>,
}

/// A second factor Cognito can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MfaKind {
    SoftwareToken,
    Sms,
}

impl MfaKind {
    fn challenge_answer(self) -> &'static str {
        match self {
            MfaKind::SoftwareToken => "SOFTWARE_TOKEN_MFA",
            MfaKind::Sms => "SMS_MFA",
        }
    }
}

/// Where sign-in stands after a call: signed in, or what the parent must do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum SignInStep {
    SignedIn(UserInfo),
    /// An account an admin created: choose a password (answer with `respond_new_password`).
    NewPasswordRequired {
        required_attributes: Vec<String>,
    },
    /// Type the code from the authenticator app (answer with `respond_mfa_code`).
    SoftwareTokenMfa,
    /// Type the code sent by text message (answer with `respond_mfa_code`).
    SmsMfa {
        destination: Option<String>,
    },
    /// Pick a second factor (answer with `respond_select_mfa`).
    SelectMfaType {
        options: Vec<MfaKind>,
    },
    /// Add NoComelon to an authenticator app, then type its code (answer with `respond_mfa_setup`).
    MfaSetup(TotpSetup),
    /// The account is not confirmed: a new code was requested; confirm, then sign in again.
    ConfirmSignUp {
        email: String,
        destination: Option<String>,
    },
    /// The password must be reset: a code was sent; use `confirm_forgot_password`.
    ResetPassword {
        email: String,
        destination: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Awaiting {
    NewPassword,
    SoftwareTokenMfa,
    SmsMfa,
    SelectMfaType,
    MfaSetup,
}

#[derive(Debug, Clone)]
struct Pending {
    awaiting: Awaiting,
    session: String,
    username: String,
    email: String,
}

/// The result of one move of the machine.
#[derive(Debug)]
pub(crate) enum Advance {
    Step(SignInStep),
    Done { tokens: AuthTokens, email: String },
}

/// The machine; it holds only the pending challenge between calls.
#[derive(Debug, Default)]
pub(crate) struct SignInFlow {
    pending: Option<Pending>,
}

impl SignInFlow {
    pub(crate) fn reset(&mut self) {
        self.pending = None;
    }

    /// USER_SRP_AUTH and the PASSWORD_VERIFIER answer.
    pub(crate) async fn start(
        &mut self,
        api: &dyn CognitoApi,
        clock: &ServerClock,
        user_pool_id: &str,
        email: &str,
        password: &str,
    ) -> Result<Advance, CloudError> {
        self.reset();
        let email = email.trim();
        if email.is_empty() || password.is_empty() {
            return Err(CloudError::InvalidInput("enter your email and password".into()));
        }
        let srp = srp::SrpClient::new(user_pool_id).map_err(|e| CloudError::Srp(e.to_string()))?;
        let first = match api.initiate_srp(email, &srp.srp_a_hex()).await {
            Ok(outcome) => outcome,
            Err(err) => return self.start_error(api, email, err).await,
        };
        let (session, parameters) = match first {
            AuthOutcome::Tokens(tokens) => return Ok(Advance::Done { tokens, email: email.to_owned() }),
            AuthOutcome::Challenge { name, session, parameters } if name == "PASSWORD_VERIFIER" => {
                (session, parameters)
            }
            AuthOutcome::Challenge { name, .. } => return Err(CloudError::UnsupportedChallenge(name)),
        };
        let param = |key: &str| parameters.get(key).map(String::as_str).unwrap_or_default();
        let user_id_for_srp = [param("USER_ID_FOR_SRP"), param("USERNAME"), email]
            .into_iter()
            .find(|v| !v.is_empty())
            .unwrap_or(email)
            .to_owned();
        let timestamp = srp::cognito_timestamp(clock.now_unix());
        let claim = srp
            .password_claim(
                &user_id_for_srp,
                password,
                param("SALT"),
                param("SRP_B"),
                param("SECRET_BLOCK"),
                &timestamp,
            )
            .map_err(|e| CloudError::Srp(e.to_string()))?;
        let responses = HashMap::from([
            ("USERNAME".to_owned(), user_id_for_srp.clone()),
            ("PASSWORD_CLAIM_SECRET_BLOCK".to_owned(), claim.secret_block.clone()),
            ("PASSWORD_CLAIM_SIGNATURE".to_owned(), claim.signature_b64.clone()),
            ("TIMESTAMP".to_owned(), claim.timestamp.clone()),
        ]);
        let answer = api.respond("PASSWORD_VERIFIER", &session, responses).await;
        match answer {
            Ok(outcome) => self.handle(api, outcome, &user_id_for_srp, email).await,
            Err(err) => Err(self.challenge_error(err)),
        }
    }

    async fn start_error(
        &mut self,
        api: &dyn CognitoApi,
        email: &str,
        err: ApiError,
    ) -> Result<Advance, CloudError> {
        match err.code() {
            Some("UserNotConfirmedException") => {
                let destination = match api.resend_confirmation_code(email).await {
                    Ok(delivery) => delivery.destination,
                    Err(err) => {
                        tracing::warn!(error = err.message(), "could not send a new confirmation code");
                        None
                    }
                };
                Ok(Advance::Step(SignInStep::ConfirmSignUp { email: email.to_owned(), destination }))
            }
            Some("PasswordResetRequiredException") => {
                let CodeDelivery { destination, .. } =
                    api.forgot_password(email).await.map_err(CloudError::from)?;
                Ok(Advance::Step(SignInStep::ResetPassword { email: email.to_owned(), destination }))
            }
            // Do not tell a stranger whether an email has an account.
            Some("UserNotFoundException") => Err(CloudError::WrongPassword),
            _ => Err(err.into()),
        }
    }

    /// Turns Cognito's answer into the next step, remembering the Session it needs.
    async fn handle(
        &mut self,
        api: &dyn CognitoApi,
        outcome: AuthOutcome,
        username: &str,
        email: &str,
    ) -> Result<Advance, CloudError> {
        let (name, session, parameters) = match outcome {
            AuthOutcome::Tokens(tokens) => {
                self.reset();
                return Ok(Advance::Done { tokens, email: email.to_owned() });
            }
            AuthOutcome::Challenge { name, session, parameters } => (name, session, parameters),
        };
        let username = parameters
            .get("USER_ID_FOR_SRP")
            .or_else(|| parameters.get("USERNAME"))
            .filter(|v| !v.is_empty())
            .cloned()
            .unwrap_or_else(|| username.to_owned());
        let mut pending = |awaiting: Awaiting, session: String| {
            self.pending =
                Some(Pending { awaiting, session, username: username.clone(), email: email.to_owned() });
        };
        let step = match name.as_str() {
            "NEW_PASSWORD_REQUIRED" => {
                let required_attributes = json_list(parameters.get("requiredAttributes"))
                    .into_iter()
                    .map(|a| a.trim_start_matches("userAttributes.").to_owned())
                    .collect();
                pending(Awaiting::NewPassword, session);
                SignInStep::NewPasswordRequired { required_attributes }
            }
            "SOFTWARE_TOKEN_MFA" => {
                pending(Awaiting::SoftwareTokenMfa, session);
                SignInStep::SoftwareTokenMfa
            }
            "SMS_MFA" => {
                let destination = parameters.get("CODE_DELIVERY_DESTINATION").cloned();
                pending(Awaiting::SmsMfa, session);
                SignInStep::SmsMfa { destination }
            }
            "SELECT_MFA_TYPE" => {
                let options = json_list(parameters.get("MFAS_CAN_CHOOSE"))
                    .iter()
                    .filter_map(|o| match o.as_str() {
                        "SOFTWARE_TOKEN_MFA" => Some(MfaKind::SoftwareToken),
                        "SMS_MFA" => Some(MfaKind::Sms),
                        _ => None,
                    })
                    .collect();
                pending(Awaiting::SelectMfaType, session);
                SignInStep::SelectMfaType { options }
            }
            "MFA_SETUP" => {
                let can_setup = json_list(parameters.get("MFAS_CAN_SETUP"));
                if !can_setup.is_empty() && !can_setup.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
                    self.reset();
                    return Err(CloudError::UnsupportedChallenge(format!("MFA_SETUP with {can_setup:?}")));
                }
                let (secret, next_session) = match api.associate_software_token(&session).await {
                    Ok(answer) => answer,
                    Err(err) => return Err(self.challenge_error(err)),
                };
                pending(Awaiting::MfaSetup, next_session.unwrap_or(session));
                SignInStep::MfaSetup(TotpSetup::new(email, &secret))
            }
            _ => {
                self.reset();
                return Err(CloudError::UnsupportedChallenge(name));
            }
        };
        Ok(Advance::Step(step))
    }

    fn take_pending(&self, wanted: &[Awaiting]) -> Result<Pending, CloudError> {
        match &self.pending {
            Some(p) if wanted.contains(&p.awaiting) => Ok(p.clone()),
            _ => Err(CloudError::WrongStep),
        }
    }

    /// Answers NEW_PASSWORD_REQUIRED.
    pub(crate) async fn new_password(
        &mut self,
        api: &dyn CognitoApi,
        new_password: &str,
        attributes: &[(String, String)],
    ) -> Result<Advance, CloudError> {
        let pending = self.take_pending(&[Awaiting::NewPassword])?;
        let unmet = APP_PASSWORD_POLICY.unmet(new_password);
        if !unmet.is_empty() {
            return Err(CloudError::PasswordPolicy(APP_PASSWORD_POLICY.describe()));
        }
        let mut responses = HashMap::from([
            ("USERNAME".to_owned(), pending.username.clone()),
            ("NEW_PASSWORD".to_owned(), new_password.to_owned()),
        ]);
        for (name, value) in attributes {
            responses.insert(format!("userAttributes.{name}"), value.clone());
        }
        self.answer(api, &pending, "NEW_PASSWORD_REQUIRED", &pending.session, responses).await
    }

    /// Answers SOFTWARE_TOKEN_MFA or SMS_MFA.
    pub(crate) async fn mfa_code(&mut self, api: &dyn CognitoApi, code: &str) -> Result<Advance, CloudError> {
        let pending = self.take_pending(&[Awaiting::SoftwareTokenMfa, Awaiting::SmsMfa])?;
        let (challenge, key) = match pending.awaiting {
            Awaiting::SmsMfa => ("SMS_MFA", "SMS_MFA_CODE"),
            _ => ("SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE"),
        };
        let responses = HashMap::from([
            ("USERNAME".to_owned(), pending.username.clone()),
            (key.to_owned(), code.trim().to_owned()),
        ]);
        self.answer(api, &pending, challenge, &pending.session, responses).await
    }

    /// Answers SELECT_MFA_TYPE.
    pub(crate) async fn select_mfa(
        &mut self,
        api: &dyn CognitoApi,
        kind: MfaKind,
    ) -> Result<Advance, CloudError> {
        let pending = self.take_pending(&[Awaiting::SelectMfaType])?;
        let responses = HashMap::from([
            ("USERNAME".to_owned(), pending.username.clone()),
            ("ANSWER".to_owned(), kind.challenge_answer().to_owned()),
        ]);
        self.answer(api, &pending, "SELECT_MFA_TYPE", &pending.session, responses).await
    }

    /// Verifies the authenticator code (VerifySoftwareToken) and answers MFA_SETUP.
    pub(crate) async fn mfa_setup(
        &mut self,
        api: &dyn CognitoApi,
        code: &str,
        device_name: &str,
    ) -> Result<Advance, CloudError> {
        let pending = self.take_pending(&[Awaiting::MfaSetup])?;
        let session = match api.verify_software_token(&pending.session, code.trim(), device_name).await {
            Ok(next) => next.unwrap_or_else(|| pending.session.clone()),
            Err(err) => return Err(self.challenge_error(err)),
        };
        let responses = HashMap::from([("USERNAME".to_owned(), pending.username.clone())]);
        self.answer(api, &pending, "MFA_SETUP", &session, responses).await
    }

    async fn answer(
        &mut self,
        api: &dyn CognitoApi,
        pending: &Pending,
        challenge: &str,
        session: &str,
        responses: HashMap<String, String>,
    ) -> Result<Advance, CloudError> {
        match api.respond(challenge, session, responses).await {
            Ok(outcome) => self.handle(api, outcome, &pending.username, &pending.email).await,
            Err(err) => Err(self.challenge_error(err)),
        }
    }

    /// Maps an error during a challenge; an expired Session or a final refusal restarts the machine,
    /// while a mistyped code or a network hiccup leaves the step open for another try.
    fn challenge_error(&mut self, err: ApiError) -> CloudError {
        if err.is_expired_session() {
            self.reset();
            return CloudError::SessionExpired;
        }
        let mapped = CloudError::from(err);
        let retryable = matches!(
            mapped,
            CloudError::CodeMismatch
                | CloudError::PasswordPolicy(_)
                | CloudError::InvalidInput(_)
                | CloudError::Network { .. }
                | CloudError::TooManyAttempts
        );
        if !retryable {
            self.reset();
        }
        mapped
    }

    #[cfg(test)]
    pub(crate) fn is_idle(&self) -> bool {
        self.pending.is_none()
    }
}

/// Cognito sends lists inside challenge parameters as JSON text.
fn json_list(value: Option<&String>) -> Vec<String> {
    value.and_then(|v| serde_json::from_str::<Vec<String>>(v).ok()).unwrap_or_default()
}
