//! The IPC contract stays whole: the committed TypeScript bindings match the Rust commands, and
//! every command has its own permission that the main window's capability grants.
//!
//! `make bindings` (NOCOMELON_UPDATE_BINDINGS=1) rewrites ui/src/bindings.ts from the Rust side.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generated() -> String {
    nocomelon_desktop::typescript_bindings().expect("bindings generate")
}

/// Command names the generated bindings invoke.
fn invoked_commands(bindings: &str) -> BTreeSet<String> {
    bindings
        .split("TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn committed_bindings_match_the_rust_commands() {
    let path = repo().join("ui/src/bindings.ts");
    let fresh = generated();
    if std::env::var_os("NOCOMELON_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).expect("ui/src/bindings.ts exists");
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is out of date with the Rust commands; run `make bindings` and commit the result"
    );
}

#[test]
fn the_window_is_granted_no_plugin_command_that_widens_its_file_scope() {
    let capability: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("src-tauri/capabilities/main-window.json")).expect("capability"),
    )
    .expect("valid JSON");
    let widening: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions list")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.starts_with("dialog:") || p.starts_with("fs:") || p.contains("scope"))
        .collect();
    assert!(
        widening.is_empty(),
        "pickers opened by the webview add what is picked to its asset scope; open them from Rust: {widening:?}"
    );
}

#[test]
fn every_command_has_a_permission_and_the_window_is_granted_exactly_those_it_uses() {
    let commands = invoked_commands(&generated());
    assert!(commands.len() >= 10, "the bindings list the app's commands: {commands:?}");

    let permissions: toml::Table = toml::from_str(
        &std::fs::read_to_string(repo().join("src-tauri/permissions/commands.toml"))
            .expect("permissions file"),
    )
    .expect("valid TOML");
    let mut allowed = BTreeSet::new();
    for permission in permissions["permission"].as_array().expect("[[permission]] entries") {
        let identifier = permission["identifier"].as_str().expect("identifier");
        let granted: Vec<_> =
            permission["commands"]["allow"].as_array().expect("commands.allow").iter().collect();
        assert_eq!(granted.len(), 1, "{identifier} allows exactly one command");
        let command = granted[0].as_str().expect("command name");
        assert_eq!(
            identifier,
            format!("allow-{}", command.replace('_', "-")),
            "permission names follow the command"
        );
        allowed.insert(command.to_string());
    }
    assert_eq!(allowed, commands, "one permission per command, no strays");

    let capability: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("src-tauri/capabilities/main-window.json")).expect("capability"),
    )
    .expect("valid JSON");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("permissions list")
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(
        granted, commands,
        "the main window is granted every app command and nothing else of the app's"
    );
}
