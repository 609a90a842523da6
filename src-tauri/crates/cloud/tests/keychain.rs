//! The session against the emulator with the real OS keychain (Secret Service): what is stored
//! where, sign-out when RevokeToken fails, restore after a restart, a Secret Service that is not
//! up yet when the app starts, and TOTP MFA. Run under tests/with-keyring.sh.
//!
//! "The Secret Service is not up yet" is a child process: this test binary run again with
//! `DBUS_SESSION_BUS_ADDRESS` pointing at a socket that does not exist, so this process's own
//! environment is never changed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use cloud::{CloudConfig, CloudSession, SecretStore, SignInStep};
use cloud_testkit::{current_totp, files_under, keychain_refresh_token, real_keychain, Emulator};

const PASSWORD: &str = "Dinosaur7";
/// Set in a child process: the data dir its session uses.
const CHILD_DATA_DIR: &str = "NOCOMELON_KEYCHAIN_CHILD_DATA_DIR";
/// Set in a child process: the emulator's cloud config.
const CHILD_CONFIG: &str = "NOCOMELON_KEYCHAIN_CHILD_CONFIG";
/// The child's stdout line that carries what it saw.
const REPORT_PREFIX: &str = "keychain-child-report ";

/// The child's side: the data dir and config it was given, when this process is a child.
fn child_task() -> Option<(PathBuf, CloudConfig)> {
    let dir = std::env::var_os(CHILD_DATA_DIR)?;
    let config_path = PathBuf::from(std::env::var_os(CHILD_CONFIG).expect("a child is given the config"));
    let config = CloudConfig::locate(Some(&config_path)).expect("a readable config").expect("a config");
    Some((PathBuf::from(dir), config))
}

fn report_to_parent(report: serde_json::Value) {
    println!("{REPORT_PREFIX}{report}");
}

/// Runs `test` of this binary in a child process that cannot reach any D-Bus session (so no
/// Secret Service answers); returns the report it printed.
fn run_without_dbus(test: &str, emulator: &Emulator, data_dir: &Path) -> serde_json::Value {
    let missing_bus = emulator.dir.path().join("no-such-dbus-socket");
    let output = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", missing_bus.display()))
        .env(CHILD_DATA_DIR, data_dir)
        .env(CHILD_CONFIG, &emulator.config_path)
        .output()
        .expect("the child test process starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the child failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout
        .lines()
        // libtest prints the test's name on the same line, before the test's own output.
        .find_map(|line| line.split_once(REPORT_PREFIX).map(|(_, report)| report))
        .unwrap_or_else(|| panic!("the child printed no report:\n{stdout}"));
    serde_json::from_str(line).expect("the child's report is JSON")
}

fn recorded_keychain(data_dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(data_dir.join("cloud-session.json")).expect("a session file");
    serde_json::from_str::<serde_json::Value>(&text).expect("a JSON session file")["keychain"].clone()
}

fn session_with(emulator: &Emulator, store: Arc<dyn SecretStore>, name: &str) -> CloudSession {
    CloudSession::builder(emulator.config.clone(), &emulator.subdir(name)).secret_store(store).build()
}

async fn signed_in(session: &CloudSession, email: &str) {
    let step = session.sign_in(email, PASSWORD).await.expect("sign-in");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
}

#[tokio::test]
async fn the_keychain_holds_the_refresh_token_and_no_file_holds_a_token() {
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let session = session_with(&emulator, keychain.clone(), "app");
    emulator.confirmed_user(&session, "mum@example.org", PASSWORD).await;
    signed_in(&session, "mum@example.org").await;
    session.identity_id().await.expect("identity id");

    let refresh =
        keychain_refresh_token(keychain.as_ref(), &emulator.config).expect("refresh token in keychain");
    let access = session.access_token().await.expect("access token");
    let id = session.id_token().await.expect("id token");
    let files = files_under(emulator.dir.path());
    assert!(files.iter().any(|f| f.ends_with("cloud-session.json")), "{files:?}");
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("readable")).into_owned();
        for secret in [refresh.as_str(), access.as_str(), id.as_str()] {
            assert!(!text.contains(secret), "{} holds a token", file.display());
        }
    }
    session.sign_out(false).await;
}

#[tokio::test]
async fn sign_out_wipes_everything_even_when_revoke_token_fails() {
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let session = session_with(&emulator, keychain.clone(), "app");
    emulator.confirmed_user(&session, "dad@example.org", PASSWORD).await;
    signed_in(&session, "dad@example.org").await;
    assert!(session.identity_id().await.is_ok());
    let refresh = keychain_refresh_token(keychain.as_ref(), &emulator.config).expect("stored");

    emulator.set(serde_json::json!({ "revoke_token_fails": true })).await;
    let report = session.sign_out(false).await;
    assert!(report.revoke_failed.is_some(), "{report:?}");
    assert!(report.problems().iter().any(|p| p.contains("removed from this computer anyway")), "{report:?}");
    assert_eq!(report.keychain_failed, None);
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);
    assert!(session.whoami().await.is_none());
    assert!(!emulator.dir.path().join("app/cloud-session.json").exists());
    assert_eq!(session.access_token().await.expect_err("signed out").code(), "not_signed_in");
    // The token was not revoked on the server (the switch made sure), which the report said.
    let still_valid = emulator
        .admin_idp()
        .initiate_auth()
        .client_id(&emulator.config.client_id)
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", &refresh)
        .send()
        .await;
    assert!(still_valid.is_ok());

    // With RevokeToken working, sign-out really cancels the refresh token.
    emulator.set(serde_json::json!({ "revoke_token_fails": false })).await;
    signed_in(&session, "dad@example.org").await;
    let refresh = keychain_refresh_token(keychain.as_ref(), &emulator.config).expect("stored");
    let report = session.sign_out(true).await;
    assert!(report.is_clean(), "{report:?}");
    let revoked = emulator
        .admin_idp()
        .initiate_auth()
        .client_id(&emulator.config.client_id)
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", &refresh)
        .send()
        .await;
    assert!(revoked.is_err());
}

#[tokio::test]
async fn a_restart_restores_the_session_and_works_offline_until_a_token_is_needed() {
    let keychain = real_keychain();
    let mut emulator = Emulator::start().await;
    let email = "gran@example.org";
    let identity_id = {
        let session = session_with(&emulator, keychain.clone(), "app");
        emulator.confirmed_user(&session, email, PASSWORD).await;
        signed_in(&session, email).await;
        session.identity_id().await.expect("identity id")
    };

    // Restart with the emulator up: whoami from disk, then a refresh from the keychain token.
    let restarted = session_with(&emulator, keychain.clone(), "app");
    let user = restarted.whoami().await.expect("restored");
    assert_eq!(user.email, email);
    assert_eq!(user.identity_id.as_deref(), Some(identity_id.as_str()));
    let token = restarted.access_token().await.expect("refreshed from the keychain");
    assert!(emulator.admin_idp().get_user().access_token(token.as_str()).send().await.is_ok());

    // Restart offline: still signed in; a token needs the network, and failing to get one keeps the session.
    emulator.stop();
    let offline = session_with(&emulator, keychain.clone(), "app");
    assert_eq!(offline.whoami().await.expect("restored offline").email, email);
    let err = offline.access_token().await.expect_err("offline");
    assert_eq!(err.code(), "network");
    assert!(offline.whoami().await.is_some());
    assert!(keychain_refresh_token(keychain.as_ref(), &emulator.config).is_some());
    let report = offline.sign_out(false).await;
    assert!(report.revoke_failed.is_some());
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);
}

#[tokio::test]
async fn a_secret_service_that_is_not_up_yet_at_launch_does_not_sign_the_parent_out() {
    if let Some((data_dir, config)) = child_task() {
        let session = CloudSession::open(config, &data_dir);
        let email = session.whoami().await.map(|user| user.email);
        let waiting = session.waiting_for_keychain().await;
        let token = session.access_token().await.map(|_| ()).expect_err("no keychain, no token");
        report_to_parent(serde_json::json!({
            "email": email,
            "waiting_for_keychain": waiting,
            "token_error_code": token.code(),
            "token_error": token.to_string(),
            "still_signed_in": session.whoami().await.is_some(),
        }));
        return;
    }
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let email = "early@example.org";
    let data_dir = emulator.subdir("app");
    let session_file = data_dir.join("cloud-session.json");
    {
        let session = CloudSession::open(emulator.config.clone(), &data_dir);
        emulator.confirmed_user(&session, email, PASSWORD).await;
        signed_in(&session, email).await;
    }
    assert_eq!(recorded_keychain(&data_dir), "secret-service");

    let seen = run_without_dbus(
        "a_secret_service_that_is_not_up_yet_at_launch_does_not_sign_the_parent_out",
        &emulator,
        &data_dir,
    );
    assert_eq!(seen["email"], email, "{seen}");
    assert_eq!(seen["waiting_for_keychain"], true, "{seen}");
    assert_eq!(seen["token_error_code"], "keychain_unavailable", "{seen}");
    let message = seen["token_error"].as_str().expect("a message");
    assert!(message.starts_with("Your computer's keychain isn't available yet"), "{message}");
    assert_eq!(seen["still_signed_in"], true, "{seen}");
    assert!(session_file.exists(), "the session file survived the launch without a keychain");
    assert!(keychain_refresh_token(keychain.as_ref(), &emulator.config).is_some());

    // The next launch, with the Secret Service up, has the parent signed in and working.
    let relaunched = CloudSession::open(emulator.config.clone(), &data_dir);
    assert_eq!(relaunched.whoami().await.expect("still signed in").email, email);
    assert!(!relaunched.waiting_for_keychain().await);
    let token = relaunched.access_token().await.expect("a token from the keychain's refresh token");
    assert!(emulator.admin_idp().get_user().access_token(token.as_str()).send().await.is_ok());
    assert!(relaunched.sign_out(false).await.is_clean());
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);
}

#[tokio::test]
async fn totp_mfa_setup_then_sign_in_with_a_code() {
    let keychain = real_keychain();
    let emulator = Emulator::start_with(&["--mfa"]).await;
    let session = session_with(&emulator, keychain.clone(), "app");
    let email = "secure@example.org";
    emulator.confirmed_user(&session, email, PASSWORD).await;

    let step = session.sign_in(email, PASSWORD).await.expect("first sign-in");
    let SignInStep::MfaSetup(setup) = step else { panic!("expected MFA setup, got {step:?}") };
    assert!(setup.otpauth_uri.starts_with(&format!("otpauth://totp/NoComelon:{email}?secret=")));
    assert!(setup.qr_svg.contains("<svg"));
    let wrong = session.respond_mfa_setup("000000", "Kitchen laptop").await.expect_err("wrong code");
    assert_eq!(wrong.code(), "code_mismatch");
    let step = session
        .respond_mfa_setup(&current_totp(&setup.secret_base32), "Kitchen laptop")
        .await
        .expect("setup");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    session.sign_out(false).await;

    let step = session.sign_in(email, PASSWORD).await.expect("second sign-in");
    assert_eq!(step, SignInStep::SoftwareTokenMfa);
    let step = session.respond_mfa_code(&current_totp(&setup.secret_base32)).await.expect("code");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    assert!(keychain_refresh_token(keychain.as_ref(), &emulator.config).is_some());
    session.sign_out(false).await;
}
