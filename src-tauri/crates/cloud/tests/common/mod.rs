//! The test harness: a Python venv with the pinned moto, the patched emulator on a free loopback
//! port, the app's resources provisioned in it, and helpers to read what the emulator knows.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use cloud::{CloudConfig, CloudSession, KeyringStore, MemorySecretStore, SecretStore};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..").canonicalize().expect("the repository root exists")
}

fn emulator_dir() -> PathBuf {
    repo_root().join("infrastructure/local")
}

fn venv_python() -> PathBuf {
    emulator_dir().join(".venv/bin/python")
}

fn run(command: &mut Command, what: &str, hint: &str) {
    match command.output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "{what} failed ({}).\n{hint}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(err) => panic!("{what} could not start: {err}.\n{hint}"),
    }
}

/// Creates infrastructure/local/.venv with requirements.txt unless it already imports moto.
pub fn ensure_venv() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let python = venv_python();
        let ready = |python: &Path| {
            Command::new(python)
                .args(["-c", "import moto, boto3, werkzeug; assert moto.__version__ == '5.2.5', moto.__version__"])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if python.exists() && ready(&python) {
            return;
        }
        if !python.exists() {
            run(
                Command::new("python3").args(["-m", "venv"]).arg(emulator_dir().join(".venv")),
                "python3 -m venv infrastructure/local/.venv",
                "The cloud tests need Python 3 with venv: install the Debian packages python3 and python3-venv.",
            );
        }
        run(
            Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "-r"])
                .arg(emulator_dir().join("requirements.txt")),
            "pip install -r infrastructure/local/requirements.txt",
            "The cloud tests need pip and PyPI access to install moto[server]==5.2.5 and boto3 \
             (Debian package python3-pip).",
        );
        assert!(ready(&python), "moto 5.2.5 is still not importable from {}", python.display());
    });
}

/// A running, provisioned emulator; stopped on drop.
pub struct Emulator {
    child: Child,
    _stdin: ChildStdin,
    pub url: String,
    pub config: CloudConfig,
    pub config_path: PathBuf,
    pub dir: tempfile::TempDir,
    http: reqwest::Client,
}

impl Emulator {
    pub async fn start() -> Emulator {
        Self::start_with(&[]).await
    }

    /// `provision_args` go to provision.py (e.g. `--mfa`).
    pub async fn start_with(provision_args: &[&str]) -> Emulator {
        ensure_venv();
        let mut child = Command::new(venv_python())
            .arg(emulator_dir().join("moto_launcher.py"))
            .args(["--port", "0", "--exit-with-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator launcher starts");
        let stdin = child.stdin.take().expect("launcher stdin");
        let stdout = child.stdout.take().expect("launcher stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line =
            rx.recv_timeout(Duration::from_secs(90)).expect("the emulator reported its port within 90 s");
        let ready: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("launcher printed {line:?}: {e}"));
        let url = ready["url"].as_str().expect("url in the launcher's line").to_owned();

        let dir = tempfile::tempdir().expect("temp dir");
        let config_path = dir.path().join("cloud.json");
        let mut provision = Command::new(venv_python());
        provision
            .arg(emulator_dir().join("provision.py"))
            .args(["--endpoint-url", &url, "--out"])
            .arg(&config_path)
            .args(provision_args);
        run(&mut provision, "provision.py", "The emulator did not accept the app's resources.");
        let config = CloudConfig::locate(Some(&config_path)).expect("valid config").expect("config written");
        Emulator { child, _stdin: stdin, url, config, config_path, dir, http: reqwest::Client::new() }
    }

    /// Changes emulator switches (see moto_launcher.py).
    pub async fn set(&self, settings: serde_json::Value) {
        let response = self
            .http
            .post(format!("{}/_nocomelon/settings", self.url))
            .json(&settings)
            .send()
            .await
            .expect("control API reachable");
        assert!(
            response.status().is_success(),
            "settings refused: {}",
            response.text().await.unwrap_or_default()
        );
    }

    /// The sign-up / forgot-password codes the emulator "emailed".
    pub async fn codes(&self, email: &str) -> serde_json::Value {
        self.http
            .get(format!("{}/_nocomelon/codes", self.url))
            .query(&[("user_pool_id", self.config.user_pool_id.as_str()), ("username", email)])
            .send()
            .await
            .expect("control API reachable")
            .json()
            .await
            .expect("codes JSON")
    }

    pub async fn expire_credentials(&self) {
        let response = self
            .http
            .post(format!("{}/_nocomelon/expire-credentials", self.url))
            .send()
            .await
            .expect("control API reachable");
        assert!(response.status().is_success());
    }

    /// A user-pool client signed with throw-away keys, for admin calls.
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

    /// An account an admin created with a temporary password (FORCE_CHANGE_PASSWORD).
    pub async fn admin_create_user(&self, email: &str, temporary_password: &str) {
        use aws_sdk_cognitoidentityprovider::types::AttributeType;
        self.admin_idp()
            .admin_create_user()
            .user_pool_id(&self.config.user_pool_id)
            .username(email)
            .temporary_password(temporary_password)
            .user_attributes(AttributeType::builder().name("email").value(email).build().expect("attribute"))
            .user_attributes(
                AttributeType::builder().name("email_verified").value("true").build().expect("attribute"),
            )
            .send()
            .await
            .expect("AdminCreateUser");
    }

    /// Signs up and confirms with the code the emulator holds.
    pub async fn confirmed_user(&self, session: &CloudSession, email: &str, password: &str) {
        session.sign_up(email, password).await.expect("sign-up");
        let code = self.codes(email).await["sign_up"].as_str().expect("a sign-up code").to_owned();
        session.confirm_sign_up(email, &code).await.expect("confirm sign-up");
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

/// A session on the emulator with an in-memory keychain, in its own data dir.
pub fn memory_session(emulator: &Emulator, data_dir: &Path) -> (CloudSession, Arc<MemorySecretStore>) {
    let store = Arc::new(MemorySecretStore::new());
    let session =
        CloudSession::builder(emulator.config.clone(), data_dir).secret_store(store.clone()).build();
    (session, store)
}

/// The real Secret Service, or a failure that says how to get one.
pub fn real_keychain() -> Arc<KeyringStore> {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match KeyringStore::secret_service() {
        Ok(store) => Arc::new(store),
        Err(err) => panic!(
            "This test needs the real Secret Service keychain ({err}). Run the tests under \
             src-tauri/crates/cloud/tests/with-keyring.sh, e.g. \
             `src-tauri/crates/cloud/tests/with-keyring.sh cargo test -p cloud` \
             (needs the Debian packages dbus and gnome-keyring)."
        ),
    }
}

pub fn keychain_key(config: &CloudConfig) -> String {
    format!("refresh-token/{}/{}", config.user_pool_id, config.client_id)
}

pub fn keychain_refresh_token(store: &dyn SecretStore, config: &CloudConfig) -> Option<String> {
    store.load(&keychain_key(config)).expect("keychain readable").map(|t| t.to_string())
}

/// The JSON payload of a JWT.
pub fn jwt_claims(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).expect("a JWT");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).expect("base64url payload");
    serde_json::from_slice(&bytes).expect("JSON payload")
}

/// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a Base32 secret at `unix_seconds`.
pub fn totp(secret_base32: &str, unix_seconds: u64) -> String {
    use hmac::{Hmac, Mac};
    let key = base32_decode(secret_base32);
    let counter = unix_seconds / 30;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).expect("any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits: u64 = 0;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.trim_end_matches('=').bytes() {
        let value = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase()).expect("a Base32 secret");
        bits = (bits << 5) | value as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).expect("readable dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn totp_matches_the_rfc_6238_vector() {
    // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits), so 287082 with 6.
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"
    assert_eq!(totp(secret, 59), "287082");
}
