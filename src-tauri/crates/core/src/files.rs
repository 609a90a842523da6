//! Writing files so that a killed process leaves either the old file or the new one, never half.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::CoreError;

/// A sibling temp path in the same folder (so the final rename stays on one filesystem).
pub fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.partial", uuid::Uuid::new_v4().simple()))
}

/// Writes `bytes` to a temp file, flushes it to disk, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    let temp = temp_sibling(path);
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        sync_parent(path);
        Ok(())
    })();
    result.map_err(|source| {
        let _ = fs::remove_file(&temp);
        CoreError::io("save", path, source)
    })
}

/// Moves a finished file into place (same filesystem), making the rename durable.
pub fn move_into_place(from: &Path, to: &Path) -> Result<(), CoreError> {
    if let Err(source) = fs::rename(from, to) {
        // Across filesystems a rename fails; copy then rename within the target folder.
        let temp = temp_sibling(to);
        fs::copy(from, &temp)
            .and_then(|_| File::open(&temp)?.sync_all())
            .and_then(|_| fs::rename(&temp, to))
            .map_err(|_| {
                let _ = fs::remove_file(&temp);
                CoreError::io("move", to, source)
            })?;
        let _ = fs::remove_file(from);
    }
    sync_parent(to);
    Ok(())
}

/// Copies a file to `to` through a temp file, so `to` is either absent or complete.
pub fn copy_atomic(from: &Path, to: &Path) -> Result<(), CoreError> {
    let temp = temp_sibling(to);
    fs::copy(from, &temp)
        .and_then(|_| File::open(&temp)?.sync_all())
        .and_then(|_| fs::rename(&temp, to))
        .map_err(|source| {
            let _ = fs::remove_file(&temp);
            CoreError::io("copy", to, source)
        })?;
    sync_parent(to);
    Ok(())
}

/// Removes leftovers of writes a killed process never finished.
pub fn remove_partials(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".partial") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
}

#[cfg(not(unix))]
fn sync_parent(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let target = tmp.path().join("a.txt");
        write_atomic(&target, b"one").expect("first write");
        write_atomic(&target, b"two").expect("second write");
        assert_eq!(fs::read(&target).expect("read"), b"two");
        let names: Vec<_> =
            fs::read_dir(tmp.path()).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "only the target remains: {names:?}");
    }

    #[test]
    fn leftover_partials_are_removed() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let leftover = temp_sibling(&tmp.path().join("video.mp4"));
        fs::write(&leftover, b"half").expect("write");
        fs::write(tmp.path().join("keep.mp4"), b"whole").expect("write");
        remove_partials(tmp.path());
        assert!(!leftover.exists());
        assert!(tmp.path().join("keep.mp4").exists());
    }
}
