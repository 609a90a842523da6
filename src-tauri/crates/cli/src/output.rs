//! How results and failures reach the terminal: plain lines for people, JSON for scripts.

use std::process::ExitCode;

use nocomelon_core::CoreError;
use serde::Serialize;

/// Why a command failed; the message is the same plain sentence the window shows.
#[derive(Debug)]
pub struct Failure {
    pub code: String,
    pub message: String,
}

impl From<CoreError> for Failure {
    fn from(error: CoreError) -> Self {
        Self { code: error.code().to_string(), message: error.to_string() }
    }
}

impl From<family::SyncError> for Failure {
    fn from(error: family::SyncError) -> Self {
        Self { code: error.code().to_string(), message: error.to_string() }
    }
}

impl From<family::CloudUnavailable> for Failure {
    fn from(error: family::CloudUnavailable) -> Self {
        Self { code: error.code().to_string(), message: error.reason }
    }
}

impl Failure {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.to_string(), message: message.into() }
    }

    pub fn report(&self, json: bool) -> ExitCode {
        if json {
            print_json(&serde_json::json!({ "error": { "code": self.code, "message": self.message } }));
        }
        eprintln!("{}", self.message);
        ExitCode::from(self.exit_code())
    }

    /// 3: a family account is needed; 4: the cloud could not be reached; 1: anything else.
    pub fn exit_code(&self) -> u8 {
        match self.code.as_str() {
            "not_signed_in" | "cloud_unavailable" | "signed_out" => 3,
            "network" => 4,
            _ => 1,
        }
    }
}

pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("Could not write the result as JSON: {error}"),
    }
}
