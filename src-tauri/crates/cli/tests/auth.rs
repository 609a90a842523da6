//! `nocomelon auth` as a parent or a script runs it, against the real (patched) emulator and the
//! real keychain: each call is a new process, answers go in on stdin and never on the command
//! line. The emulator tests need the Secret Service: run them under
//! `src-tauri/crates/cloud/tests/with-keyring.sh cargo test -p nocomelon-cli`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cloud::SignInStep;
use cloud_testkit::{current_totp, files_under, keychain_refresh_token, real_keychain, Emulator};

const PASSWORD: &str = "Dinosaur7";
const WRONG_PASSWORD_MESSAGE: &str = "That email and password don't match. Please try again.";
const NOBODY_MESSAGE: &str = "Nobody is signed in on this computer.";

/// The `nocomelon` binary with one emulator's settings and one data dir: one computer.
struct Computer {
    config: PathBuf,
    data_dir: PathBuf,
}

impl Computer {
    fn new(emulator: &Emulator, name: &str) -> Self {
        Self { config: emulator.config_path.clone(), data_dir: emulator.subdir(name) }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nocomelon"));
        command
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .env("NOCOMELON_DATA_DIR", &self.data_dir)
            .env_remove("NOCOMELON_CONFIG")
            .env_remove("NOCOMELON_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Runs `nocomelon <args>` with `answers` as its stdin lines.
    fn run(&self, args: &[&str], answers: &[&str]) -> Output {
        let mut child = self.command(args).spawn().expect("nocomelon starts");
        let mut stdin = child.stdin.take().expect("piped stdin");
        let text: String = answers.iter().map(|answer| format!("{answer}\n")).collect();
        // A command that needs no answers may be gone before they are written.
        let _ = stdin.write_all(text.as_bytes());
        drop(stdin);
        child.wait_with_output().expect("nocomelon finishes")
    }

    fn whoami_json(&self) -> serde_json::Value {
        let output = self.run(&["auth", "whoami", "--json"], &[]);
        succeeded(&output);
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("whoami --json printed no JSON ({e}): {}", stdout(&output)))
    }

    fn session_file(&self) -> PathBuf {
        self.data_dir.join("cloud-session.json")
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeeded(output: &Output) {
    assert!(
        output.status.success(),
        "nocomelon failed ({}):\nstderr: {}\nstdout: {}",
        output.status,
        stderr(output),
        stdout(output)
    );
}

/// No file under `dir` holds any of `secrets` or anything shaped like a JWT.
fn assert_no_token_under(dir: &Path, secrets: &[&str]) {
    for file in files_under(dir) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("a readable file")).into_owned();
        assert!(!text.contains("eyJ"), "{} holds a JWT", file.display());
        for secret in secrets {
            assert!(!text.contains(secret), "{} holds a token", file.display());
        }
    }
}

/// An account made and confirmed through the library, so a test can start from sign-in.
async fn confirmed_account(emulator: &Emulator, email: &str) {
    let (session, _) = emulator.memory_session(&emulator.subdir("account-setup"));
    emulator.confirmed_user(&session, email, PASSWORD).await;
}

#[tokio::test]
async fn sign_up_confirm_sign_in_survive_a_restart_then_sign_out() {
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let computer = Computer::new(&emulator, "kitchen");
    let email = "mum@example.org";

    let signed_up = computer.run(&["auth", "sign-up", "--email", email], &[PASSWORD]);
    succeeded(&signed_up);
    assert!(
        stderr(&signed_up).contains("nocomelon auth confirm --email mum@example.org"),
        "{}",
        stderr(&signed_up)
    );
    let unconfirmed = computer.run(&["auth", "sign-in", "--email", email], &[PASSWORD]);
    assert!(!unconfirmed.status.success());
    assert!(stderr(&unconfirmed).contains("isn't confirmed yet"), "{}", stderr(&unconfirmed));

    let code = emulator.sign_up_code(email).await;
    let wrong_code = if code == "123456" { "654321" } else { "123456" };
    let refused = computer.run(&["auth", "confirm", "--email", email], &[wrong_code]);
    assert!(!refused.status.success());
    assert_eq!(stderr(&refused).trim(), "That code isn't right. Please check it and try again.");
    let code = emulator.sign_up_code(email).await;
    let confirmed = computer.run(&["auth", "confirm", "--email", email], &[&code]);
    succeeded(&confirmed);
    assert!(stderr(&confirmed).contains("Your account is confirmed."), "{}", stderr(&confirmed));

    let signed_in = computer.run(&["auth", "sign-in", "--email", email], &[PASSWORD]);
    succeeded(&signed_in);
    assert!(stderr(&signed_in).contains("Signed in as mum@example.org"), "{}", stderr(&signed_in));

    let me = computer.whoami_json();
    assert_eq!(me["email"], email);
    assert_eq!(me["sub"], emulator.user_sub(email).await.as_str());
    let identity_id = me["identity_id"].as_str().expect("an identity id").to_owned();
    assert!(identity_id.starts_with(&format!("{}:", emulator.config.region)), "{identity_id}");
    // The identity pool gives this account the same id wherever it signs in.
    let (elsewhere, _) = emulator.memory_session(&emulator.subdir("other-computer"));
    let step = elsewhere.sign_in(email, PASSWORD).await.expect("sign-in elsewhere");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    assert_eq!(elsewhere.identity_id().await.expect("identity id"), identity_id);

    let refresh = keychain_refresh_token(keychain.as_ref(), &emulator.config)
        .expect("the refresh token is in the keychain");
    assert!(computer.session_file().is_file());
    assert_no_token_under(&computer.data_dir, &[&refresh]);

    // A restart: a new process knows who is signed in without being given a password.
    let restarted = computer.run(&["auth", "whoami"], &[]);
    succeeded(&restarted);
    assert!(stdout(&restarted).contains("email:    mum@example.org"), "{}", stdout(&restarted));
    assert!(stdout(&restarted).contains(&identity_id), "{}", stdout(&restarted));

    let signed_out = computer.run(&["auth", "sign-out"], &[]);
    succeeded(&signed_out);
    assert_eq!(stderr(&signed_out).trim(), "Signed out of this computer.");
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);
    assert!(!computer.session_file().exists());

    let nobody = computer.run(&["auth", "whoami", "--json"], &[]);
    assert_eq!(nobody.status.code(), Some(3), "3: a signed-in account is needed");
    assert_eq!(stderr(&nobody).trim(), NOBODY_MESSAGE);
    let report: serde_json::Value = serde_json::from_slice(&nobody.stdout).expect("a JSON error");
    assert_eq!(report["error"]["code"], "not_signed_in");
    let nobody = computer.run(&["auth", "whoami"], &[]);
    assert!(!nobody.status.success());
    assert_eq!(stderr(&nobody).trim(), NOBODY_MESSAGE);
    assert_eq!(stdout(&nobody), "");
}

#[tokio::test]
async fn an_admin_created_account_chooses_its_password_from_stdin() {
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let computer = Computer::new(&emulator, "gran");
    let email = "gran@example.org";
    emulator.admin_create_user(email, "Temp0rary1").await;

    let weak = computer.run(&["auth", "sign-in", "--email", email], &["Temp0rary1", "weak"]);
    assert!(!weak.status.success());
    assert!(stderr(&weak).contains("That password isn't strong enough"), "{}", stderr(&weak));
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);

    let output = computer.run(&["auth", "sign-in", "--email", email], &["Temp0rary1", PASSWORD]);
    succeeded(&output);
    let text = stderr(&output);
    assert!(text.contains("This account needs a new password."), "{text}");
    assert!(text.contains("Signed in as gran@example.org"), "{text}");
    assert_eq!(computer.whoami_json()["email"], email);
    assert!(keychain_refresh_token(keychain.as_ref(), &emulator.config).is_some());

    succeeded(&computer.run(&["auth", "sign-out"], &[]));
    let old = computer.run(&["auth", "sign-in", "--email", email], &["Temp0rary1"]);
    assert_eq!(stderr(&old).trim(), WRONG_PASSWORD_MESSAGE);
    let again = computer.run(&["auth", "sign-in", "--email", email], &[PASSWORD]);
    succeeded(&again);
    succeeded(&computer.run(&["auth", "sign-out"], &[]));
}

#[tokio::test]
async fn a_wrong_password_fails_plainly_and_leaves_no_token() {
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let computer = Computer::new(&emulator, "dad");
    let email = "dad@example.org";
    confirmed_account(&emulator, email).await;

    for who in [email, "nobody@example.org"] {
        let output = computer.run(&["auth", "sign-in", "--email", who], &["Dinosaur8"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert_eq!(stderr(&output).trim(), WRONG_PASSWORD_MESSAGE);
        assert_eq!(stdout(&output), "");
    }
    assert!(!computer.session_file().exists());
    assert_no_token_under(&computer.data_dir, &[]);
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);
    let nobody = computer.run(&["auth", "whoami"], &[]);
    assert_eq!(stderr(&nobody).trim(), NOBODY_MESSAGE);

    let missing = computer.run(&["auth", "sign-in", "--email", email], &[]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("No answer was given"), "{}", stderr(&missing));
}

#[tokio::test]
async fn a_pool_requiring_totp_prints_the_setup_link_and_takes_the_code() {
    let keychain = real_keychain();
    let emulator = Emulator::start_with(&["--mfa"]).await;
    let computer = Computer::new(&emulator, "secure");
    let email = "secure@example.org";
    confirmed_account(&emulator, email).await;

    let mut child =
        computer.command(&["auth", "sign-in", "--email", email]).spawn().expect("nocomelon starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let child_stderr = child.stderr.take().expect("piped stderr");
    let (lines_tx, lines) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(child_stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    writeln!(stdin, "{PASSWORD}").expect("answer the password");
    let mut seen = Vec::new();
    let uri = loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no otpauth link was printed; stderr so far:\n{}", seen.join("\n")));
        seen.push(line.clone());
        if let Some(start) = line.find("otpauth://") {
            break line[start..].trim().to_owned();
        }
    };
    assert!(uri.starts_with(&format!("otpauth://totp/NoComelon:{email}?secret=")), "{uri}");
    let secret = uri
        .split(['?', '&'])
        .find_map(|part| part.strip_prefix("secret="))
        .expect("a secret in the link")
        .to_owned();
    writeln!(stdin, "{}", current_totp(&secret)).expect("answer the code");
    drop(stdin);
    let status = child.wait().expect("nocomelon finishes");
    reader.join().expect("stderr read to the end");
    seen.extend(lines.try_iter());
    let text = seen.join("\n");
    assert!(status.success(), "{text}");
    assert!(text.contains(&format!("key: {secret}")), "{text}");
    assert!(text.contains("Signed in as secure@example.org"), "{text}");
    assert_eq!(computer.whoami_json()["email"], email);
    assert!(keychain_refresh_token(keychain.as_ref(), &emulator.config).is_some());

    // Next time the authenticator's code is asked for straight after the password.
    succeeded(&computer.run(&["auth", "sign-out"], &[]));
    let wrong = computer.run(&["auth", "sign-in", "--email", email], &[PASSWORD, "000000"]);
    assert!(!wrong.status.success());
    assert_eq!(stderr(&wrong).trim(), "That code isn't right. Please check it and try again.");
    let again = computer.run(&["auth", "sign-in", "--email", email], &[PASSWORD, &current_totp(&secret)]);
    succeeded(&again);
    assert!(!stderr(&again).contains("otpauth://"), "{}", stderr(&again));
    succeeded(&computer.run(&["auth", "sign-out"], &[]));
}

#[tokio::test]
async fn sign_out_everywhere_still_signs_out_here_when_the_cloud_cannot_revoke() {
    let keychain = real_keychain();
    let emulator = Emulator::start().await;
    let computer = Computer::new(&emulator, "laptop");
    let email = "aunt@example.org";
    confirmed_account(&emulator, email).await;
    succeeded(&computer.run(&["auth", "sign-in", "--email", email], &[PASSWORD]));
    assert!(keychain_refresh_token(keychain.as_ref(), &emulator.config).is_some());

    emulator.set(serde_json::json!({ "revoke_token_fails": true })).await;
    let output = computer.run(&["auth", "sign-out", "--everywhere"], &[]);
    succeeded(&output);
    let text = stderr(&output);
    assert!(text.contains("The cloud couldn't be told to cancel this computer's sign-in"), "{text}");
    assert!(text.contains("it was removed from this computer anyway"), "{text}");
    assert!(
        text.contains("Signed out of this computer and asked every other computer to sign out."),
        "{text}"
    );
    assert_eq!(keychain_refresh_token(keychain.as_ref(), &emulator.config), None);
    assert!(!computer.session_file().exists());
    let nobody = computer.run(&["auth", "whoami"], &[]);
    assert_eq!(nobody.status.code(), Some(3), "3: a signed-in account is needed");
    assert_eq!(stderr(&nobody).trim(), NOBODY_MESSAGE);
}

#[test]
fn passwords_and_codes_are_never_taken_from_the_command_line() {
    let data = tempfile::tempdir().expect("a data dir");
    let attempts: [&[&str]; 4] = [
        &["auth", "sign-in", "--email", "x@example.org", "--password", "Dinosaur7"],
        &["auth", "sign-up", "--email", "x@example.org", "--password", "Dinosaur7"],
        &["auth", "forgot", "--email", "x@example.org", "--new-password", "Dinosaur7"],
        &["auth", "confirm", "--email", "x@example.org", "--code", "123456"],
    ];
    for args in attempts {
        let output = Command::new(env!("CARGO_BIN_EXE_nocomelon"))
            .args(args)
            .env("NOCOMELON_DATA_DIR", data.path())
            .env_remove("NOCOMELON_CONFIG")
            .stdin(Stdio::null())
            .output()
            .expect("nocomelon runs");
        assert_eq!(output.status.code(), Some(2), "a usage error for {args:?}: {}", stderr(&output));
        let flag = args[4];
        assert!(stderr(&output).contains(&format!("unexpected argument '{flag}'")), "{}", stderr(&output));
    }
}
