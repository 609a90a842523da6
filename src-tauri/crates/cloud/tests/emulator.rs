//! The cloud crate against the real (patched) moto emulator: SRP sign-in that really checks the
//! password, the challenge flows, refresh, identity-pool credentials, S3 and DynamoDB, sign-out
//! and restore. Each test gets its own emulator on a free loopback port.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::{CloudClients, CloudSession, SignInStep};
use cloud_testkit::{jwt_claims, keychain_refresh_token, Emulator};

const PASSWORD: &str = "Dinosaur7";
/// Far longer than any step against the local emulator takes; a step that takes longer is stuck.
const NO_HANG: Duration = Duration::from_secs(10);

fn data_dir(emulator: &Emulator, name: &str) -> std::path::PathBuf {
    emulator.subdir(name)
}

async fn signed_in(session: &CloudSession, email: &str, password: &str) {
    let step = session.sign_in(email, password).await.expect("sign-in");
    assert!(matches!(step, SignInStep::SignedIn(_)), "expected to be signed in, got {step:?}");
}

/// The emulator accepts a token only while the user pool knows it; GetUser proves it.
async fn token_accepted(emulator: &Emulator, access_token: &str) -> bool {
    emulator.admin_idp().get_user().access_token(access_token).send().await.is_ok()
}

#[tokio::test]
async fn an_admin_created_user_sets_a_new_password_and_gets_tokens() {
    let emulator = Emulator::start().await;
    emulator.admin_create_user("gran@example.org", "Temp0rary1").await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));

    let step = session.sign_in("gran@example.org", "Temp0rary1").await.expect("first sign-in");
    assert!(matches!(step, SignInStep::NewPasswordRequired { .. }), "{step:?}");
    let weak = session.respond_new_password("weak", &[]).await.expect_err("policy");
    assert_eq!(weak.code(), "password_policy");
    let step = session.respond_new_password(PASSWORD, &[]).await.expect("new password");
    let SignInStep::SignedIn(user) = step else { panic!("{step:?}") };
    assert_eq!(user.email, "gran@example.org");
    assert!(token_accepted(&emulator, &session.access_token().await.expect("token")).await);

    session.sign_out(false).await;
    signed_in(&session, "gran@example.org", PASSWORD).await;
    let old = session.sign_in("gran@example.org", "Temp0rary1").await.expect_err("old password");
    assert_eq!(old.code(), "wrong_password");
}

#[tokio::test]
async fn sign_up_confirm_then_sign_in() {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    let email = "mum@example.org";

    let created = session.sign_up(email, PASSWORD).await.expect("sign-up");
    assert!(!created.confirmed);
    let unconfirmed = session.sign_in(email, PASSWORD).await.expect("a next step");
    assert!(matches!(unconfirmed, SignInStep::ConfirmSignUp { .. }), "{unconfirmed:?}");

    let wrong = session.confirm_sign_up(email, "000000").await.expect_err("wrong code");
    assert_eq!(wrong.code(), "code_mismatch");
    session.resend_code(email).await.expect("resend");
    let code = emulator.sign_up_code(email).await;
    session.confirm_sign_up(email, &code).await.expect("confirm");

    let step = session.sign_in(email, PASSWORD).await.expect("sign-in");
    let SignInStep::SignedIn(user) = step else { panic!("{step:?}") };
    assert_eq!(user.email, email);
    let again = session.sign_up(email, PASSWORD).await.expect_err("duplicate");
    assert_eq!(again.code(), "user_exists");
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_wrong_password() {
    let emulator = Emulator::start().await;
    let (session, store) = emulator.memory_session(&data_dir(&emulator, "app"));
    emulator.confirmed_user(&session, "dad@example.org", PASSWORD).await;

    let err = session.sign_in("dad@example.org", "Dinosaur8").await.expect_err("wrong password");
    assert_eq!(err.code(), "wrong_password");
    assert_eq!(err.to_string(), "That email and password don't match. Please try again.");
    assert!(session.whoami().await.is_none());
    assert!(store.keys().is_empty());
    let stranger = session.sign_in("nobody@example.org", PASSWORD).await.expect_err("unknown user");
    assert_eq!(stranger.code(), "wrong_password");
}

#[tokio::test]
async fn forgot_password_then_sign_in_with_the_new_one() {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    let email = "aunt@example.org";
    emulator.confirmed_user(&session, email, PASSWORD).await;

    session.forgot_password(email).await.expect("forgot");
    let code = emulator.forgot_password_code(email).await;
    let wrong =
        session.confirm_forgot_password(email, "111111", "Triceratops9").await.expect_err("wrong code");
    assert_eq!(wrong.code(), "code_mismatch");
    session.confirm_forgot_password(email, &code, "Triceratops9").await.expect("reset");
    assert_eq!(session.sign_in(email, PASSWORD).await.expect_err("old").code(), "wrong_password");
    signed_in(&session, email, "Triceratops9").await;
}

#[tokio::test]
async fn a_challenge_answered_too_late_says_so_and_restarts() {
    let emulator = Emulator::start().await;
    emulator.admin_create_user("slow@example.org", "Temp0rary1").await;
    emulator.set(serde_json::json!({ "session_seconds": 1 })).await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    let step = session.sign_in("slow@example.org", "Temp0rary1").await.expect("first step");
    assert!(matches!(step, SignInStep::NewPasswordRequired { .. }));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let err = session.respond_new_password(PASSWORD, &[]).await.expect_err("expired");
    assert_eq!(err.code(), "session_expired");
    assert_eq!(err.to_string(), "That took too long; please sign in again.");
    assert_eq!(
        session.respond_new_password(PASSWORD, &[]).await.expect_err("restarted").code(),
        "wrong_step"
    );
}

#[tokio::test]
async fn tokens_refresh_before_expiry_and_on_demand() {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    emulator.confirmed_user(&session, "kid@example.org", PASSWORD).await;

    // Tokens that live 2 minutes are inside the 5-minute margin: every use refreshes.
    emulator.set(serde_json::json!({ "token_seconds": 120 })).await;
    signed_in(&session, "kid@example.org", PASSWORD).await;
    let first = session.access_token().await.expect("token");
    let second = session.access_token().await.expect("token");
    assert_ne!(jwt_claims(&first)["jti"], jwt_claims(&second)["jti"]);
    assert!(token_accepted(&emulator, &second).await);

    // Hour-long tokens are reused until asked to refresh.
    emulator.set(serde_json::json!({ "token_seconds": 3600 })).await;
    session.refresh().await.expect("refresh");
    let third = session.access_token().await.expect("token");
    let fourth = session.access_token().await.expect("token");
    assert_eq!(*third, *fourth);
    let exp = jwt_claims(&third)["exp"].as_i64().expect("exp");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs() as i64;
    assert!(exp - now > 3000, "{exp} vs {now}");
    assert!(token_accepted(&emulator, &third).await);
}

#[tokio::test]
async fn sign_in_works_when_the_computer_clock_is_two_hours_off() {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    emulator.confirmed_user(&session, "skew@example.org", PASSWORD).await;
    // The emulator refuses a TIMESTAMP more than 5 minutes from its own clock.
    emulator.set(serde_json::json!({ "clock_offset_seconds": 7200 })).await;
    signed_in(&session, "skew@example.org", PASSWORD).await;
    let skew = session.clock().skew_millis();
    assert!((7_198_000..=7_202_000).contains(&skew), "learned skew {skew} ms");
}

#[tokio::test]
async fn s3_and_dynamodb_work_with_identity_pool_credentials() {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    emulator.confirmed_user(&session, "family@example.org", PASSWORD).await;
    signed_in(&session, "family@example.org", PASSWORD).await;
    let clients = CloudClients::new(&session);

    let identity_id = session.identity_id().await.expect("identity id");
    assert!(identity_id.starts_with(&format!("{}:", emulator.config.region)), "{identity_id}");
    let drawing = b"\x89PNG a child's drawing".to_vec();
    let key = clients.put_object("drawings/run-1.png", drawing.clone(), "image/png").await.expect("put");
    assert_eq!(key, format!("{identity_id}/drawings/run-1.png"));
    assert_eq!(clients.get_object("drawings/run-1.png").await.expect("get"), drawing);
    let listed = emulator
        .admin_s3()
        .list_objects_v2()
        .bucket(&emulator.config.bucket)
        .prefix(format!("{identity_id}/"))
        .send()
        .await
        .expect("list");
    assert_eq!(listed.contents().len(), 1);
    assert!(clients.put_object("../escape.png", vec![1], "image/png").await.is_err());

    let item = HashMap::from([
        ("title".to_owned(), AttributeValue::S("The Brave Dinosaur".into())),
        ("duration_sec".to_owned(), AttributeValue::N("42.5".into())),
    ]);
    clients.put_library_item("book-1", item).await.expect("put item");
    let stored = clients.get_library_item("book-1").await.expect("get item").expect("item exists");
    assert_eq!(stored["title"], AttributeValue::S("The Brave Dinosaur".into()));
    assert_eq!(stored["user_id"], AttributeValue::S(identity_id.clone()));
    assert!(clients.get_library_item("book-2").await.expect("get item").is_none());

    // The identity id is stable: a new launch without the stored id gets the same one from GetId.
    let (other, _) = emulator.memory_session(&data_dir(&emulator, "other-computer"));
    signed_in(&other, "family@example.org", PASSWORD).await;
    assert_eq!(other.identity_id().await.expect("identity id"), identity_id);
}

#[tokio::test]
async fn credentials_are_cached_and_replaced_when_they_expire() {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&data_dir(&emulator, "app"));
    emulator.confirmed_user(&session, "creds@example.org", PASSWORD).await;
    signed_in(&session, "creds@example.org", PASSWORD).await;
    let clients = CloudClients::new(&session);
    let provider = session.credentials_provider();

    // An hour of life: reused.
    emulator.set(serde_json::json!({ "credentials_seconds": 3600 })).await;
    let first = provider.credentials().await.expect("credentials");
    assert_eq!(provider.credentials().await.expect("credentials").access_key_id(), first.access_key_id());

    // Expired on the server: the S3 call gets ExpiredToken, refreshes and succeeds.
    emulator.expire_credentials().await;
    clients.put_object("audio/run-1_scene_1.mp3", vec![7; 16], "audio/mpeg").await.expect("put after expiry");
    let second = provider.credentials().await.expect("credentials");
    assert_ne!(second.access_key_id(), first.access_key_id());

    // Credentials inside the 5-minute buffer are replaced before use.
    emulator.set(serde_json::json!({ "credentials_seconds": 303 })).await;
    let short = provider.force_refresh().await.expect("credentials");
    tokio::time::sleep(Duration::from_secs(4)).await;
    let replaced = provider.credentials().await.expect("credentials");
    assert_ne!(replaced.access_key_id(), short.access_key_id());
    clients.put_library_item("book-9", HashMap::new()).await.expect("dynamodb with new credentials");
}

/// A signed-in session whose tokens are due for a refresh and whose refresh token the cloud has
/// since revoked (as a sign-out on another computer, or a password reset, does).
async fn revoked_session(emulator: &Emulator, email: &str) -> (CloudSession, std::path::PathBuf) {
    let dir = data_dir(emulator, "app");
    let (session, store) = emulator.memory_session(&dir);
    emulator.confirmed_user(&session, email, PASSWORD).await;
    // Two-minute tokens are inside the five-minute refresh margin: the next use refreshes.
    emulator.set(serde_json::json!({ "token_seconds": 120 })).await;
    signed_in(&session, email, PASSWORD).await;
    let refresh = keychain_refresh_token(store.as_ref(), &emulator.config).expect("a refresh token");
    emulator
        .admin_idp()
        .revoke_token()
        .client_id(&emulator.config.client_id)
        .token(refresh)
        .send()
        .await
        .expect("the emulator revokes the refresh token");
    (session, dir.join("cloud-session.json"))
}

#[tokio::test]
async fn asking_for_credentials_after_the_sign_in_was_revoked_signs_out_instead_of_hanging() {
    let emulator = Emulator::start().await;
    let (session, session_file) = revoked_session(&emulator, "revoked@example.org").await;

    let asked = tokio::time::timeout(NO_HANG, session.credentials_provider().credentials()).await;
    let err = asked.expect("asking for credentials hung").expect_err("the sign-in was revoked");
    assert_eq!(err.code(), "signed_out");
    assert_eq!(err.to_string(), "You've been signed out. Please sign in again.");
    assert!(session.whoami().await.is_none());
    assert!(!session_file.exists());
}

#[tokio::test]
async fn credentials_and_a_token_asked_for_together_after_revocation_both_end_signed_out() {
    let emulator = Emulator::start().await;
    let (session, session_file) = revoked_session(&emulator, "together@example.org").await;

    let provider = session.credentials_provider();
    let both =
        tokio::time::timeout(NO_HANG, async { tokio::join!(provider.credentials(), session.access_token()) })
            .await;
    let (credentials, token) = both.expect("the two requests deadlocked");
    assert_eq!(credentials.expect_err("revoked").code(), "signed_out");
    assert_eq!(token.expect_err("revoked").code(), "signed_out");
    assert!(session.whoami().await.is_none());
    assert!(!session_file.exists());
}

#[test]
fn the_emulators_srp_math_passes_its_known_answer_checks() {
    let python = cloud_testkit::ensure_venv();
    let out = std::process::Command::new(python)
        .args(["-m", "unittest", "-q", "test_cognito_srp_server"])
        .current_dir(cloud_testkit::emulator_dir())
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
