//! One running emulator per test: moto_launcher.py on a free loopback port, provision.py's cloud
//! config for it, and the control API (codes, switches, expiry, who signed what) plus admin
//! clients for what the app itself may not do.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use cloud::{CloudConfig, CloudSession, MemorySecretStore};

use crate::python::ensure_venv;
use crate::{control, emulator_dir};

/// How long the launcher may take to import moto and report its port.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(90);
/// How long one control-API call may take before the test fails instead of hanging.
const CONTROL_TIMEOUT: Duration = Duration::from_secs(30);

/// A running, provisioned emulator; stopped on drop.
pub struct Emulator {
    child: Child,
    _stdin: ChildStdin,
    /// The emulator's base URL (every AWS service and the control API).
    pub url: String,
    /// The cloud config provision.py wrote for it.
    pub config: CloudConfig,
    /// Where that config is, for `--config` / NOCOMELON_CONFIG.
    pub config_path: PathBuf,
    /// A temp dir that lives as long as the emulator (data dirs go in here).
    pub dir: tempfile::TempDir,
}

/// A Python child that sees no AWS settings of whoever runs the tests.
fn python_command(python: &Path) -> Command {
    let mut command = Command::new(python);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    command
}

impl Emulator {
    /// An emulator provisioned with the app's default pool (no MFA).
    pub async fn start() -> Emulator {
        Self::start_with(&[]).await
    }

    /// `provision_args` go to provision.py (e.g. `--mfa` for a pool that requires TOTP).
    pub async fn start_with(provision_args: &[&str]) -> Emulator {
        let python = ensure_venv();
        let dir = tempfile::tempdir().expect("a temp dir for the emulator");
        let log_path = dir.path().join("emulator.log");
        let log = std::fs::File::create(&log_path).expect("the emulator's log file");
        let mut child = python_command(&python)
            .arg(emulator_dir().join("moto_launcher.py"))
            .args(["--port", "0", "--exit-with-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|err| panic!("the emulator launcher could not start: {err}"));
        let stdin = child.stdin.take().expect("the launcher's stdin is piped");
        let stdout = child.stdout.take().expect("the launcher's stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let log_text = || std::fs::read_to_string(&log_path).unwrap_or_default();
        let line = rx.recv_timeout(LAUNCH_TIMEOUT).unwrap_or_else(|_| {
            panic!("the emulator did not report its port within {LAUNCH_TIMEOUT:?}; its log:\n{}", log_text())
        });
        let ready: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|err| {
            panic!(
                "the emulator launcher printed {line:?} instead of its port ({err}); its log:\n{}",
                log_text()
            )
        });
        let url = ready["url"].as_str().expect("a url in the launcher's line").to_owned();

        let config_path = dir.path().join("cloud.json");
        let provisioned = python_command(&python)
            .arg(emulator_dir().join("provision.py"))
            .args(["--endpoint-url", &url, "--out"])
            .arg(&config_path)
            .args(provision_args)
            .output()
            .unwrap_or_else(|err| panic!("provision.py could not start: {err}"));
        assert!(
            provisioned.status.success(),
            "the emulator did not accept the app's resources (provision.py {}):\n{}\nemulator log:\n{}",
            provisioned.status,
            String::from_utf8_lossy(&provisioned.stderr),
            log_text()
        );
        let config = match CloudConfig::locate(Some(&config_path)) {
            Ok(Some(config)) => config,
            Ok(None) => panic!("provision.py wrote no config at {}", config_path.display()),
            Err(err) => panic!("provision.py wrote a config the app refuses: {err}"),
        };
        Emulator { child, _stdin: stdin, url, config, config_path, dir }
    }

    /// Changes emulator switches (`token_seconds`, `revoke_token_fails`, ...; see moto_launcher.py).
    pub async fn set(&self, settings: serde_json::Value) {
        let answer =
            control::request(&self.url, "POST", "/_nocomelon/settings", Some(&settings), CONTROL_TIMEOUT);
        assert!(answer.is_success(), "settings {settings} refused: {}", answer.body);
    }

    /// The current switches.
    pub async fn settings(&self) -> serde_json::Value {
        self.get_json("settings", &[]).await
    }

    /// The sign-up / forgot-password codes the emulator "emailed" to `email`.
    pub async fn codes(&self, email: &str) -> serde_json::Value {
        let pool = self.config.user_pool_id.clone();
        self.get_json("codes", &[("user_pool_id", pool.as_str()), ("username", email)]).await
    }

    /// The latest sign-up confirmation code sent to `email`.
    pub async fn sign_up_code(&self, email: &str) -> String {
        let codes = self.codes(email).await;
        codes["sign_up"].as_str().unwrap_or_else(|| panic!("no sign-up code for {email}: {codes}")).to_owned()
    }

    /// The latest password-reset code sent to `email`.
    pub async fn forgot_password_code(&self, email: &str) -> String {
        let codes = self.codes(email).await;
        codes["forgot_password"]
            .as_str()
            .unwrap_or_else(|| panic!("no password-reset code for {email}: {codes}"))
            .to_owned()
    }

    /// Every identity-pool key issued so far expires now.
    pub async fn expire_credentials(&self) {
        let answer =
            control::request(&self.url, "POST", "/_nocomelon/expire-credentials", None, CONTROL_TIMEOUT);
        assert!(answer.is_success(), "expire-credentials refused: {} {}", answer.status, answer.body);
    }

    /// The access key ids that signed S3 and DynamoDB requests so far, by service
    /// (`{"s3": [...], "dynamodb": [...]}`), in order, without repeats.
    pub async fn signers(&self) -> serde_json::Value {
        self.get_json("signers", &[]).await
    }

    async fn get_json(&self, action: &str, query: &[(&str, &str)]) -> serde_json::Value {
        let path = format!("/_nocomelon/{action}{}", control::query(query));
        let answer = control::request(&self.url, "GET", &path, None, CONTROL_TIMEOUT);
        assert!(answer.is_success(), "control action {action} refused: {} {}", answer.status, answer.body);
        answer.json()
    }

    /// A user-pool client signed with throw-away keys, for admin calls the app never makes.
    pub fn admin_idp(&self) -> aws_sdk_cognitoidentityprovider::Client {
        use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Builder, Credentials, Region};
        let config = Builder::new()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.config.region.clone()))
            .endpoint_url(&self.url)
            .credentials_provider(Credentials::new("emulator", "emulator", None, None, "tests"))
            .build();
        aws_sdk_cognitoidentityprovider::Client::from_conf(config)
    }

    /// An S3 client with throw-away keys, to look at the bucket from outside the app.
    pub fn admin_s3(&self) -> aws_sdk_s3::Client {
        use aws_sdk_s3::config::{BehaviorVersion, Builder, Credentials, Region};
        let config = Builder::new()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.config.region.clone()))
            .endpoint_url(&self.url)
            .force_path_style(true)
            .credentials_provider(Credentials::new("emulator", "emulator", None, None, "tests"))
            .build();
        aws_sdk_s3::Client::from_conf(config)
    }

    /// A DynamoDB client with throw-away keys, to look at the tables from outside the app.
    pub fn admin_dynamodb(&self) -> aws_sdk_dynamodb::Client {
        use aws_sdk_dynamodb::config::{BehaviorVersion, Builder, Credentials, Region};
        let config = Builder::new()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.config.region.clone()))
            .endpoint_url(&self.url)
            .credentials_provider(Credentials::new("emulator", "emulator", None, None, "tests"))
            .build();
        aws_sdk_dynamodb::Client::from_conf(config)
    }

    /// An account an admin created with a temporary password (FORCE_CHANGE_PASSWORD).
    pub async fn admin_create_user(&self, email: &str, temporary_password: &str) {
        use aws_sdk_cognitoidentityprovider::types::AttributeType;
        let attribute = |name: &str, value: &str| {
            AttributeType::builder().name(name).value(value).build().expect("a complete attribute")
        };
        self.admin_idp()
            .admin_create_user()
            .user_pool_id(&self.config.user_pool_id)
            .username(email)
            .temporary_password(temporary_password)
            .user_attributes(attribute("email", email))
            .user_attributes(attribute("email_verified", "true"))
            .send()
            .await
            .unwrap_or_else(|err| panic!("AdminCreateUser {email}: {err:?}"));
    }

    /// The user-pool `sub` of the account `email`.
    pub async fn user_sub(&self, email: &str) -> String {
        let user = self
            .admin_idp()
            .admin_get_user()
            .user_pool_id(&self.config.user_pool_id)
            .username(email)
            .send()
            .await
            .unwrap_or_else(|err| panic!("AdminGetUser {email}: {err:?}"));
        user.user_attributes()
            .iter()
            .find(|a| a.name() == "sub")
            .and_then(|a| a.value())
            .unwrap_or_else(|| panic!("{email} has no sub attribute"))
            .to_owned()
    }

    /// Signs up through `session` and confirms with the code the emulator holds.
    pub async fn confirmed_user(&self, session: &CloudSession, email: &str, password: &str) {
        session.sign_up(email, password).await.unwrap_or_else(|err| panic!("sign-up {email}: {err}"));
        let code = self.sign_up_code(email).await;
        session.confirm_sign_up(email, &code).await.unwrap_or_else(|err| panic!("confirm {email}: {err}"));
    }

    /// A session on this emulator with an in-memory keychain, keeping its files in `data_dir`.
    pub fn memory_session(&self, data_dir: &Path) -> (CloudSession, Arc<MemorySecretStore>) {
        let store = Arc::new(MemorySecretStore::new());
        let session =
            CloudSession::builder(self.config.clone(), data_dir).secret_store(store.clone()).build();
        (session, store)
    }

    /// A fresh folder inside the emulator's temp dir (an app data dir, say).
    pub fn subdir(&self, name: &str) -> PathBuf {
        let dir = self.dir.path().join(name);
        std::fs::create_dir_all(&dir).expect("a folder in the emulator's temp dir");
        dir
    }

    /// Stops the emulator now (the computer goes offline).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}
