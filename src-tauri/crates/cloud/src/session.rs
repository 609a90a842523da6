//! `CloudSession`: the one object the app and the CLI hold for the signed-in family. It runs the
//! sign-in state machine, keeps tokens in memory, the refresh token in the keychain and the
//! non-secret facts on disk, refreshes before expiry one refresh at a time, and hands out
//! identity-pool credentials.

use std::path::Path;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::Mutex;
use zeroize::Zeroizing;

use crate::auth::api::{AuthOutcome, AuthTokens, CodeDelivery, CognitoApi, SdkCognitoApi, SignUpResult};
use crate::auth::claims::decode_id_claims;
use crate::auth::flow::{Advance, MfaKind, SignInFlow, SignInStep, UserInfo};
use crate::auth::password::{PasswordPolicy, APP_PASSWORD_POLICY};
use crate::aws::CallLimits;
use crate::clock::ServerClock;
use crate::config::CloudConfig;
use crate::error::{ApiError, CloudError};
use crate::identity::{IdentityCredentials, IdentityService};
use crate::secret_store::{KeychainBackend, KeyringStore, SecretStore};
use crate::session_file::{SessionFacts, SessionFile};

/// Tokens are refreshed this long before they expire.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The tokens held in memory, wiped on drop.
#[derive(Default)]
struct TokenState {
    access: Option<Zeroizing<String>>,
    id: Option<Zeroizing<String>>,
    refresh: Option<Zeroizing<String>>,
    /// Server Unix seconds when `access`/`id` expire.
    expires_at: i64,
    /// The cloud refused the refresh token and the session was wiped: callers that were waiting
    /// for that refresh are told they were signed out, not that nobody ever signed in.
    ended_by_cloud: bool,
}

pub(crate) struct SessionInner {
    pub(crate) config: CloudConfig,
    api: Arc<dyn CognitoApi>,
    secrets: Arc<dyn SecretStore>,
    file: SessionFile,
    pub(crate) clock: Arc<ServerClock>,
    flow: Mutex<SignInFlow>,
    tokens: Mutex<TokenState>,
    facts: StdMutex<Option<SessionFacts>>,
    pub(crate) identity: IdentityService,
    refresh_margin: Duration,
    call_limits: CallLimits,
}

impl std::fmt::Debug for SessionInner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionInner")
            .field("user_pool_id", &self.config.user_pool_id)
            .finish_non_exhaustive()
    }
}

/// The signed-in (or signing-in) parent's cloud session. Cheap to clone.
#[derive(Debug, Clone)]
pub struct CloudSession {
    inner: Arc<SessionInner>,
}

/// Builds a [`CloudSession`] with non-default parts.
pub struct CloudSessionBuilder {
    config: CloudConfig,
    data_dir: std::path::PathBuf,
    secrets: Option<Arc<dyn SecretStore>>,
    api: Option<Arc<dyn CognitoApi>>,
    refresh_margin: Duration,
    credentials_buffer: Duration,
    call_limits: CallLimits,
}

impl CloudSessionBuilder {
    /// Use this secret store instead of the OS keychain.
    pub fn secret_store(mut self, store: Arc<dyn SecretStore>) -> Self {
        self.secrets = Some(store);
        self
    }

    /// Use this user-pool API instead of the AWS SDK (tests).
    pub fn cognito_api(mut self, api: Arc<dyn CognitoApi>) -> Self {
        self.api = Some(api);
        self
    }

    /// How long before expiry tokens are refreshed (default 5 minutes).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// How long before their Expiration AWS credentials are replaced (default 5 minutes).
    pub fn credentials_buffer(mut self, buffer: Duration) -> Self {
        self.credentials_buffer = buffer;
        self
    }

    /// Timeouts and retries of every AWS call (default [`CallLimits::default`]).
    pub fn call_limits(mut self, limits: CallLimits) -> Self {
        self.call_limits = limits;
        self
    }

    /// Restores any session found in the keychain and data dir, without a network call.
    pub fn build(self) -> CloudSession {
        let clock = ServerClock::new();
        let api = self.api.unwrap_or_else(|| {
            Arc::new(SdkCognitoApi::new(
                crate::aws::cognito_idp(&self.config, clock.clone(), &self.call_limits),
                &self.config.client_id,
            ))
        });
        let secrets = self.secrets.unwrap_or_else(|| Arc::new(KeyringStore::system()));
        let identity = IdentityService::new(
            crate::aws::cognito_identity(&self.config, clock.clone(), &self.call_limits),
            self.credentials_buffer,
        );
        let file = SessionFile::in_dir(&self.data_dir);
        let inner = SessionInner {
            api,
            secrets,
            file,
            clock,
            flow: Mutex::new(SignInFlow::default()),
            tokens: Mutex::new(TokenState::default()),
            facts: StdMutex::new(None),
            identity,
            refresh_margin: self.refresh_margin,
            call_limits: self.call_limits,
            config: self.config,
        };
        inner.restore();
        CloudSession { inner: Arc::new(inner) }
    }
}

/// What sign-out managed to do. Local data is always wiped; the cloud calls may fail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SignOutReport {
    /// Why RevokeToken failed, if it did.
    pub revoke_failed: Option<String>,
    /// Why GlobalSignOut failed, if it was asked for and failed.
    pub global_sign_out_failed: Option<String>,
    /// Why the keychain entry could not be removed, if it could not.
    pub keychain_failed: Option<String>,
    /// Why the session file could not be removed, if it could not.
    pub local_file_failed: Option<String>,
}

impl SignOutReport {
    /// True when every step worked.
    pub fn is_clean(&self) -> bool {
        *self == SignOutReport::default()
    }

    /// Plain sentences about what went wrong, one per problem.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(reason) = &self.global_sign_out_failed {
            problems.push(format!(
                "Signing out on your other computers didn't work ({reason}); they stay signed in until their sign-in runs out."
            ));
        }
        if let Some(reason) = &self.revoke_failed {
            problems.push(format!(
                "The cloud couldn't be told to cancel this computer's sign-in ({reason}); it was removed from this computer anyway."
            ));
        }
        if let Some(reason) = &self.keychain_failed {
            problems.push(format!("The sign-in couldn't be removed from the keychain ({reason})."));
        }
        if let Some(reason) = &self.local_file_failed {
            problems.push(format!("The sign-in details couldn't be removed from this computer ({reason})."));
        }
        problems
    }
}

impl CloudSession {
    /// A session over the real AWS SDK and the OS keychain; restores a stored session if any.
    pub fn open(config: CloudConfig, data_dir: &Path) -> CloudSession {
        Self::builder(config, data_dir).build()
    }

    pub fn builder(config: CloudConfig, data_dir: &Path) -> CloudSessionBuilder {
        CloudSessionBuilder {
            config,
            data_dir: data_dir.to_path_buf(),
            secrets: None,
            api: None,
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            credentials_buffer: crate::identity::DEFAULT_CREDENTIALS_BUFFER,
            call_limits: CallLimits::default(),
        }
    }

    pub fn config(&self) -> &CloudConfig {
        &self.inner.config
    }

    /// The server clock (skew-corrected) this session uses.
    pub fn clock(&self) -> Arc<ServerClock> {
        self.inner.clock.clone()
    }

    /// The timeouts and retries every AWS call of this session uses.
    pub fn call_limits(&self) -> &CallLimits {
        &self.inner.call_limits
    }

    /// The password rules, for the sign-up form.
    pub fn password_policy(&self) -> PasswordPolicy {
        APP_PASSWORD_POLICY
    }

    /// Starts signing in with email and password.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<SignInStep, CloudError> {
        let advance = {
            let mut flow = self.inner.flow.lock().await;
            flow.start(
                self.inner.api.as_ref(),
                &self.inner.clock,
                &self.inner.config.user_pool_id,
                email,
                password,
            )
            .await?
        };
        self.inner.finish(advance).await
    }

    /// Answers [`SignInStep::NewPasswordRequired`].
    pub async fn respond_new_password(
        &self,
        new_password: &str,
        attributes: &[(String, String)],
    ) -> Result<SignInStep, CloudError> {
        let advance = {
            self.inner
                .flow
                .lock()
                .await
                .new_password(self.inner.api.as_ref(), new_password, attributes)
                .await?
        };
        self.inner.finish(advance).await
    }

    /// Answers [`SignInStep::SoftwareTokenMfa`] or [`SignInStep::SmsMfa`].
    pub async fn respond_mfa_code(&self, code: &str) -> Result<SignInStep, CloudError> {
        let advance = { self.inner.flow.lock().await.mfa_code(self.inner.api.as_ref(), code).await? };
        self.inner.finish(advance).await
    }

    /// Answers [`SignInStep::SelectMfaType`].
    pub async fn respond_select_mfa(&self, kind: MfaKind) -> Result<SignInStep, CloudError> {
        let advance = { self.inner.flow.lock().await.select_mfa(self.inner.api.as_ref(), kind).await? };
        self.inner.finish(advance).await
    }

    /// Answers [`SignInStep::MfaSetup`] with the first code the authenticator app shows.
    pub async fn respond_mfa_setup(&self, code: &str, device_name: &str) -> Result<SignInStep, CloudError> {
        let advance =
            { self.inner.flow.lock().await.mfa_setup(self.inner.api.as_ref(), code, device_name).await? };
        self.inner.finish(advance).await
    }

    /// Abandons a sign-in in progress.
    pub async fn cancel_sign_in(&self) {
        self.inner.flow.lock().await.reset();
    }

    /// Creates an account; a code is emailed unless the pool confirms accounts itself.
    pub async fn sign_up(&self, email: &str, password: &str) -> Result<SignUpResult, CloudError> {
        let email = email.trim();
        if !email.contains('@') {
            return Err(CloudError::InvalidInput("enter a valid email address".into()));
        }
        if !APP_PASSWORD_POLICY.unmet(password).is_empty() {
            return Err(CloudError::PasswordPolicy(APP_PASSWORD_POLICY.describe()));
        }
        self.inner.api.sign_up(email, password).await.map_err(CloudError::from)
    }

    /// Confirms a new account with the emailed code.
    pub async fn confirm_sign_up(&self, email: &str, code: &str) -> Result<(), CloudError> {
        self.inner.api.confirm_sign_up(email.trim(), code.trim()).await.map_err(CloudError::from)
    }

    /// Sends a new sign-up code.
    pub async fn resend_code(&self, email: &str) -> Result<CodeDelivery, CloudError> {
        self.inner.api.resend_confirmation_code(email.trim()).await.map_err(CloudError::from)
    }

    /// Starts a password reset: a code is sent.
    pub async fn forgot_password(&self, email: &str) -> Result<CodeDelivery, CloudError> {
        self.inner.api.forgot_password(email.trim()).await.map_err(CloudError::from)
    }

    /// Finishes a password reset with the code and a new password.
    pub async fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), CloudError> {
        if !APP_PASSWORD_POLICY.unmet(new_password).is_empty() {
            return Err(CloudError::PasswordPolicy(APP_PASSWORD_POLICY.describe()));
        }
        self.inner
            .api
            .confirm_forgot_password(email.trim(), code.trim(), new_password)
            .await
            .map_err(CloudError::from)
    }

    /// Who is signed in, from memory and disk only (no network). A parent whose keychain has not
    /// answered yet is still signed in (see [`CloudSession::waiting_for_keychain`]).
    pub async fn whoami(&self) -> Option<UserInfo> {
        self.inner.facts().map(|f| UserInfo { email: f.email, sub: f.sub, identity_id: f.identity_id })
    }

    /// True when a parent is signed in but the keychain holding the sign-in has not answered yet
    /// (at login the Secret Service may start after the app). The next token request asks the
    /// keychain again; until it answers, those requests fail with
    /// [`CloudError::KeychainUnavailable`].
    pub async fn waiting_for_keychain(&self) -> bool {
        let has_refresh = self.inner.tokens.lock().await.refresh.is_some();
        !has_refresh && self.inner.facts().is_some()
    }

    /// A valid access token, refreshed first when it is about to expire.
    pub async fn access_token(&self) -> Result<Zeroizing<String>, CloudError> {
        self.inner.access_token().await
    }

    /// A valid ID token, refreshed first when it is about to expire.
    pub async fn id_token(&self) -> Result<Zeroizing<String>, CloudError> {
        self.inner.id_token().await
    }

    /// Refreshes the tokens now, whatever their expiry.
    pub async fn refresh(&self) -> Result<(), CloudError> {
        let mut tokens = self.inner.tokens.lock().await;
        self.inner.refresh_locked(&mut tokens).await
    }

    /// The identity id (S3 prefix, DynamoDB key), from disk or from GetId.
    pub async fn identity_id(&self) -> Result<String, CloudError> {
        let id_token = self.inner.id_token().await?;
        self.inner.identity_id(&id_token).await
    }

    /// The AWS credentials provider the S3 and DynamoDB clients sign with.
    pub fn credentials_provider(&self) -> IdentityCredentials {
        IdentityCredentials::new(self.inner.clone())
    }

    /// Signs out: GlobalSignOut first when `everywhere`, then RevokeToken, then wipes the
    /// keychain entry, cached credentials and the identity id whatever those calls answered.
    pub async fn sign_out(&self, everywhere: bool) -> SignOutReport {
        let inner = &self.inner;
        let mut report = SignOutReport::default();
        inner.flow.lock().await.reset();
        let mut tokens = inner.tokens.lock().await;
        if everywhere && tokens.refresh.is_some() {
            let access = match tokens.access.clone() {
                Some(access) if tokens.expires_at > inner.clock.now_unix() => Ok(access),
                _ => inner
                    .refresh_locked(&mut tokens)
                    .await
                    .and_then(|()| tokens.access.clone().ok_or(CloudError::NotSignedIn)),
            };
            let result = match access {
                Ok(access) => inner.api.global_sign_out(&access).await.map_err(|e| describe_api_error(&e)),
                Err(err) => Err(err.to_string()),
            };
            report.global_sign_out_failed = result.err();
        }
        if let Some(refresh) = tokens.refresh.clone() {
            if let Err(err) = inner.api.revoke_token(&refresh).await {
                report.revoke_failed = Some(describe_api_error(&err));
            }
        }
        *tokens = TokenState::default();
        drop(tokens);
        let (keychain, file) = inner.wipe_local();
        report.keychain_failed = keychain;
        report.local_file_failed = file;
        if !report.is_clean() {
            tracing::warn!(problems = ?report.problems(), "sign-out finished with problems");
        }
        report
    }
}

impl CloudSession {
    /// Deletes the signed-in parent from the user pool, then wipes this computer's sign-in (the
    /// keychain entry, the session file, cached credentials). A user the pool no longer knows
    /// counts as deleted, so an interrupted deletion can be finished.
    pub async fn delete_user(&self) -> Result<(), CloudError> {
        let inner = &self.inner;
        let access = inner.access_token().await?;
        match inner.api.delete_user(&access).await {
            Ok(()) => {}
            Err(err) if err.code() == Some("UserNotFoundException") => {}
            Err(err) => return Err(CloudError::from(err)),
        }
        inner.flow.lock().await.reset();
        *inner.tokens.lock().await = TokenState::default();
        let (keychain, file) = inner.wipe_local();
        if let Some(problem) = keychain.or(file) {
            tracing::warn!(%problem, "the deleted account's sign-in could not all be removed from this computer");
        }
        Ok(())
    }
}

fn describe_api_error(err: &ApiError) -> String {
    match err {
        ApiError::Network(_) => "the cloud could not be reached".into(),
        ApiError::Service { code, .. } => format!("the cloud answered {code}"),
        ApiError::Other(detail) => detail.clone(),
    }
}

impl SessionInner {
    fn keychain_key(&self) -> String {
        format!("refresh-token/{}/{}", self.config.user_pool_id, self.config.client_id)
    }

    pub(crate) fn facts(&self) -> Option<SessionFacts> {
        self.facts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn set_facts(&self, facts: Option<SessionFacts>) {
        *self.facts.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = facts;
    }

    /// The keychain that holds the current session's refresh token.
    fn keychain_backend(&self) -> KeychainBackend {
        self.facts().map(|f| f.keychain).unwrap_or_default()
    }

    /// Loads the facts file and asks the keychain that saved the refresh token for it. Only that
    /// keychain answering "no such entry" ends the session; a keychain that does not answer
    /// (locked, or its service not started yet) leaves the parent signed in, and the first token
    /// request asks it again.
    fn restore(&self) {
        let Some(facts) = self.file.load() else {
            return;
        };
        match self.secrets.load(facts.keychain, &self.keychain_key()) {
            Ok(Some(refresh)) => {
                if let Ok(mut tokens) = self.tokens.try_lock() {
                    tokens.refresh = Some(refresh);
                }
            }
            Ok(None) => {
                tracing::info!(keychain = ?facts.keychain, "the keychain has no sign-in for the stored session; forgetting it");
                if let Err(err) = self.file.delete() {
                    tracing::warn!(%err, "could not remove the stale session file");
                }
                return;
            }
            Err(err) => {
                tracing::warn!(
                    keychain = ?facts.keychain,
                    %err,
                    "the keychain could not be read yet; staying signed in and asking again when a token is needed"
                );
            }
        }
        self.clock.set_skew_millis(facts.clock_skew_ms);
        self.set_facts(Some(facts));
    }

    /// The refresh token for a signed-in session whose keychain did not answer at restore.
    fn reload_refresh_token(&self, tokens: &mut TokenState) -> Result<Zeroizing<String>, CloudError> {
        let Some(facts) = self.facts() else {
            return Err(if tokens.ended_by_cloud { CloudError::SignedOut } else { CloudError::NotSignedIn });
        };
        match self.secrets.load(facts.keychain, &self.keychain_key()) {
            Ok(Some(refresh)) => {
                tracing::info!(keychain = ?facts.keychain, "the keychain answered; the sign-in is back");
                tokens.refresh = Some(refresh.clone());
                Ok(refresh)
            }
            Ok(None) => {
                tracing::info!(keychain = ?facts.keychain, "the keychain has no sign-in for this session; signing out");
                *tokens = TokenState { ended_by_cloud: true, ..TokenState::default() };
                let _ = self.wipe_local();
                Err(CloudError::SignedOut)
            }
            Err(err) => {
                tracing::warn!(keychain = ?facts.keychain, %err, "the keychain still does not answer");
                Err(CloudError::KeychainUnavailable { detail: err.to_string() })
            }
        }
    }

    /// Completes a sign-in step: stores tokens when the machine is done.
    async fn finish(&self, advance: Advance) -> Result<SignInStep, CloudError> {
        match advance {
            Advance::Step(step) => Ok(step),
            Advance::Done { tokens, email } => self.establish(tokens, &email).await.map(SignInStep::SignedIn),
        }
    }

    async fn establish(&self, new: AuthTokens, typed_email: &str) -> Result<UserInfo, CloudError> {
        let refresh = new.refresh_token.clone().ok_or_else(|| CloudError::Service {
            code: "NoRefreshToken".into(),
            message: "the sign-in answer had no refresh token".into(),
        })?;
        let claims = decode_id_claims(&new.id_token).ok_or_else(|| CloudError::Service {
            code: "BadIdToken".into(),
            message: "the ID token could not be read".into(),
        })?;
        let email =
            claims.email.clone().filter(|e| e.contains('@')).unwrap_or_else(|| typed_email.to_owned());
        let previous = self.facts();
        let same_user = previous.as_ref().is_some_and(|p| p.sub == claims.sub);
        if !same_user {
            self.identity.clear();
        }
        let keychain = self.secrets.preferred_backend();
        self.secrets.save(keychain, &self.keychain_key(), &refresh)?;
        if let Some(old) = previous.as_ref().map(|p| p.keychain).filter(|old| *old != keychain) {
            if let Err(err) = self.secrets.delete(old, &self.keychain_key()) {
                tracing::warn!(keychain = ?old, %err, "could not remove the previous sign-in from its keychain");
            }
        }
        let facts = SessionFacts {
            email: email.clone(),
            sub: claims.sub.clone(),
            username: claims.username.clone().unwrap_or_else(|| claims.sub.clone()),
            tokens_expire_at: self.clock.now_unix() + new.expires_in,
            identity_id: previous.filter(|_| same_user).and_then(|p| p.identity_id),
            clock_skew_ms: self.clock.skew_millis(),
            keychain,
        };
        self.file.save(&facts)?;
        let identity_id = facts.identity_id.clone();
        self.set_facts(Some(facts.clone()));
        let mut tokens = self.tokens.lock().await;
        *tokens = TokenState {
            access: Some(new.access_token),
            id: Some(new.id_token),
            refresh: Some(refresh),
            expires_at: facts.tokens_expire_at,
            ended_by_cloud: false,
        };
        tracing::info!("signed in");
        Ok(UserInfo { email, sub: claims.sub, identity_id })
    }

    fn fresh(&self, tokens: &TokenState) -> bool {
        let margin = i64::try_from(self.refresh_margin.as_secs()).unwrap_or(i64::MAX);
        tokens.access.is_some() && tokens.id.is_some() && tokens.expires_at - margin > self.clock.now_unix()
    }

    pub(crate) async fn access_token(&self) -> Result<Zeroizing<String>, CloudError> {
        let mut tokens = self.tokens.lock().await;
        if !self.fresh(&tokens) {
            self.refresh_locked(&mut tokens).await?;
        }
        tokens.access.clone().ok_or(CloudError::NotSignedIn)
    }

    pub(crate) async fn id_token(&self) -> Result<Zeroizing<String>, CloudError> {
        let mut tokens = self.tokens.lock().await;
        if !self.fresh(&tokens) {
            self.refresh_locked(&mut tokens).await?;
        }
        tokens.id.clone().ok_or(CloudError::NotSignedIn)
    }

    /// REFRESH_TOKEN_AUTH under the token lock, so concurrent callers wait for one refresh.
    async fn refresh_locked(&self, tokens: &mut TokenState) -> Result<(), CloudError> {
        let refresh = match tokens.refresh.clone() {
            Some(refresh) => refresh,
            None => self.reload_refresh_token(tokens)?,
        };
        match self.api.initiate_refresh(&refresh).await {
            Ok(AuthOutcome::Tokens(new)) => {
                if let Some(rotated) = &new.refresh_token {
                    if let Err(err) =
                        self.secrets.save(self.keychain_backend(), &self.keychain_key(), rotated)
                    {
                        tracing::warn!(%err, "could not store the rotated refresh token");
                    }
                    tokens.refresh = Some(rotated.clone());
                }
                tokens.expires_at = self.clock.now_unix() + new.expires_in;
                tokens.access = Some(new.access_token);
                tokens.id = Some(new.id_token);
                if let Some(mut facts) = self.facts() {
                    facts.tokens_expire_at = tokens.expires_at;
                    facts.clock_skew_ms = self.clock.skew_millis();
                    if let Err(err) = self.file.save(&facts) {
                        tracing::warn!(%err, "could not update the session file");
                    }
                    self.set_facts(Some(facts));
                }
                tracing::debug!("tokens refreshed");
                Ok(())
            }
            Ok(AuthOutcome::Challenge { name, .. }) => Err(CloudError::UnsupportedChallenge(name)),
            Err(err) if err.ends_session() => {
                tracing::info!(code = err.code().unwrap_or_default(), "the sign-in was refused; signing out");
                *tokens = TokenState { ended_by_cloud: true, ..TokenState::default() };
                let _ = self.wipe_local();
                Err(CloudError::SignedOut)
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Removes everything this computer holds for the session. It never awaits, so it is safe to
    /// call with the token lock held (a refresh the cloud refused) while a credentials fetch
    /// waits for that lock.
    fn wipe_local(&self) -> (Option<String>, Option<String>) {
        self.identity.clear();
        let keychain_backend = self.keychain_backend();
        self.set_facts(None);
        let keychain =
            self.secrets.delete(keychain_backend, &self.keychain_key()).err().map(|e| e.to_string());
        let file = self.file.delete().err().map(|e| e.to_string());
        (keychain, file)
    }

    /// The identity id from the facts, else GetId (then remembered for this user).
    pub(crate) async fn identity_id(&self, id_token: &str) -> Result<String, CloudError> {
        if let Some(id) = self.facts().and_then(|f| f.identity_id) {
            return Ok(id);
        }
        let id = self.identity.get_id(&self.config, id_token).await?;
        self.remember_identity_id(Some(id.clone()));
        Ok(id)
    }

    pub(crate) fn remember_identity_id(&self, identity_id: Option<String>) {
        if let Some(mut facts) = self.facts() {
            facts.identity_id = identity_id;
            if let Err(err) = self.file.save(&facts) {
                tracing::warn!(%err, "could not store the identity id");
            }
            self.set_facts(Some(facts));
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
