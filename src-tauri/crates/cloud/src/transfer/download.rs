//! An object from S3 to a file, written beside its destination under a temporary name and
//! renamed into place only when whole: whatever stops a download (a lost connection, a crash,
//! the app closing) never leaves half a file where the whole one is expected.

use std::path::Path;
use std::time::Instant;

use tokio::io::AsyncWriteExt;

use super::progress::{ProgressMeter, TransferProgress};
use super::s3_calls::FamilyBucket;
use crate::error::CloudError;

fn local_error(path: &Path, what: &str, err: impl std::fmt::Display) -> CloudError {
    CloudError::LocalFile(format!("{} {what} ({err})", path.display()))
}

/// Downloads `key` to `dest`; answers the number of bytes written.
pub(crate) async fn download(
    bucket: &FamilyBucket,
    key: &str,
    dest: &Path,
    progress: &(dyn Fn(TransferProgress) + Send + Sync),
) -> Result<u64, CloudError> {
    let name = dest
        .file_name()
        .ok_or_else(|| CloudError::InvalidInput(format!("{} is not a file name", dest.display())))?;
    let folder = match dest.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    tokio::fs::create_dir_all(folder)
        .await
        .map_err(|err| local_error(folder, "could not be created", err))?;

    let object = bucket.get_object(key).await.map_err(CloudError::from)?;
    let expected = object.content_length().and_then(|length| u64::try_from(length).ok());
    let mut body = object.body;

    // Dropped (and so deleted) on every way out but the rename.
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(".download")
        .tempfile_in(folder)
        .map_err(|err| local_error(folder, "has no room for a temporary file", err))?;
    let handle =
        temp.as_file().try_clone().map_err(|err| local_error(temp.path(), "could not be opened", err))?;
    let mut file = tokio::fs::File::from_std(handle);

    let mut meter = ProgressMeter::new(progress, expected.unwrap_or(0), 0, Instant::now());
    meter.report_now(Instant::now());
    let mut written = 0_u64;
    while let Some(chunk) =
        body.try_next().await.map_err(|err| CloudError::Network { detail: err.to_string() })?
    {
        file.write_all(&chunk).await.map_err(|err| local_error(temp.path(), "could not be written", err))?;
        written += chunk.len() as u64;
        meter.advance(chunk.len() as u64);
        meter.report_paced(Instant::now());
    }
    if expected.is_some_and(|expected| expected != written) {
        return Err(CloudError::Network {
            detail: format!("the download of {key} stopped after {written} bytes"),
        });
    }
    file.flush().await.map_err(|err| local_error(temp.path(), "could not be written", err))?;
    file.sync_all().await.map_err(|err| local_error(temp.path(), "could not be written", err))?;
    drop(file);
    temp.persist(dest).map_err(|err| local_error(dest, "could not be put in place", err.error))?;
    meter.report_now(Instant::now());
    Ok(written)
}
