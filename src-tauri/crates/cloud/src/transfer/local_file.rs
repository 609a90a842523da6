//! The file being uploaded, read a range at a time and never whole: its identity (size and
//! modification time, to tell whether a resumed upload still matches it), the CRC32 of a range,
//! and a range as a request body streamed from disk.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use aws_sdk_s3::primitives::{ByteStream, Length};
use base64::Engine;

use crate::error::CloudError;

/// Reads from disk go in blocks of this size.
const READ_BLOCK: usize = 256 * 1024;

/// What tells one version of a file from another without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub(crate) size: u64,
    pub(crate) modified_unix_ns: u64,
}

fn local_error(path: &Path, what: &str, err: impl std::fmt::Display) -> CloudError {
    CloudError::LocalFile(format!("{} {what} ({err})", path.display()))
}

async fn blocking<T: Send + 'static>(
    path: &Path,
    work: impl FnOnce(PathBuf) -> Result<T, CloudError> + Send + 'static,
) -> Result<T, CloudError> {
    let owned = path.to_path_buf();
    tokio::task::spawn_blocking(move || work(owned))
        .await
        .map_err(|err| local_error(path, "could not be read", err))?
}

/// The size and modification time of the file at `path`; refuses anything but a regular file.
pub(crate) async fn stamp(path: &Path) -> Result<FileStamp, CloudError> {
    blocking(path, |path| {
        let meta = std::fs::metadata(&path).map_err(|err| local_error(&path, "could not be read", err))?;
        if !meta.is_file() {
            return Err(CloudError::LocalFile(format!("{} is not a file", path.display())));
        }
        let modified = meta.modified().map_err(|err| local_error(&path, "has no modification time", err))?;
        let modified_unix_ns = modified
            .duration_since(UNIX_EPOCH)
            .map(|since| u64::try_from(since.as_nanos()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        Ok(FileStamp { size: meta.len(), modified_unix_ns })
    })
    .await
}

/// The CRC32 of `length` bytes from `offset`, base64 of its four big-endian bytes as S3 wants it.
pub(crate) async fn crc32_of_range(path: &Path, offset: u64, length: u64) -> Result<String, CloudError> {
    blocking(path, move |path| {
        let mut file =
            std::fs::File::open(&path).map_err(|err| local_error(&path, "could not be opened", err))?;
        file.seek(SeekFrom::Start(offset)).map_err(|err| local_error(&path, "could not be read", err))?;
        let mut hasher = crc32fast::Hasher::new();
        let mut block = vec![0_u8; READ_BLOCK];
        let mut left = length;
        while left > 0 {
            let want = usize::try_from(left).unwrap_or(usize::MAX).min(block.len());
            let read =
                file.read(&mut block[..want]).map_err(|err| local_error(&path, "could not be read", err))?;
            if read == 0 {
                return Err(CloudError::LocalFile(format!(
                    "{} got shorter while it was being uploaded",
                    path.display()
                )));
            }
            hasher.update(&block[..read]);
            left -= read as u64;
        }
        Ok(crc32_header(hasher.finalize()))
    })
    .await
}

/// S3's spelling of a CRC32: base64 of the big-endian bytes.
pub(crate) fn crc32_header(crc: u32) -> String {
    base64::engine::general_purpose::STANDARD.encode(crc.to_be_bytes())
}

/// `length` bytes from `offset` as a body streamed from disk (and re-read if the call is retried).
pub(crate) async fn range_body(
    path: &Path,
    offset: u64,
    length: u64,
) -> Result<ByteStream, aws_smithy_types::byte_stream::error::Error> {
    ByteStream::read_from()
        .path(path)
        .offset(offset)
        .length(Length::Exact(length))
        .buffer_size(READ_BLOCK)
        .build()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_spelled_as_s3_spells_it() {
        // CRC32 of "123456789" is 0xCBF43926.
        assert_eq!(crc32_header(crc32fast::hash(b"123456789")), "y/Q5Jg==");
    }

    #[tokio::test]
    async fn the_crc_of_a_range_is_the_crc_of_those_bytes_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("drawing.png");
        let bytes: Vec<u8> = (0..700_000_u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).expect("write");
        let crc = crc32_of_range(&path, 300_000, 300_001).await.expect("crc");
        assert_eq!(crc, crc32_header(crc32fast::hash(&bytes[300_000..600_001])));
    }

    #[tokio::test]
    async fn a_range_past_the_end_says_the_file_got_shorter() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("short.bin");
        std::fs::write(&path, [1_u8; 10]).expect("write");
        let err = crc32_of_range(&path, 5, 10).await.expect_err("only 5 bytes left");
        assert_eq!(err.code(), "local_file");
        assert!(err.to_string().contains("got shorter"), "{err}");
    }

    #[tokio::test]
    async fn a_folder_or_a_missing_file_is_refused_with_its_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = stamp(dir.path()).await.expect_err("a folder");
        assert!(err.to_string().contains("is not a file"), "{err}");
        let missing = dir.path().join("gone.mp4");
        let err = stamp(&missing).await.expect_err("missing");
        assert_eq!(err.code(), "local_file");
        assert!(err.to_string().contains("gone.mp4"), "{err}");
    }
}
