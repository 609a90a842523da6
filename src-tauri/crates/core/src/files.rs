//! Writing files so that a killed process leaves either the old file or the new one, never half,
//! and so that what the app writes is readable by this user only.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::CoreError;

/// A sibling temp path in the same folder (so the final rename stays on one filesystem), named
/// as a partial file of this process (see `partial_files`).
pub fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(partial_files::partial_name(&name))
}

/// Creates `path` (which must not exist) for writing, with owner-only permissions.
fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Writes `bytes` to a temp file, flushes it to disk, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    let temp = temp_sibling(path);
    let result = (|| {
        let mut file = create_private(&temp)?;
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

/// Renames a finished file or folder within one folder, making the rename durable.
pub fn rename_into_place(from: &Path, to: &Path) -> Result<(), CoreError> {
    fs::rename(from, to).map_err(|source| CoreError::io("move", to, source))?;
    sync_parent(to);
    Ok(())
}

/// Copies a file to `to` through a temp file, so `to` is either absent or complete.
pub fn copy_atomic(from: &Path, to: &Path) -> Result<(), CoreError> {
    let temp = temp_sibling(to);
    copy_private(from, &temp).and_then(|_| fs::rename(&temp, to)).map_err(|source| {
        let _ = fs::remove_file(&temp);
        CoreError::io("copy", to, source)
    })?;
    sync_parent(to);
    Ok(())
}

/// True when both files can be read and hold the same bytes.
pub fn same_contents(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(meta_a), Ok(meta_b)) = (fs::metadata(a), fs::metadata(b)) else { return false };
    if meta_a.len() != meta_b.len() {
        return false;
    }
    let (Ok(file_a), Ok(file_b)) = (fs::File::open(a), fs::File::open(b)) else { return false };
    let (mut reader_a, mut reader_b) = (std::io::BufReader::new(file_a), std::io::BufReader::new(file_b));
    let (mut chunk_a, mut chunk_b) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let Ok(read) = reader_a.read(&mut chunk_a) else { return false };
        if read == 0 {
            return true;
        }
        if reader_b.read_exact(&mut chunk_b[..read]).is_err() || chunk_a[..read] != chunk_b[..read] {
            return false;
        }
    }
}

/// Removes a file or a whole folder; one that is already gone is fine.
pub fn remove_if_present(path: &Path) -> std::io::Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(error) => Err(error),
    };
    match removed {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Copies `from` into the new file `to` (owner-only) and flushes it to disk.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = File::open(from)?;
    let mut target = create_private(to)?;
    std::io::copy(&mut source, &mut target)?;
    target.sync_all()
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

    #[cfg(unix)]
    #[test]
    fn written_and_copied_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("temp dir");
        let source = tmp.path().join("shared.txt");
        fs::write(&source, b"from elsewhere").expect("write");
        fs::set_permissions(&source, fs::Permissions::from_mode(0o644)).expect("chmod");
        write_atomic(&tmp.path().join("a.txt"), b"one").expect("write");
        copy_atomic(&source, &tmp.path().join("b.txt")).expect("copy");
        for name in ["a.txt", "b.txt"] {
            let mode = fs::metadata(tmp.path().join(name)).expect("exists").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{name}");
        }
    }
}
