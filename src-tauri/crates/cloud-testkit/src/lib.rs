//! What every test of NoComelon's cloud side needs and no app crate may ship: the patched moto
//! emulator of infrastructure/local started on a free loopback port and provisioned with the app's
//! resources, its control API, the real keychain, and small readers (TOTP, JWT, files).
//!
//! Failures are panics with a sentence saying what to install or run, never skips.

mod control;
pub mod emulator;
pub mod gate;
pub mod keychain;
pub mod outside;
pub mod python;
pub mod reading;

use std::path::{Path, PathBuf};

pub use emulator::Emulator;
pub use gate::Gate;
pub use keychain::{keychain_key, keychain_refresh_token, real_keychain};
pub use outside::{query_value, upload_part_requests, write_varied_file, Logged};
pub use python::{ensure_venv, venv_python};
pub use reading::{base32_decode, current_totp, files_under, jwt_claims, totp};

/// The repository root (the folder holding infrastructure/ and src-tauri/).
pub fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    root.canonicalize().unwrap_or(root)
}

/// infrastructure/local: the emulator's launcher, patches and provisioning script.
pub fn emulator_dir() -> PathBuf {
    repo_root().join("infrastructure/local")
}
