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
