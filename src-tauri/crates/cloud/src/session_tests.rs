//! The sign-in state machine and session rules against a scripted user-pool fake and the
//! in-memory secret store (the real Cognito emulator path is in tests/).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex as StdMutex};

use async_trait::async_trait;
use base64::Engine;
use tokio::sync::Notify;

use super::*;
use crate::secret_store::{MemorySecretStore, SecretStoreError};

/// Long enough for any of these in-memory steps; a step that takes longer is stuck.
const NO_HANG: Duration = Duration::from_secs(10);

type Reply = Result<AuthOutcome, ApiError>;

#[derive(Debug, Default)]
struct FakeApi {
    initiate: StdMutex<VecDeque<Reply>>,
    respond: StdMutex<VecDeque<Reply>>,
    refresh: StdMutex<VecDeque<Reply>>,
    revoke: StdMutex<Option<ApiError>>,
    sent: StdMutex<Vec<(String, HashMap<String, String>)>>,
    calls: AtomicUsize,
    refresh_calls: AtomicUsize,
    /// When set, a refresh stops inside the call until the test lets it go.
    refresh_gate: StdMutex<Option<Arc<Gate>>>,
    resent: AtomicUsize,
    forgot: AtomicUsize,
}

impl FakeApi {
    fn push(queue: &StdMutex<VecDeque<Reply>>, reply: Reply) {
        queue.lock().unwrap().push_back(reply);
    }

    fn pop(&self, queue: &StdMutex<VecDeque<Reply>>) -> Reply {
        self.calls.fetch_add(1, Ordering::SeqCst);
        queue.lock().unwrap().pop_front().unwrap_or_else(|| Err(ApiError::Other("no scripted reply".into())))
    }

    fn sent(&self) -> Vec<(String, HashMap<String, String>)> {
        self.sent.lock().unwrap().clone()
    }

    fn hold_refreshes(&self) -> Arc<Gate> {
        let gate = Arc::new(Gate::default());
        *self.refresh_gate.lock().unwrap() = Some(gate.clone());
        gate
    }
}

/// Holds a call at a known point: `entered` fires when it gets there, `release` lets it go on.
#[derive(Debug, Default)]
struct Gate {
    entered: Notify,
    release: Notify,
}

/// A keychain that does not answer (as the Secret Service before D-Bus is up) until told to.
#[derive(Debug)]
struct LateKeychain {
    store: Arc<MemorySecretStore>,
    answers: AtomicBool,
    asked: AtomicUsize,
}

impl LateKeychain {
    fn down(store: Arc<MemorySecretStore>) -> Self {
        Self { store, answers: AtomicBool::new(false), asked: AtomicUsize::new(0) }
    }

    fn check(&self) -> Result<(), SecretStoreError> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        if self.answers.load(Ordering::SeqCst) {
            Ok(())
        } else {
            Err(SecretStoreError::Unavailable(
                "org.freedesktop.secrets was not provided by any .service files".into(),
            ))
        }
    }
}

impl SecretStore for LateKeychain {
    fn preferred_backend(&self) -> KeychainBackend {
        self.store.preferred_backend()
    }
    fn load(
        &self,
        backend: KeychainBackend,
        key: &str,
    ) -> Result<Option<Zeroizing<String>>, SecretStoreError> {
        self.check()?;
        self.store.load(backend, key)
    }
    fn save(&self, backend: KeychainBackend, key: &str, secret: &str) -> Result<(), SecretStoreError> {
        self.check()?;
        self.store.save(backend, key, secret)
    }
    fn delete(&self, backend: KeychainBackend, key: &str) -> Result<(), SecretStoreError> {
        self.check()?;
        self.store.delete(backend, key)
    }
}

#[async_trait]
impl CognitoApi for FakeApi {
    async fn initiate_srp(&self, _username: &str, srp_a_hex: &str) -> Result<AuthOutcome, ApiError> {
        assert!(srp_a_hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        self.pop(&self.initiate)
    }
    async fn initiate_refresh(&self, _refresh_token: &str) -> Result<AuthOutcome, ApiError> {
        self.refresh_calls.fetch_add(1, Ordering::SeqCst);
        let gate = self.refresh_gate.lock().unwrap().clone();
        if let Some(gate) = gate {
            gate.entered.notify_one();
            gate.release.notified().await;
        }
        tokio::task::yield_now().await;
        self.pop(&self.refresh)
    }
    async fn respond(
        &self,
        challenge: &str,
        _session: &str,
        responses: HashMap<String, String>,
    ) -> Result<AuthOutcome, ApiError> {
        self.sent.lock().unwrap().push((challenge.to_owned(), responses));
        self.pop(&self.respond)
    }
    async fn associate_software_token(&self, session: &str) -> Result<(String, Option<String>), ApiError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(("JBSWY3DPEHPK3PXP".into(), Some(format!("{session}-associated"))))
    }
    async fn verify_software_token(
        &self,
        session: &str,
        code: &str,
        _device_name: &str,
    ) -> Result<Option<String>, ApiError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if code == "123456" {
            Ok(Some(format!("{session}-verified")))
        } else {
            Err(ApiError::service("CodeMismatchException", "Code mismatch"))
        }
    }
    async fn sign_up(&self, _email: &str, _password: &str) -> Result<SignUpResult, ApiError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(SignUpResult { confirmed: false, user_sub: "sub".into(), delivery: None })
    }
    async fn confirm_sign_up(&self, _email: &str, _code: &str) -> Result<(), ApiError> {
        Ok(())
    }
    async fn resend_confirmation_code(&self, _email: &str) -> Result<CodeDelivery, ApiError> {
        self.resent.fetch_add(1, Ordering::SeqCst);
        Ok(CodeDelivery { destination: Some("m***@e***".into()), medium: Some("EMAIL".into()) })
    }
    async fn forgot_password(&self, _email: &str) -> Result<CodeDelivery, ApiError> {
        self.forgot.fetch_add(1, Ordering::SeqCst);
        Ok(CodeDelivery { destination: Some("m***@e***".into()), medium: Some("EMAIL".into()) })
    }
    async fn confirm_forgot_password(&self, _e: &str, _c: &str, _p: &str) -> Result<(), ApiError> {
        Ok(())
    }
    async fn revoke_token(&self, _refresh_token: &str) -> Result<(), ApiError> {
        match self.revoke.lock().unwrap().clone() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }
    async fn global_sign_out(&self, _access_token: &str) -> Result<(), ApiError> {
        Ok(())
    }
    async fn delete_user(&self, _access_token: &str) -> Result<(), ApiError> {
        Ok(())
    }
}

const POOL: &str = "eu-west-1_TestPool";

fn config() -> CloudConfig {
    CloudConfig {
        region: "eu-west-1".into(),
        user_pool_id: POOL.into(),
        client_id: "client".into(),
        identity_pool_id: "eu-west-1:pool".into(),
        bucket: "b".into(),
        library_table: "l".into(),
        checkpoints_table: "c".into(),
        services_url: "http://127.0.0.1:9".into(),
        endpoint_url: Some("http://127.0.0.1:9".into()),
        jwks_url: None,
    }
}

fn jwt(sub: &str, email: &str) -> String {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let payload = serde_json::json!({ "sub": sub, "email": email, "cognito:username": sub });
    format!("{}.{}.sig", engine.encode(b"{}"), engine.encode(payload.to_string()))
}

fn tokens(access: &str, refresh: Option<&str>, expires_in: i64) -> Reply {
    Ok(AuthOutcome::Tokens(AuthTokens {
        access_token: Zeroizing::new(access.to_owned()),
        id_token: Zeroizing::new(jwt("sub-1", "mum@example.org")),
        refresh_token: refresh.map(|r| Zeroizing::new(r.to_owned())),
        expires_in,
    }))
}

fn challenge(name: &str, parameters: &[(&str, &str)]) -> Reply {
    Ok(AuthOutcome::Challenge {
        name: name.into(),
        session: format!("session-{name}"),
        parameters: parameters.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    })
}

fn password_verifier() -> Reply {
    challenge(
        "PASSWORD_VERIFIER",
        &[
            ("SALT", "36ef01c6dde9fe503da333b1acc758ba"),
            ("SRP_B", "36ef01c6dde9fe503da333b1acc758ba"),
            ("SECRET_BLOCK", "c2VjcmV0LWJsb2Nr"),
            ("USER_ID_FOR_SRP", "uuid-user-1"),
            ("USERNAME", "uuid-user-1"),
        ],
    )
}

struct Harness {
    api: Arc<FakeApi>,
    store: Arc<MemorySecretStore>,
    dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Self {
        Self {
            api: Arc::new(FakeApi::default()),
            store: Arc::new(MemorySecretStore::new()),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn session(&self) -> CloudSession {
        self.session_with(self.store.clone())
    }

    fn session_with(&self, keychain: Arc<dyn SecretStore>) -> CloudSession {
        CloudSession::builder(config(), self.dir.path())
            .secret_store(keychain)
            .cognito_api(self.api.clone())
            .build()
    }

    fn keychain_token(&self) -> Option<String> {
        self.token_in(self.store.preferred_backend())
    }

    fn token_in(&self, backend: KeychainBackend) -> Option<String> {
        let key = format!("refresh-token/{POOL}/client");
        self.store.load(backend, &key).unwrap().map(|t| t.to_string())
    }

    fn session_file(&self) -> std::path::PathBuf {
        self.dir.path().join("cloud-session.json")
    }

    fn recorded_keychain(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.session_file()).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["keychain"].clone()
    }

    async fn signed_in(&self, expires_in: i64) -> CloudSession {
        FakeApi::push(&self.api.initiate, password_verifier());
        FakeApi::push(&self.api.respond, tokens("access-1", Some("refresh-1"), expires_in));
        let session = self.session();
        let step = session.sign_in("mum@example.org", "Dinosaur7").await.unwrap();
        assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
        session
    }
}

#[tokio::test]
async fn password_verifier_answer_uses_user_id_for_srp_and_an_unpadded_timestamp() {
    let h = Harness::new();
    h.signed_in(3600).await;
    let sent = h.api.sent();
    let (name, responses) = &sent[0];
    assert_eq!(name, "PASSWORD_VERIFIER");
    assert_eq!(responses["USERNAME"], "uuid-user-1");
    assert_eq!(responses["PASSWORD_CLAIM_SECRET_BLOCK"], "c2VjcmV0LWJsb2Nr");
    let stamp = &responses["TIMESTAMP"];
    let day = stamp.split(' ').nth(2).unwrap();
    assert!(!day.starts_with('0') && !day.is_empty(), "{stamp}");
    assert!(stamp.contains(" UTC "), "{stamp}");
}

#[tokio::test]
async fn admin_created_user_chooses_a_password_then_is_signed_in() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(
        &h.api.respond,
        challenge("NEW_PASSWORD_REQUIRED", &[("requiredAttributes", "[\"userAttributes.name\"]")]),
    );
    FakeApi::push(&h.api.respond, tokens("access-1", Some("refresh-1"), 3600));
    let session = h.session();
    let step = session.sign_in("mum@example.org", "Temp0rary").await.unwrap();
    assert_eq!(step, SignInStep::NewPasswordRequired { required_attributes: vec!["name".into()] });

    let weak = session.respond_new_password("short", &[]).await.unwrap_err();
    assert_eq!(weak.code(), "password_policy");

    let step = session.respond_new_password("Dinosaur7", &[("name".into(), "Mum".into())]).await.unwrap();
    let SignInStep::SignedIn(user) = step else { panic!("{step:?}") };
    assert_eq!(user.email, "mum@example.org");
    assert_eq!(user.sub, "sub-1");
    let (_, responses) = &h.api.sent()[1];
    assert_eq!(responses["NEW_PASSWORD"], "Dinosaur7");
    assert_eq!(responses["userAttributes.name"], "Mum");
    assert_eq!(responses["USERNAME"], "uuid-user-1");
    assert_eq!(h.keychain_token().as_deref(), Some("refresh-1"));
}

#[tokio::test]
async fn an_expired_challenge_session_restarts_the_machine() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(&h.api.respond, challenge("NEW_PASSWORD_REQUIRED", &[]));
    FakeApi::push(
        &h.api.respond,
        Err(ApiError::service("NotAuthorizedException", "Invalid session for the user, session is expired.")),
    );
    let session = h.session();
    session.sign_in("mum@example.org", "Temp0rary").await.unwrap();
    let err = session.respond_new_password("Dinosaur7", &[]).await.unwrap_err();
    assert_eq!(err.code(), "session_expired");
    assert_eq!(err.to_string(), "That took too long; please sign in again.");
    assert!(session.inner.flow.lock().await.is_idle());
    assert_eq!(session.respond_new_password("Dinosaur7", &[]).await.unwrap_err().code(), "wrong_step");
}

#[tokio::test]
async fn a_wrong_password_is_wrong_password() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(
        &h.api.respond,
        Err(ApiError::service("NotAuthorizedException", "Incorrect username or password.")),
    );
    let err = h.session().sign_in("mum@example.org", "nope").await.unwrap_err();
    assert_eq!(err.code(), "wrong_password");
    assert_eq!(h.keychain_token(), None);
}

#[tokio::test]
async fn an_unknown_challenge_is_an_explicit_error() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(&h.api.respond, challenge("CUSTOM_CHALLENGE", &[]));
    let session = h.session();
    let err = session.sign_in("mum@example.org", "Dinosaur7").await.unwrap_err();
    assert_eq!(err.code(), "unsupported_challenge");
    assert!(err.to_string().contains("CUSTOM_CHALLENGE"));
    assert!(session.inner.flow.lock().await.is_idle());
}

#[tokio::test]
async fn unconfirmed_and_reset_required_accounts_get_their_next_step() {
    let h = Harness::new();
    FakeApi::push(
        &h.api.initiate,
        Err(ApiError::service("UserNotConfirmedException", "User is not confirmed.")),
    );
    FakeApi::push(&h.api.initiate, Err(ApiError::service("PasswordResetRequiredException", "reset")));
    let session = h.session();
    let step = session.sign_in("mum@example.org", "Dinosaur7").await.unwrap();
    assert_eq!(
        step,
        SignInStep::ConfirmSignUp { email: "mum@example.org".into(), destination: Some("m***@e***".into()) }
    );
    assert_eq!(h.api.resent.load(Ordering::SeqCst), 1);
    let step = session.sign_in("mum@example.org", "Dinosaur7").await.unwrap();
    assert_eq!(
        step,
        SignInStep::ResetPassword { email: "mum@example.org".into(), destination: Some("m***@e***".into()) }
    );
    assert_eq!(h.api.forgot.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn totp_setup_shows_an_otpauth_uri_and_finishes_after_verification() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(&h.api.respond, challenge("MFA_SETUP", &[("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]")]));
    FakeApi::push(&h.api.respond, tokens("access-1", Some("refresh-1"), 3600));
    let session = h.session();
    let step = session.sign_in("mum@example.org", "Dinosaur7").await.unwrap();
    let SignInStep::MfaSetup(setup) = step else { panic!("{step:?}") };
    assert_eq!(
        setup.otpauth_uri,
        "otpauth://totp/NoComelon:mum@example.org?secret=JBSWY3DPEHPK3PXP&issuer=NoComelon"
    );
    assert!(setup.qr_svg.starts_with("<?xml") || setup.qr_svg.contains("<svg"));

    let err = session.respond_mfa_setup("000000", "Laptop").await.unwrap_err();
    assert_eq!(err.code(), "code_mismatch");
    let step = session.respond_mfa_setup("123456", "Laptop").await.unwrap();
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    let (name, responses) = h.api.sent().last().cloned().unwrap();
    assert_eq!(name, "MFA_SETUP");
    assert_eq!(responses["USERNAME"], "uuid-user-1");
}

#[tokio::test]
async fn select_mfa_then_software_token_then_signed_in() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(
        &h.api.respond,
        challenge("SELECT_MFA_TYPE", &[("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]")]),
    );
    FakeApi::push(&h.api.respond, challenge("SOFTWARE_TOKEN_MFA", &[]));
    FakeApi::push(&h.api.respond, tokens("access-1", Some("refresh-1"), 3600));
    let session = h.session();
    let step = session.sign_in("mum@example.org", "Dinosaur7").await.unwrap();
    assert_eq!(step, SignInStep::SelectMfaType { options: vec![MfaKind::Sms, MfaKind::SoftwareToken] });
    assert_eq!(session.respond_mfa_code("1").await.unwrap_err().code(), "wrong_step");
    let step = session.respond_select_mfa(MfaKind::SoftwareToken).await.unwrap();
    assert_eq!(step, SignInStep::SoftwareTokenMfa);
    let step = session.respond_mfa_code(" 654321 ").await.unwrap();
    assert!(matches!(step, SignInStep::SignedIn(_)));
    let sent = h.api.sent();
    assert_eq!(sent[1].1["ANSWER"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(sent[2].1["SOFTWARE_TOKEN_MFA_CODE"], "654321");
}

#[tokio::test]
async fn sms_mfa_says_where_the_code_went() {
    let h = Harness::new();
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(&h.api.respond, challenge("SMS_MFA", &[("CODE_DELIVERY_DESTINATION", "+*******1234")]));
    let step = h.session().sign_in("mum@example.org", "Dinosaur7").await.unwrap();
    assert_eq!(step, SignInStep::SmsMfa { destination: Some("+*******1234".into()) });
}

#[tokio::test]
async fn concurrent_callers_share_one_refresh_and_a_rotated_token_is_kept() {
    let h = Harness::new();
    // Expires inside the refresh margin, so the next use refreshes.
    let session = h.signed_in(60).await;
    FakeApi::push(&h.api.refresh, tokens("access-2", Some("refresh-2"), 3600));
    let mut handles = Vec::new();
    for _ in 0..5 {
        let s = session.clone();
        handles.push(tokio::spawn(async move { s.access_token().await.map(|t| t.to_string()) }));
    }
    for handle in handles {
        assert_eq!(handle.await.unwrap().unwrap(), "access-2");
    }
    assert_eq!(h.api.refresh_calls.load(Ordering::SeqCst), 1);
    assert_eq!(h.keychain_token().as_deref(), Some("refresh-2"));
}

#[tokio::test]
async fn a_network_error_keeps_the_session() {
    let h = Harness::new();
    let session = h.signed_in(60).await;
    FakeApi::push(&h.api.refresh, Err(ApiError::Network("connection refused".into())));
    let err = session.access_token().await.unwrap_err();
    assert_eq!(err.code(), "network");
    assert!(session.whoami().await.is_some());
    assert_eq!(h.keychain_token().as_deref(), Some("refresh-1"));
}

#[tokio::test]
async fn a_revoked_refresh_token_ends_the_session() {
    let h = Harness::new();
    let session = h.signed_in(60).await;
    FakeApi::push(
        &h.api.refresh,
        Err(ApiError::service("NotAuthorizedException", "Refresh Token has been revoked")),
    );
    let err = session.access_token().await.unwrap_err();
    assert_eq!(err.code(), "signed_out");
    assert_eq!(session.whoami().await, None);
    assert_eq!(h.keychain_token(), None);
    assert!(!h.dir.path().join("cloud-session.json").exists());
}

#[tokio::test]
async fn a_restart_restores_the_session_without_calling_cognito() {
    let h = Harness::new();
    h.signed_in(3600).await;
    let calls_before = h.api.calls.load(Ordering::SeqCst);
    let restarted = h.session();
    let user = restarted.whoami().await.unwrap();
    assert_eq!(user.email, "mum@example.org");
    assert_eq!(h.api.calls.load(Ordering::SeqCst), calls_before);
    FakeApi::push(&h.api.refresh, tokens("access-3", None, 3600));
    assert_eq!(restarted.access_token().await.unwrap().as_str(), "access-3");
    assert_eq!(h.api.refresh_calls.load(Ordering::SeqCst), 1);
    assert_eq!(h.keychain_token().as_deref(), Some("refresh-1"));
}

#[tokio::test]
async fn sign_out_wipes_local_state_even_when_revoke_fails() {
    let h = Harness::new();
    let session = h.signed_in(3600).await;
    *h.api.revoke.lock().unwrap() = Some(ApiError::Network("offline".into()));
    let report = session.sign_out(false).await;
    assert!(report.revoke_failed.is_some());
    assert_eq!(report.problems().len(), 1);
    assert!(report.problems()[0].contains("cancel this computer's sign-in"), "{:?}", report.problems());
    assert_eq!(h.keychain_token(), None);
    assert_eq!(session.whoami().await, None);
    assert!(!h.dir.path().join("cloud-session.json").exists());
    assert_eq!(session.access_token().await.unwrap_err().code(), "not_signed_in");
}

#[tokio::test]
async fn sign_up_checks_the_password_policy_before_calling_cognito() {
    let h = Harness::new();
    let err = h.session().sign_up("mum@example.org", "password").await.unwrap_err();
    assert_eq!(err.code(), "password_policy");
    assert!(err.to_string().contains("at least 8 characters"));
    assert_eq!(h.api.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn no_file_in_the_data_dir_holds_a_token() {
    let h = Harness::new();
    let session = h.signed_in(3600).await;
    let access = session.access_token().await.unwrap();
    for entry in std::fs::read_dir(h.dir.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("refresh-1") && !text.contains(access.as_str()), "{text}");
    }
}

fn revoked() -> Reply {
    Err(ApiError::service("NotAuthorizedException", "Refresh Token has been revoked"))
}

#[tokio::test]
async fn asking_for_credentials_after_the_sign_in_was_revoked_signs_out_instead_of_hanging() {
    let h = Harness::new();
    // Expires inside the refresh margin, so asking for credentials needs a refresh first.
    let session = h.signed_in(60).await;
    FakeApi::push(&h.api.refresh, revoked());
    let asked = tokio::time::timeout(NO_HANG, session.credentials_provider().credentials()).await;
    let err = asked.expect("asking for credentials hung").unwrap_err();
    assert_eq!(err.code(), "signed_out");
    assert_eq!(session.whoami().await, None);
    assert_eq!(h.keychain_token(), None);
    assert!(!h.session_file().exists());
}

#[tokio::test]
async fn credentials_and_a_token_asked_for_while_the_cloud_refuses_the_refresh_both_end_signed_out() {
    let h = Harness::new();
    let session = h.signed_in(60).await;
    FakeApi::push(&h.api.refresh, revoked());
    let gate = h.api.hold_refreshes();

    // The token request holds the token lock inside its refresh...
    let token_task = tokio::spawn({
        let session = session.clone();
        async move { session.access_token().await.map(|_| ()) }
    });
    gate.entered.notified().await;
    // ...while the credentials request starts and queues behind it.
    let credentials_task = tokio::spawn({
        let provider = session.credentials_provider();
        async move { provider.credentials().await.map(|_| ()) }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    gate.release.notify_one();

    let both = tokio::time::timeout(NO_HANG, async { (token_task.await, credentials_task.await) }).await;
    let (token, credentials) = both.expect("the two requests deadlocked");
    assert_eq!(token.unwrap().unwrap_err().code(), "signed_out");
    assert_eq!(credentials.unwrap().unwrap_err().code(), "signed_out");
    assert_eq!(h.api.refresh_calls.load(Ordering::SeqCst), 1);
    assert_eq!(session.whoami().await, None);
    assert!(!h.session_file().exists());
}

#[tokio::test]
async fn a_keychain_that_answers_late_keeps_the_parent_signed_in_and_then_gives_the_token() {
    let h = Harness::new();
    h.signed_in(3600).await;
    let keychain = Arc::new(LateKeychain::down(h.store.clone()));

    let restarted = h.session_with(keychain.clone());
    assert!(keychain.asked.load(Ordering::SeqCst) >= 1, "the restore asked the keychain");
    assert!(h.session_file().exists());
    assert_eq!(restarted.whoami().await.unwrap().email, "mum@example.org");
    assert!(restarted.waiting_for_keychain().await);

    for _ in 0..2 {
        let err = restarted.access_token().await.unwrap_err();
        assert_eq!(err.code(), "keychain_unavailable");
        assert!(err.to_string().starts_with("Your computer's keychain isn't available yet"), "{err}");
        assert!(h.session_file().exists());
        assert_eq!(restarted.whoami().await.unwrap().email, "mum@example.org");
    }
    assert_eq!(h.api.refresh_calls.load(Ordering::SeqCst), 0);

    keychain.answers.store(true, Ordering::SeqCst);
    FakeApi::push(&h.api.refresh, tokens("access-2", None, 3600));
    assert_eq!(restarted.access_token().await.unwrap().as_str(), "access-2");
    assert!(!restarted.waiting_for_keychain().await);
    assert_eq!(h.keychain_token().as_deref(), Some("refresh-1"));
}

#[tokio::test]
async fn the_keychain_that_saved_the_sign_in_is_the_one_asked_after_a_restart() {
    let h = Harness {
        store: Arc::new(MemorySecretStore::preferring(KeychainBackend::KernelKeyring)),
        ..Harness::new()
    };
    h.signed_in(3600).await;
    assert_eq!(h.recorded_keychain(), "kernel-keyring");
    assert_eq!(h.token_in(KeychainBackend::KernelKeyring).as_deref(), Some("refresh-1"));

    // Next launch the Secret Service answers, but the token is still in the kernel keyring.
    h.store.prefer(KeychainBackend::SecretService);
    let restarted = h.session();
    assert!(!restarted.waiting_for_keychain().await);
    FakeApi::push(&h.api.refresh, tokens("access-2", Some("refresh-2"), 3600));
    assert_eq!(restarted.access_token().await.unwrap().as_str(), "access-2");
    assert_eq!(h.token_in(KeychainBackend::KernelKeyring).as_deref(), Some("refresh-2"));
    assert_eq!(h.token_in(KeychainBackend::SecretService), None);

    // Signing in again moves the sign-in to the keychain that answers now.
    FakeApi::push(&h.api.initiate, password_verifier());
    FakeApi::push(&h.api.respond, tokens("access-3", Some("refresh-3"), 3600));
    restarted.sign_in("mum@example.org", "Dinosaur7").await.unwrap();
    assert_eq!(h.recorded_keychain(), "secret-service");
    assert_eq!(h.token_in(KeychainBackend::SecretService).as_deref(), Some("refresh-3"));
    assert_eq!(h.token_in(KeychainBackend::KernelKeyring), None);
}

#[tokio::test]
async fn a_keychain_that_answers_it_has_no_sign_in_forgets_the_session() {
    let h = Harness::new();
    h.signed_in(3600).await;
    h.store.delete(h.store.preferred_backend(), &format!("refresh-token/{POOL}/client")).unwrap();
    let restarted = h.session();
    assert_eq!(restarted.whoami().await, None);
    assert!(!h.session_file().exists());
    assert_eq!(restarted.access_token().await.unwrap_err().code(), "not_signed_in");
}
