//! The `nocomelon` binary as a parent or a script would run it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    fixtures::drawing(name)
}

fn nocomelon(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nocomelon"))
        .args(args)
        .env("NOCOMELON_DATA_DIR", data_dir)
        .env_remove("NOCOMELON_CONFIG")
        .output()
        .expect("nocomelon runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn ingest_prints_the_id_the_upright_size_and_where_it_is_stored() {
    let data = tempfile::tempdir().expect("data dir");
    let garlic = fixture("garlic-photo.png");
    let output = nocomelon(data.path(), &["ingest", garlic.to_str().expect("utf-8 path"), "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report = json(&output);
    assert_eq!(report["width"], 1536);
    assert_eq!(report["height"], 2048);
    assert_eq!(report["format"], "jpeg");
    assert_eq!(report["id"].as_str().map(str::len), Some(64));
    let stored = PathBuf::from(report["path"].as_str().expect("path"));
    assert!(stored.starts_with(data.path()) && stored.is_file(), "{}", stored.display());

    let again = json(&nocomelon(data.path(), &["ingest", garlic.to_str().expect("utf-8"), "--json"]));
    assert_eq!(again["id"], report["id"]);
    assert_eq!(again["duplicate"], true);

    let human = nocomelon(data.path(), &["ingest", fixture("pig.png").to_str().expect("utf-8")]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("size:     600 x 450"), "{text}");
}

#[test]
fn a_refused_file_exits_non_zero_with_the_plain_message() {
    let data = tempfile::tempdir().expect("data dir");
    let fake = data.path().join("drawing.png");
    std::fs::write(&fake, b"this is a note, not a picture").expect("write");
    let output = nocomelon(data.path(), &["ingest", fake.to_str().expect("utf-8"), "--json"]);
    assert!(!output.status.success());
    let report = json(&output);
    assert_eq!(report["error"]["code"], "unsupported_format");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        report["error"]["message"].as_str().expect("message"),
        "same words for people and scripts"
    );

    let empty = data.path().join("empty.jpg");
    std::fs::write(&empty, b"").expect("write");
    let output = nocomelon(data.path(), &["ingest", empty.to_str().expect("utf-8")]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).to_lowercase().contains("empty"));
}

#[test]
fn library_list_starts_empty_and_honours_the_data_dir() {
    let data = tempfile::tempdir().expect("data dir");
    let output = nocomelon(data.path(), &["library", "list", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(json(&output), serde_json::json!([]));
    assert!(data.path().join("nocomelon.sqlite3").is_file(), "the store lives in NOCOMELON_DATA_DIR");
    let human = nocomelon(data.path(), &["library", "list"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("The library is empty."));
}

#[test]
fn a_broken_config_file_is_a_clear_error() {
    let data = tempfile::tempdir().expect("data dir");
    let config = data.path().join("cloud.json");
    std::fs::write(&config, "{ not json").expect("write");
    let output = nocomelon(data.path(), &["--config", config.to_str().expect("utf-8"), "library", "list"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cloud.json") && stderr.contains("isn't valid"), "{stderr}");
    let missing = nocomelon(data.path(), &["--config", "/nonexistent/cloud.json", "library", "list"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("isn't there"));
}

#[test]
fn a_draft_id_that_is_not_a_plain_name_is_refused_and_nothing_is_written_outside() {
    let data = tempfile::tempdir().expect("data dir");
    let outside = tempfile::tempdir().expect("elsewhere");
    let escape = format!("../../../../{}/x", outside.path().display());
    for hostile in [escape.as_str(), "a\nb", ".."] {
        let out = data.path().join("story.mp4");
        let output =
            nocomelon(data.path(), &["render", hostile, "--out", out.to_str().expect("utf-8"), "--json"]);
        assert!(!output.status.success(), "{hostile:?}");
        let code = json(&output)["error"]["code"].as_str().map(str::to_owned);
        assert!(
            matches!(code.as_deref(), Some("run_not_found" | "unsafe_name")),
            "{hostile:?}: {code:?} {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!out.exists());
    }
    let left: Vec<_> = std::fs::read_dir(outside.path()).expect("list").collect();
    assert!(left.is_empty(), "nothing was written outside the data folder: {left:?}");
    let runs = data.path().join("media/runs");
    assert_eq!(std::fs::read_dir(&runs).expect("runs folder").count(), 0, "no folder was made for it");
}

/// `terraform output -json` of infrastructure/terraform, as a family would save it.
fn terraform_outputs(services_url: &str) -> serde_json::Value {
    let output = |value: &str| serde_json::json!({ "sensitive": false, "type": "string", "value": value });
    serde_json::json!({
        "region": output("eu-west-1"),
        "user_pool_id": output("eu-west-1_AbC123"),
        "client_id": output("4vbq2cl0example"),
        "identity_pool_id": output("eu-west-1:0f1e2d3c-0000-4000-8000-000000000000"),
        "bucket": output("nocomelon-123456789012-media"),
        "library_table": output("nocomelon-library"),
        "checkpoints_table": output("nocomelon-checkpoints"),
        "services_url": output(services_url),
        "jwks_url": output("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"),
    })
}

#[test]
fn config_import_turns_terraform_outputs_into_settings_the_app_uses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outputs = dir.path().join("outputs.json");
    std::fs::write(
        &outputs,
        terraform_outputs("https://abc.execute-api.eu-west-1.amazonaws.com").to_string(),
    )
    .expect("outputs");
    let settings = dir.path().join("settings/cloud.json");
    let output = nocomelon(
        dir.path(),
        &["config", "import", outputs.to_str().expect("utf-8"), "--out", settings.to_str().expect("utf-8")],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains(&settings.display().to_string()), "says where");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).expect("written")).expect("json");
    assert_eq!(written["bucket"], "nocomelon-123456789012-media");
    assert_eq!(written["services_url"], "https://abc.execute-api.eu-west-1.amazonaws.com");

    // The app takes the file: nobody is signed in yet (exit 3), rather than a settings error.
    let whoami = Command::new(env!("CARGO_BIN_EXE_nocomelon"))
        .args(["auth", "whoami"])
        .env("NOCOMELON_DATA_DIR", dir.path().join("data"))
        .env("NOCOMELON_CONFIG", &settings)
        .output()
        .expect("nocomelon runs");
    assert_eq!(whoami.status.code(), Some(3), "{}", String::from_utf8_lossy(&whoami.stderr));
}

#[test]
fn config_import_refuses_outputs_it_cannot_use_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut broken = terraform_outputs("");
    broken["user_pool_id"]["value"] = serde_json::json!("us-east-1_Other");
    let outputs = dir.path().join("outputs.json");
    std::fs::write(&outputs, broken.to_string()).expect("outputs");
    let settings = dir.path().join("cloud.json");
    let output = nocomelon(
        dir.path(),
        &["config", "import", outputs.to_str().expect("utf-8"), "--out", settings.to_str().expect("utf-8")],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("Nothing was written") && message.contains("user_pool_id"), "{message}");
    assert!(!settings.exists());
}
