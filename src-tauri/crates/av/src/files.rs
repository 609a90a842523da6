//! Output files appear at their final path only when complete: they are written under a
//! temporary name in the same folder and renamed into place, readable like any file the app saves.

use std::path::{Path, PathBuf};

use tempfile::TempPath;

use crate::AvError;

/// `path` made absolute (ffmpeg may run in another working directory).
pub(crate) fn absolute(path: &Path) -> Result<PathBuf, AvError> {
    std::path::absolute(path).map_err(|error| AvError::io("find the file", path, error))
}

/// The folder `out` goes in, created if missing.
pub(crate) fn output_dir(out: &Path) -> Result<PathBuf, AvError> {
    let dir = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).map_err(|error| AvError::io("create the output folder", &dir, error))?;
    Ok(dir)
}

/// A temporary file beside the output (removed again unless published).
pub(crate) fn partial_beside(dir: &Path, prefix: &str, suffix: &str) -> Result<TempPath, AvError> {
    tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .tempfile_in(dir)
        .map(|file| file.into_temp_path())
        .map_err(|error| AvError::io("create a temporary file", dir, error))
}

/// Renames the finished temporary file to `out`, with ordinary read permissions.
pub(crate) fn publish(partial: TempPath, out: &Path) -> Result<(), AvError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o644))
            .map_err(|error| AvError::io("save the file", out, error))?;
    }
    partial.persist(out).map_err(|error| AvError::io("save the file", out, error.error))
}

/// A concat-demuxer `file` line for `path`: `file:` keeps a name like `a:b.mp4` from reading as
/// a protocol, and a quote in the name closes, escapes, and reopens the quoting.
pub(crate) fn concat_entry(path: &Path) -> String {
    let text = format!("file:{}", path.to_string_lossy());
    format!("file '{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_in_paths_survive_the_concat_list() {
        assert_eq!(concat_entry(Path::new("/tmp/it's.mp4")), r"file 'file:/tmp/it'\''s.mp4'");
    }
}
