//! The session against the emulator with the real OS keychain (Secret Service): what is stored
//! where, sign-out when RevokeToken fails, restore after a restart, and TOTP MFA. Run under
//! tests/with-keyring.sh.

use std::sync::Arc;

use cloud::{CloudSession, SecretStore, SignInStep};
use cloud_testkit::{current_totp, files_under, keychain_refresh_token, real_keychain, Emulator};

const PASSWORD: &str = "Dinosaur7";

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
