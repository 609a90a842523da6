//! Local files to and from the family's S3 space: a file is uploaded once per content (its size
//! and modification time are remembered per key), multipart uploads resume from state kept in
//! the local store, and downloads land whole or not at all.

use std::path::Path;

use cloud::transfer::{MultipartState, UploadOutcome, UploadStateError, UploadStateStore};
use nocomelon_core::Core;

use super::SyncEngine;
use crate::keys::{self, RelativeKey};
use crate::SyncError;

/// Multipart upload state kept in the local store, so an upload resumes after a restart.
pub(crate) struct StoreUploadState<'a> {
    pub core: &'a Core,
}

impl UploadStateStore for StoreUploadState<'_> {
    fn load(&self, key: &str) -> Result<Option<MultipartState>, UploadStateError> {
        let Some(text) = self.core.store().upload_state(key).map_err(state_error)? else {
            return Ok(None);
        };
        // Notes that cannot be read only cost a fresh upload.
        Ok(serde_json::from_str(&text).ok())
    }

    fn save(&self, key: &str, state: &MultipartState) -> Result<(), UploadStateError> {
        let text = serde_json::to_string(state).map_err(state_error)?;
        self.core.store().save_upload_state(key, &text).map_err(state_error)
    }

    fn clear(&self, key: &str) -> Result<(), UploadStateError> {
        self.core.store().clear_upload_state(key).map_err(state_error)
    }
}

fn state_error(error: impl std::fmt::Display) -> UploadStateError {
    UploadStateError(error.to_string())
}

/// Size and modification time: when they match what was recorded for a key, the file there is
/// the one already checked, and is not read again.
fn stamp(path: &Path) -> Result<String, SyncError> {
    let meta = std::fs::metadata(path).map_err(|source| missing(path, source))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!("{}:{modified}", meta.len()))
}

/// The file's content hash: what tells whether the cloud already has this file at a key. By
/// content, not by path, because a storybook's video is a copy of its run's video and the two
/// must not be uploaded twice.
async fn fingerprint(path: &Path) -> Result<String, SyncError> {
    let owned = path.to_path_buf();
    let hashed = tokio::task::spawn_blocking(move || -> std::io::Result<String> {
        use sha2::Digest;
        use std::io::Read;
        let mut file = std::fs::File::open(&owned)?;
        let mut hasher = sha2::Sha256::new();
        let mut buffer = vec![0_u8; 1 << 20];
        loop {
            let read = file.read(&mut buffer)?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
        Ok(hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect())
    })
    .await
    .map_err(|e| SyncError::BadRecord(format!("the file check stopped: {e}")))?;
    hashed.map(|hex| format!("sha256:{hex}")).map_err(|source| missing(path, source))
}

fn missing(path: &Path, source: std::io::Error) -> SyncError {
    SyncError::BadRecord(format!("{} is missing from this computer ({source})", path.display()))
}

impl SyncEngine {
    /// Uploads `path` to `key` unless the same file was uploaded there already.
    pub(crate) async fn upload_if_changed(
        &self,
        owner: &str,
        key: &RelativeKey,
        path: &Path,
    ) -> Result<(), SyncError> {
        let store = self.core.store();
        let stamp = stamp(path)?;
        let recorded = store.cloud_object(owner, key.as_str())?;
        if recorded.as_ref().is_some_and(|(_, seen)| *seen == stamp) {
            return Ok(());
        }
        let print = fingerprint(path).await?;
        if recorded.is_some_and(|(uploaded, _)| uploaded == print) {
            store.record_cloud_object(owner, key.as_str(), &print, &stamp)?;
            return Ok(());
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let control = self.current_control();
        let state = StoreUploadState { core: &self.core };
        let progress = |progress| self.note_transfer(Some((key.as_str(), progress)));
        let outcome = self
            .transfers
            .upload_file(key.as_str(), path, keys::content_type(ext), &control, &state, &progress)
            .await;
        self.note_transfer(None);
        match outcome? {
            UploadOutcome::Paused { .. } => Err(SyncError::Paused),
            UploadOutcome::Completed(_) => {
                store.record_cloud_object(owner, key.as_str(), &print, &stamp)?;
                Ok(())
            }
        }
    }

    /// Downloads `key` to `dest` (whole, or not at all).
    pub(crate) async fn download(&self, key: &RelativeKey, dest: &Path) -> Result<(), SyncError> {
        let progress = |_| {};
        self.transfers.download_file(key.as_str(), dest, &progress).await?;
        Ok(())
    }

    /// Deletes the objects under each prefix and forgets that they were uploaded.
    pub(crate) async fn delete_under(&self, owner: &str, prefixes: &[RelativeKey]) -> Result<(), SyncError> {
        for prefix in prefixes {
            self.transfers.delete_objects_under(prefix.as_str()).await?;
            self.core.store().forget_cloud_objects(owner, prefix.as_str())?;
        }
        Ok(())
    }
}
