//! The non-secret facts of a session (who, until when, which identity id, which keychain holds
//! the refresh token) in a small JSON file under the app's data dir, so a restart knows who is
//! signed in without a network call. Tokens never go here.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::CloudError;
use crate::secret_store::KeychainBackend;

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
    /// The keychain the refresh token was saved in; files written before this was recorded used
    /// the platform's usual one.
    #[serde(default)]
    pub keychain: KeychainBackend,
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

    /// Replaces the file so that a reader, a crash or a power cut sees the old facts or the new
    /// ones, never a mix: a uniquely named temp file in the same folder (so concurrent savers never
    /// share one), written and flushed to disk, renamed over the file, then the folder flushed so
    /// the rename itself survives. Only the owner may read it.
    pub fn save(&self, facts: &SessionFacts) -> Result<(), CloudError> {
        let storage = |err: std::io::Error| CloudError::Storage(format!("{}: {err}", self.path.display()));
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(storage)?;
        let text = serde_json::to_string_pretty(facts).map_err(|e| CloudError::Storage(e.to_string()))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".cloud-session.")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(storage)?;
        restrict_to_owner(temp.as_file()).map_err(storage)?;
        temp.write_all(text.as_bytes()).map_err(storage)?;
        temp.as_file().sync_all().map_err(storage)?;
        temp.persist(&self.path).map_err(|err| storage(err.error))?;
        sync_dir(dir).map_err(storage)
    }

    pub fn delete(&self) -> Result<(), CloudError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(CloudError::Storage(format!("{}: {err}", self.path.display()))),
        }
    }
}

#[cfg(unix)]
fn restrict_to_owner(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_to_owner(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Flushes a folder's entries, so a rename into it is on disk.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows makes a rename durable with the file itself; folders cannot be opened to flush.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(n: usize) -> SessionFacts {
        SessionFacts {
            email: format!("parent-{n}@example.org"),
            sub: format!("sub-{n}"),
            username: format!("user-{n}-{}", "x".repeat(4000)),
            tokens_expire_at: 1_900_000_000,
            identity_id: Some("eu-west-1:abc".into()),
            clock_skew_ms: -3000,
            keychain: KeychainBackend::KernelKeyring,
        }
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn facts_round_trip_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(&dir.path().join("nested"));
        assert_eq!(file.load(), None);
        let facts = facts(1);
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

    #[test]
    fn a_file_from_before_keychains_were_recorded_names_the_usual_keychain() {
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(dir.path());
        std::fs::write(file.path(), r#"{"email":"mum@example.org","sub":"sub-1","tokens_expire_at":5}"#)
            .unwrap();
        let loaded = file.load().unwrap();
        assert_eq!(loaded.email, "mum@example.org");
        let usual = if cfg!(target_os = "linux") {
            KeychainBackend::SecretService
        } else {
            KeychainBackend::Platform
        };
        assert_eq!(loaded.keychain, usual);
    }

    #[test]
    fn saving_leaves_only_the_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(dir.path());
        for n in 0..3 {
            file.save(&facts(n)).unwrap();
        }
        assert_eq!(names_in(dir.path()), [FILE_NAME]);
        assert_eq!(file.load(), Some(facts(2)));
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_can_read_the_file_even_when_an_older_one_was_open_to_all() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(dir.path());
        std::fs::write(file.path(), "{}").unwrap();
        std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
        file.save(&facts(1)).unwrap();
        let mode = std::fs::metadata(file.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }

    #[test]
    fn savers_racing_each_other_never_leave_a_half_written_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = SessionFile::in_dir(dir.path());
        file.save(&facts(0)).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let savers: Vec<_> = (1..=4)
                .map(|saver| {
                    let file = file.clone();
                    scope.spawn(move || {
                        for round in 0..100 {
                            file.save(&facts(saver * 1000 + round)).unwrap();
                        }
                    })
                })
                .collect();
            let reader = scope.spawn(|| {
                let mut reads = 0;
                while !done.load(std::sync::atomic::Ordering::SeqCst) {
                    let text = std::fs::read_to_string(file.path()).unwrap();
                    let read: SessionFacts = serde_json::from_str(&text)
                        .unwrap_or_else(|err| panic!("a reader saw a half-written file ({err}): {text:.80}"));
                    assert!(read.username.ends_with(&"x".repeat(4000)));
                    reads += 1;
                }
                reads
            });
            for saver in savers {
                saver.join().unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
            assert!(reader.join().unwrap() > 0);
        });
        assert_eq!(names_in(dir.path()), [FILE_NAME]);
        assert!(file.load().unwrap().email.starts_with("parent-"));
    }
}
