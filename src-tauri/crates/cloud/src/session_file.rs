//! The non-secret facts of a session (who, until when, which identity id) in a small JSON file
//! under the app's data dir, so a restart knows who is signed in without a network call. Tokens
//! never go here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::CloudError;

const FILE_NAME: &str = "cloud-session.json";

/// What is remembered about the signed-in parent between launches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFacts {
    pub email: String,
    /// The user-pool `sub`.
    pub sub: String,
    /// The user-pool username Cognito gave (USER_ID_FOR_SRP).
    #[serde(default)]
    pub username: String,
    /// When the last access/ID token expires, in server Unix seconds.
    #[serde(default)]
    pub tokens_expire_at: i64,
    /// The identity-pool id of this user, once known.
    #[serde(default)]
    pub identity_id: Option<String>,
    /// The server clock's skew last seen, in milliseconds.
    #[serde(default)]
    pub clock_skew_ms: i64,
}

/// The facts file in a data dir.
#[derive(Debug, Clone)]
pub struct SessionFile {
    path: PathBuf,
}

impl SessionFile {
    pub fn in_dir(data_dir: &Path) -> Self {
        Self { path: data_dir.join(FILE_NAME) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored facts; a missing or unreadable file is simply no session.
    pub fn load(&self) -> Option<SessionFacts> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        match serde_json::from_str(&text) {
            Ok(facts) => Some(facts),
            Err(err) => {
                tracing::warn!(path = %self.path.display(), %err, "ignoring an unreadable session file");
                None
            }
        }
    }

    /// Writes the facts atomically (temp file, then rename).
    pub fn save(&self, facts: &SessionFacts) -> Result<(), CloudError> {
        let storage = |err: std::io::Error| CloudError::Storage(format!("{}: {err}", self.path.display()));
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(storage)?;
        }
        let text = serde_json::to_string_pretty(facts).map_err(|e| CloudError::Storage(e.to_string()))?;
        let temp = self.path.with_extension("json.tmp");
        std::fs::write(&temp, text).map_err(storage)?;
        std::fs::rename(&temp, &self.path).map_err(storage)
    }

    pub fn delete(&self) -> Result<(), CloudError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(CloudError::Storage(format!("{}: {err}", self.path.display()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_round_trip_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(&dir.path().join("nested"));
        assert_eq!(file.load(), None);
        let facts = SessionFacts {
            email: "mum@example.org".into(),
            sub: "sub-1".into(),
            username: "sub-1".into(),
            tokens_expire_at: 1_900_000_000,
            identity_id: Some("eu-west-1:abc".into()),
            clock_skew_ms: -3000,
        };
        file.save(&facts).unwrap();
        assert_eq!(file.load(), Some(facts));
        file.delete().unwrap();
        file.delete().unwrap();
        assert_eq!(file.load(), None);
    }

    #[test]
    fn a_corrupt_file_is_no_session() {
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(dir.path());
        std::fs::write(file.path(), "{{{").unwrap();
        assert_eq!(file.load(), None);
    }
}
