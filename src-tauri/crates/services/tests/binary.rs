//! The `nocomelon-services` program itself: it refuses settings it cannot use with one line and
//! exit code 2, prints the address it really listens on, serves with the app's own settings
//! file, keeps tokens and user ids out of its log, and stops cleanly on SIGTERM.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use services_api::wire::{GENERATE_PATH, HEALTH_PATH};
use support::*;

const BINARY: &str = env!("CARGO_BIN_EXE_nocomelon-services");

/// A settings file in a fresh temp folder, removed with it when dropped.
struct SettingsFile(PathBuf);

impl SettingsFile {
    fn path(&self) -> PathBuf {
        self.0.join("cloud.json")
    }
}

impl Drop for SettingsFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn settings_file(name: &str, json: &serde_json::Value) -> SettingsFile {
    let dir = std::env::temp_dir().join(format!("nocomelon-services-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = SettingsFile(dir);
    std::fs::write(file.path(), json.to_string()).expect("write settings");
    file
}

/// The settings the app's provisioning writes, pointing at `jwks_url`.
fn app_settings(jwks_url: &str) -> serde_json::Value {
    serde_json::json!({
        "region": REGION,
        "user_pool_id": USER_POOL_ID,
        "client_id": CLIENT_ID,
        "identity_pool_id": "us-east-1:0000",
        "bucket": "nocomelon-media",
        "library_table": "nocomelon-library",
        "checkpoints_table": "nocomelon-checkpoints",
        "services_url": "http://127.0.0.1:8787",
        "endpoint_url": "http://127.0.0.1:5000",
        "jwks_url": jwks_url,
    })
}

fn refused_start(config: &Path) -> (i32, String) {
    let output = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--config"])
        .arg(config)
        .output()
        .expect("run the binary");
    assert!(output.stdout.is_empty(), "nothing on stdout when it does not listen");
    (output.status.code().expect("an exit code"), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn settings_without_a_needed_field_stop_the_start_naming_the_field() {
    for field in ["region", "user_pool_id", "client_id"] {
        let mut settings = app_settings("http://127.0.0.1:1/jwks.json");
        settings.as_object_mut().expect("object").remove(field);
        let (code, stderr) = refused_start(&settings_file(&format!("no-{field}"), &settings).path());
        assert_eq!(code, 2, "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains(&format!("\"{field}\"")), "names {field}: {stderr}");

        settings[field] = "".into();
        let (code, stderr) = refused_start(&settings_file(&format!("empty-{field}"), &settings).path());
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(&format!("\"{field}\"")), "names the empty {field}: {stderr}");
    }
}

#[test]
fn an_unreadable_settings_file_stops_the_start() {
    let missing = std::env::temp_dir().join("nocomelon-services-no-such-dir/cloud.json");
    let (code, stderr) = refused_start(&missing);
    assert_eq!(code, 2);
    assert!(stderr.contains("can't be read") && stderr.contains("cloud.json"), "{stderr}");

    let not_json = settings_file("not-json", &serde_json::json!(["a list"]));
    let (code, stderr) = refused_start(&not_json.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("isn't a JSON object"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_program_listens_serves_keeps_secrets_out_of_its_log_and_stops_on_sigterm() {
    let jwks = JwksServer::start(&[CURRENT_JWK]).await;
    let config = settings_file("serves", &app_settings(&jwks.url));
    let mut child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--config"])
        .arg(config.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let (lines_tx, lines_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = lines_tx.send(line.expect("stdout line"));
        }
    });
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).expect("stderr");
        text
    });
    let line = lines_rx.recv_timeout(Duration::from_secs(30)).expect("the listening line");
    let base = line.strip_prefix("listening on ").expect("the line says where").to_owned();
    let addr: std::net::SocketAddr = base.strip_prefix("http://").expect("a URL").parse().expect("addr:port");
    assert_eq!(addr.ip().to_string(), "127.0.0.1");
    assert_ne!(addr.port(), 0, "the real port, not the 0 asked for");

    let http = reqwest::Client::new();
    let health = http.get(format!("{base}{HEALTH_PATH}")).send().await.expect("health");
    assert_eq!(health.status(), 200);

    let user = "user-7d1e-binary-test";
    let token = token_for(user);
    let story = http
        .post(format!("{base}{GENERATE_PATH}"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .header("x-request-id", "binary-test-42")
        .body(story_request().to_string())
        .send()
        .await
        .expect("story");
    assert_eq!(story.status(), 200);
    let mut expired_claims = access_claims(user);
    expired_claims["exp"] = (now() - 3600).into();
    let expired = sign(&expired_claims, CURRENT_PEM, CURRENT_KID);
    let refused = http
        .post(format!("{base}{GENERATE_PATH}"))
        .bearer_auth(&expired)
        .header("content-type", "application/json")
        .body(story_request().to_string())
        .send()
        .await
        .expect("refusal");
    assert_eq!(refused.status(), 401);

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait()).await.expect("join").expect("wait");
    assert_eq!(status.code(), Some(0), "a clean stop");
    assert!(lines_rx.try_recv().is_err(), "only the one line on stdout");

    let log = log.join().expect("log reader");
    assert!(log.contains("binary-test-42") && log.contains("status=200"), "the request's log line:\n{log}");
    assert!(log.contains("status=401"), "{log}");
    assert!(log.contains("SIGTERM"), "{log}");
    for secret in [token.as_str(), expired.as_str(), user] {
        assert!(!log.contains(secret), "the log holds no token or claim:\n{log}");
    }
    let signature = token.rsplit('.').next().expect("a signature");
    assert!(!log.contains(signature), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_log_lines_carry_the_request_id_and_the_outcome() {
    let jwks = JwksServer::start(&[CURRENT_JWK]).await;
    let config = settings_file("json-logs", &app_settings(&jwks.url));
    let mut child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--log-json", "--config"])
        .arg(config.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    tokio::task::block_in_place(|| stdout.read_line(&mut line)).expect("the listening line");
    let base = line.trim().strip_prefix("listening on ").expect("the line says where").to_owned();
    let health = reqwest::Client::new()
        .get(format!("{base}{HEALTH_PATH}"))
        .header("x-request-id", "json-log-test")
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let output =
        tokio::task::spawn_blocking(move || child.wait_with_output()).await.expect("join").expect("wait");
    assert_eq!(output.status.code(), Some(0));
    let log = String::from_utf8(output.stderr).expect("utf-8 log");
    let lines: Vec<serde_json::Value> =
        log.lines().map(|line| serde_json::from_str(line).expect("every log line is JSON")).collect();
    let answered = lines
        .iter()
        .find(|line| line["span"]["request_id"] == "json-log-test")
        .unwrap_or_else(|| panic!("a line of the request:\n{log}"));
    assert_eq!(answered["fields"]["status"], 200, "{answered}");
    assert_eq!(answered["span"]["path"], HEALTH_PATH, "{answered}");
    assert!(answered["fields"]["latency_ms"].is_number(), "{answered}");
}
