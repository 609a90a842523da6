//! Output files appear at their final path only when complete: they are written under a
//! temporary name in the same folder and renamed into place. A family's videos, voices and
//! stories are theirs alone, so on Unix what av writes is readable by the user only (files 0o600,
//! folders 0o700).

use std::path::{Path, PathBuf};

use tempfile::TempPath;

use crate::AvError;

/// `path` made absolute (ffmpeg may run in another working directory).
pub(crate) fn absolute(path: &Path) -> Result<PathBuf, AvError> {
    std::path::absolute(path).map_err(|error| AvError::io("find the file", path, error))
}

/// The folder `out` goes in, created (private) if missing.
pub(crate) fn output_dir(out: &Path) -> Result<PathBuf, AvError> {
    let dir = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    create_private_dir_all(&dir).map_err(|error| AvError::io("create the output folder", &dir, error))?;
    Ok(dir)
}

/// `dir` and any missing parents, each one created readable by the user only; folders already
/// there keep their permissions.
pub(crate) fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes `bytes` to `path` (replacing it), readable by the user only.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    // A file that was already there keeps its old mode through `open`.
    make_private(&file)?;
    file.write_all(bytes)
}

fn make_private(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// A temporary file beside the output (removed again unless published), named as a partial file
/// of this process (`.<prefix><random><extension>.<pid>.part`), so another process using the
/// same folder leaves it alone while this one lives and sweeps it if this one is killed.
pub(crate) fn partial_beside(dir: &Path, prefix: &str, extension: &str) -> Result<TempPath, AvError> {
    tempfile::Builder::new()
        .prefix(prefix)
        .suffix(&partial_files::partial_suffix(extension))
        .tempfile_in(dir)
        .map(|file| file.into_temp_path())
        .map_err(|error| AvError::io("create a temporary file", dir, error))
}

/// Renames the finished temporary file to `out`, readable by the user only.
pub(crate) fn publish(partial: TempPath, out: &Path) -> Result<(), AvError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o600))
            .map_err(|error| AvError::io("save the file", out, error))?;
    }
    partial.persist(out).map_err(|error| AvError::io("save the file", out, error.error))
}

/// A concat-demuxer `file` line for `path`: `file:` keeps a name like `a:b.mp4` from reading as
/// a protocol, and a quote in the name closes, escapes, and reopens the quoting. A line break
/// would end the line and start a directive of its own, so such a name is refused.
pub(crate) fn concat_entry(path: &Path) -> Result<String, AvError> {
    let text = format!("file:{}", path.to_string_lossy());
    if text.contains(['\n', '\r']) {
        return Err(AvError::UnusableFileName { path: path.to_path_buf() });
    }
    Ok(format!("file '{}'", text.replace('\'', r"'\''")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_in_paths_survive_the_concat_list() {
        let entry = concat_entry(Path::new("/tmp/it's.mp4")).expect("a quote is fine");
        assert_eq!(entry, r"file 'file:/tmp/it'\''s.mp4'");
    }

    #[test]
    fn a_line_break_in_a_path_is_refused_instead_of_starting_a_directive() {
        for name in ["/tmp/a\nfile '/etc/passwd'.mp4", "/tmp/a\rinpoint 9.mp4", "/tmp/runs\n/clip.mp4"] {
            let error = concat_entry(Path::new(name)).expect_err(name);
            assert_eq!(error.code(), "unusable_file_name", "{name:?}");
            assert!(matches!(&error, AvError::UnusableFileName { path } if path == Path::new(name)));
        }
    }

    #[cfg(unix)]
    #[test]
    fn what_av_writes_and_the_folders_it_makes_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).expect("exists").permissions().mode() & 0o777;
        let dir = tempfile::tempdir().expect("temp dir");
        let nested = dir.path().join("runs").join("one");
        create_private_dir_all(&nested).expect("folders");
        assert_eq!((mode(&dir.path().join("runs")), mode(&nested)), (0o700, 0o700));

        let existing = nested.join("voice.wav");
        std::fs::write(&existing, b"old").expect("write");
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        write_private(&existing, b"new").expect("replace");
        assert_eq!((std::fs::read(&existing).expect("read"), mode(&existing)), (b"new".to_vec(), 0o600));

        let out = nested.join("video.mp4");
        let partial = partial_beside(&nested, ".video-", ".mp4").expect("partial");
        std::fs::write(&partial, b"video").expect("write");
        publish(partial, &out).expect("publish");
        assert_eq!(mode(&out), 0o600);
    }

    #[test]
    fn partial_files_name_the_process_writing_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let partial = partial_beside(dir.path(), ".clip-", ".mp4").expect("partial");
        let name = partial.file_name().expect("name").to_string_lossy().into_owned();
        assert!(name.starts_with(".clip-") && partial_files::is_partial(&name), "{name}");
        assert_eq!(partial_files::writer_of(&name), Some(std::process::id()));
    }
}
