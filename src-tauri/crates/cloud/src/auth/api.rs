//! The user-pool calls the sign-in logic makes, as a trait: the real implementation talks to
//! Cognito through the SDK, and unit tests drive the state machine with a scripted fake.

use std::collections::HashMap;
use std::fmt;

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, AuthenticationResultType, ChallengeNameType};
use zeroize::Zeroizing;

use crate::error::{api_error, ApiError};

/// Tokens from a finished sign-in or refresh.
#[derive(Clone)]
pub struct AuthTokens {
    pub access_token: Zeroizing<String>,
    pub id_token: Zeroizing<String>,
    /// Present on sign-in, and on refresh only when the pool rotates refresh tokens.
    pub refresh_token: Option<Zeroizing<String>>,
    pub expires_in: i64,
}

impl fmt::Debug for AuthTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthTokens")
            .field("has_refresh_token", &self.refresh_token.is_some())
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// What InitiateAuth or RespondToAuthChallenge answered.
#[derive(Debug, Clone)]
pub enum AuthOutcome {
    Tokens(AuthTokens),
    Challenge { name: String, session: String, parameters: HashMap<String, String> },
}

/// Where a confirmation code was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CodeDelivery {
    pub destination: Option<String>,
    pub medium: Option<String>,
}

/// The answer to SignUp.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SignUpResult {
    pub confirmed: bool,
    pub user_sub: String,
    pub delivery: Option<CodeDelivery>,
}

/// The Cognito user-pool operations the app uses, all unsigned (public app client, no secret).
#[async_trait]
pub trait CognitoApi: Send + Sync + fmt::Debug {
    async fn initiate_srp(&self, username: &str, srp_a_hex: &str) -> Result<AuthOutcome, ApiError>;
    async fn initiate_refresh(&self, refresh_token: &str) -> Result<AuthOutcome, ApiError>;
    async fn respond(
        &self,
        challenge: &str,
        session: &str,
        responses: HashMap<String, String>,
    ) -> Result<AuthOutcome, ApiError>;
    /// Returns the TOTP secret and the next Session.
    async fn associate_software_token(&self, session: &str) -> Result<(String, Option<String>), ApiError>;
    /// Returns the next Session.
    async fn verify_software_token(
        &self,
        session: &str,
        code: &str,
        device_name: &str,
    ) -> Result<Option<String>, ApiError>;
    async fn sign_up(&self, email: &str, password: &str) -> Result<SignUpResult, ApiError>;
    async fn confirm_sign_up(&self, email: &str, code: &str) -> Result<(), ApiError>;
    async fn resend_confirmation_code(&self, email: &str) -> Result<CodeDelivery, ApiError>;
    async fn forgot_password(&self, email: &str) -> Result<CodeDelivery, ApiError>;
    async fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), ApiError>;
    async fn revoke_token(&self, refresh_token: &str) -> Result<(), ApiError>;
    async fn global_sign_out(&self, access_token: &str) -> Result<(), ApiError>;
    /// Deletes the signed-in user from the pool (the parent asked to delete their account).
    async fn delete_user(&self, access_token: &str) -> Result<(), ApiError>;
}

/// [`CognitoApi`] over the AWS SDK.
#[derive(Debug, Clone)]
pub struct SdkCognitoApi {
    client: aws_sdk_cognitoidentityprovider::Client,
    client_id: String,
}

impl SdkCognitoApi {
    pub fn new(client: aws_sdk_cognitoidentityprovider::Client, client_id: &str) -> Self {
        Self { client, client_id: client_id.to_owned() }
    }
}

fn outcome(
    challenge: Option<&ChallengeNameType>,
    session: Option<&str>,
    parameters: Option<&HashMap<String, String>>,
    result: Option<&AuthenticationResultType>,
) -> Result<AuthOutcome, ApiError> {
    if let Some(result) = result {
        let (Some(access), Some(id)) = (result.access_token(), result.id_token()) else {
            return Err(ApiError::Other("the sign-in answer had no tokens".into()));
        };
        return Ok(AuthOutcome::Tokens(AuthTokens {
            access_token: Zeroizing::new(access.to_owned()),
            id_token: Zeroizing::new(id.to_owned()),
            refresh_token: result.refresh_token().map(|t| Zeroizing::new(t.to_owned())),
            expires_in: i64::from(result.expires_in()),
        }));
    }
    match challenge {
        Some(name) => Ok(AuthOutcome::Challenge {
            name: name.as_str().to_owned(),
            session: session.unwrap_or_default().to_owned(),
            parameters: parameters.cloned().unwrap_or_default(),
        }),
        None => Err(ApiError::Other("the sign-in answer had neither tokens nor a next step".into())),
    }
}

fn delivery(
    details: Option<&aws_sdk_cognitoidentityprovider::types::CodeDeliveryDetailsType>,
) -> CodeDelivery {
    CodeDelivery {
        destination: details.and_then(|d| d.destination()).map(str::to_owned),
        medium: details.and_then(|d| d.delivery_medium()).map(|m| m.as_str().to_owned()),
    }
}

#[async_trait]
impl CognitoApi for SdkCognitoApi {
    async fn initiate_srp(&self, username: &str, srp_a_hex: &str) -> Result<AuthOutcome, ApiError> {
        let out = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserSrpAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("SRP_A", srp_a_hex)
            .send()
            .await
            .map_err(api_error)?;
        outcome(out.challenge_name(), out.session(), out.challenge_parameters(), out.authentication_result())
    }

    async fn initiate_refresh(&self, refresh_token: &str) -> Result<AuthOutcome, ApiError> {
        let out = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", refresh_token)
            .send()
            .await
            .map_err(api_error)?;
        outcome(out.challenge_name(), out.session(), out.challenge_parameters(), out.authentication_result())
    }

    async fn respond(
        &self,
        challenge: &str,
        session: &str,
        responses: HashMap<String, String>,
    ) -> Result<AuthOutcome, ApiError> {
        let out = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::from(challenge))
            .session(session)
            .set_challenge_responses(Some(responses))
            .send()
            .await
            .map_err(api_error)?;
        outcome(out.challenge_name(), out.session(), out.challenge_parameters(), out.authentication_result())
    }

    async fn associate_software_token(&self, session: &str) -> Result<(String, Option<String>), ApiError> {
        let out = self.client.associate_software_token().session(session).send().await.map_err(api_error)?;
        let secret = out
            .secret_code()
            .ok_or_else(|| ApiError::Other("the authenticator setup had no secret".into()))?;
        Ok((secret.to_owned(), out.session().map(str::to_owned)))
    }

    async fn verify_software_token(
        &self,
        session: &str,
        code: &str,
        device_name: &str,
    ) -> Result<Option<String>, ApiError> {
        let out = self
            .client
            .verify_software_token()
            .session(session)
            .user_code(code)
            .friendly_device_name(device_name)
            .send()
            .await
            .map_err(api_error)?;
        match out.status() {
            Some(status) if status.as_str() != "SUCCESS" => {
                Err(ApiError::service("CodeMismatchException", "the authenticator code was not accepted"))
            }
            _ => Ok(out.session().map(str::to_owned)),
        }
    }

    async fn sign_up(&self, email: &str, password: &str) -> Result<SignUpResult, ApiError> {
        let email_attribute = aws_sdk_cognitoidentityprovider::types::AttributeType::builder()
            .name("email")
            .value(email)
            .build()
            .map_err(|e| ApiError::Other(e.to_string()))?;
        let out = self
            .client
            .sign_up()
            .client_id(&self.client_id)
            .username(email)
            .password(password)
            .user_attributes(email_attribute)
            .send()
            .await
            .map_err(api_error)?;
        Ok(SignUpResult {
            confirmed: out.user_confirmed(),
            user_sub: out.user_sub().to_owned(),
            delivery: out.code_delivery_details().map(|d| delivery(Some(d))),
        })
    }

    async fn confirm_sign_up(&self, email: &str, code: &str) -> Result<(), ApiError> {
        self.client
            .confirm_sign_up()
            .client_id(&self.client_id)
            .username(email)
            .confirmation_code(code)
            .send()
            .await
            .map_err(api_error)?;
        Ok(())
    }

    async fn resend_confirmation_code(&self, email: &str) -> Result<CodeDelivery, ApiError> {
        let out = self
            .client
            .resend_confirmation_code()
            .client_id(&self.client_id)
            .username(email)
            .send()
            .await
            .map_err(api_error)?;
        Ok(delivery(out.code_delivery_details()))
    }

    async fn forgot_password(&self, email: &str) -> Result<CodeDelivery, ApiError> {
        let out = self
            .client
            .forgot_password()
            .client_id(&self.client_id)
            .username(email)
            .send()
            .await
            .map_err(api_error)?;
        Ok(delivery(out.code_delivery_details()))
    }

    async fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), ApiError> {
        self.client
            .confirm_forgot_password()
            .client_id(&self.client_id)
            .username(email)
            .confirmation_code(code)
            .password(new_password)
            .send()
            .await
            .map_err(api_error)?;
        Ok(())
    }

    async fn revoke_token(&self, refresh_token: &str) -> Result<(), ApiError> {
        self.client
            .revoke_token()
            .client_id(&self.client_id)
            .token(refresh_token)
            .send()
            .await
            .map_err(api_error)?;
        Ok(())
    }

    async fn global_sign_out(&self, access_token: &str) -> Result<(), ApiError> {
        self.client.global_sign_out().access_token(access_token).send().await.map_err(api_error)?;
        Ok(())
    }

    async fn delete_user(&self, access_token: &str) -> Result<(), ApiError> {
        self.client.delete_user().access_token(access_token).send().await.map_err(api_error)?;
        Ok(())
    }
}
