//! Where the notes of unfinished multipart uploads are kept between runs. A trait, because the
//! app keeps them in its own database while tests and small tools keep them in memory or in a
//! folder of JSON files.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::resume::MultipartState;

/// The notes could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UploadStateError(pub String);

/// Keeps one [`MultipartState`] per object key.
pub trait UploadStateStore: Send + Sync {
    /// The notes for `object_key`, if any.
    fn load(&self, object_key: &str) -> Result<Option<MultipartState>, UploadStateError>;
    /// Replaces the notes for `object_key`.
    fn save(&self, object_key: &str, state: &MultipartState) -> Result<(), UploadStateError>;
    /// Forgets the notes for `object_key` (nothing to forget is fine).
    fn clear(&self, object_key: &str) -> Result<(), UploadStateError>;
}

/// Notes that live as long as the value: for tests and one-off tools.
#[derive(Debug, Default)]
pub struct MemoryUploadState {
    states: Mutex<HashMap<String, MultipartState>>,
}

impl MemoryUploadState {
    pub fn new() -> Self {
        Self::default()
    }

    fn states(&self) -> std::sync::MutexGuard<'_, HashMap<String, MultipartState>> {
        self.states.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl UploadStateStore for MemoryUploadState {
    fn load(&self, object_key: &str) -> Result<Option<MultipartState>, UploadStateError> {
        Ok(self.states().get(object_key).cloned())
    }

    fn save(&self, object_key: &str, state: &MultipartState) -> Result<(), UploadStateError> {
        self.states().insert(object_key.to_owned(), state.clone());
        Ok(())
    }

    fn clear(&self, object_key: &str) -> Result<(), UploadStateError> {
        self.states().remove(object_key);
        Ok(())
    }
}

/// One JSON file per object key in a folder, each replaced atomically (a temp file renamed over
/// it), so a crash mid-write leaves the previous notes, never half of new ones.
#[derive(Debug, Clone)]
pub struct FileUploadState {
    folder: PathBuf,
}

impl FileUploadState {
    /// Keeps its files in `folder` (made on the first save).
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        Self { folder: folder.into() }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Keys hold `/` and `:` and may be longer than a file name may be: the file is named by
    /// the key's SHA-256 instead.
    fn path_for(&self, object_key: &str) -> PathBuf {
        let digest = Sha256::digest(object_key.as_bytes());
        let name: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        self.folder.join(format!("{name}.json"))
    }
}

fn describe(action: &str, path: &Path, err: impl std::fmt::Display) -> UploadStateError {
    UploadStateError(format!("{action} {}: {err}", path.display()))
}

impl UploadStateStore for FileUploadState {
    fn load(&self, object_key: &str) -> Result<Option<MultipartState>, UploadStateError> {
        let path = self.path_for(object_key);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(describe("could not read", &path, err)),
        };
        match serde_json::from_str::<MultipartState>(&text) {
            Ok(state) if state.object_key == object_key => Ok(Some(state)),
            Ok(_) => Ok(None),
            Err(err) => {
                // Unreadable notes only cost a fresh start of that upload.
                tracing::warn!(path = %path.display(), %err, "ignoring unreadable upload notes");
                Ok(None)
            }
        }
    }

    fn save(&self, object_key: &str, state: &MultipartState) -> Result<(), UploadStateError> {
        let path = self.path_for(object_key);
        std::fs::create_dir_all(&self.folder)
            .map_err(|err| describe("could not create", &self.folder, err))?;
        let json =
            serde_json::to_vec_pretty(state).map_err(|err| describe("could not encode", &path, err))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".upload-state-")
            .tempfile_in(&self.folder)
            .map_err(|err| describe("could not create a temporary file in", &self.folder, err))?;
        temp.write_all(&json).map_err(|err| describe("could not write", temp.path(), err))?;
        temp.as_file().sync_all().map_err(|err| describe("could not flush", temp.path(), err))?;
        temp.persist(&path).map_err(|err| describe("could not replace", &path, err.error))?;
        Ok(())
    }

    fn clear(&self, object_key: &str) -> Result<(), UploadStateError> {
        let path = self.path_for(object_key);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(describe("could not remove", &path, err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::resume::SentPart;

    fn state(key: &str, parts: u32) -> MultipartState {
        MultipartState {
            object_key: key.to_owned(),
            upload_id: "upload-1".into(),
            file_size: 12 * 1024 * 1024,
            file_modified_unix_ns: 1_700_000_000_000_000_000,
            part_size: 5 * 1024 * 1024,
            parts: (1..=parts)
                .map(|number| SentPart {
                    number,
                    etag: format!("\"e{number}\""),
                    checksum_crc32: "AAAAAA==".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn file_notes_survive_a_new_store_on_the_same_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = "eu-west-1:abc/videos/run-1_final.mp4";
        FileUploadState::new(dir.path().join("uploads")).save(key, &state(key, 2)).expect("save");
        let reopened = FileUploadState::new(dir.path().join("uploads"));
        assert_eq!(reopened.load(key).expect("load"), Some(state(key, 2)));
        assert_eq!(reopened.load("eu-west-1:abc/videos/other.mp4").expect("load"), None);
    }

    #[test]
    fn saving_again_replaces_the_notes_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FileUploadState::new(dir.path());
        let key = "id/drawings/run-2.png";
        store.save(key, &state(key, 1)).expect("save");
        store.save(key, &state(key, 3)).expect("save again");
        assert_eq!(store.load(key).expect("load").map(|s| s.parts.len()), Some(3));
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with(".json"), "{names:?}");
    }

    #[test]
    fn cleared_notes_are_gone_and_clearing_twice_is_fine() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FileUploadState::new(dir.path());
        store.save("k", &state("k", 1)).expect("save");
        store.clear("k").expect("clear");
        store.clear("k").expect("clear again");
        assert_eq!(store.load("k").expect("load"), None);
    }

    #[test]
    fn unreadable_notes_mean_starting_over_not_failing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FileUploadState::new(dir.path());
        store.save("k", &state("k", 1)).expect("save");
        std::fs::write(store.path_for("k"), b"{ half a fi").expect("corrupt");
        assert_eq!(store.load("k").expect("load"), None);
    }

    #[test]
    fn memory_notes_keep_one_state_per_key() {
        let store = MemoryUploadState::new();
        store.save("a", &state("a", 1)).expect("save");
        store.save("b", &state("b", 2)).expect("save");
        store.clear("a").expect("clear");
        assert_eq!(store.load("a").expect("load"), None);
        assert_eq!(store.load("b").expect("load"), Some(state("b", 2)));
    }
}
