//! Listing and removing a family's objects by prefix: what deleting a storybook or a whole
//! account needs. Prefixes are checked here, before any call, so that no prefix can reach past
//! the family's own `<identity-id>/`.

use super::s3_calls::{FamilyBucket, DELETE_BATCH};
use crate::error::CloudError;

/// Checks a prefix relative to the family's folder: empty, or path segments without `..`, without
/// a leading `/` and without empty segments (a trailing `/` is fine: `videos/`).
pub(crate) fn check_relative_prefix(relative_prefix: &str) -> Result<(), CloudError> {
    let inner = relative_prefix.strip_suffix('/').unwrap_or(relative_prefix);
    let leaves = relative_prefix.starts_with('/')
        || (!relative_prefix.is_empty() && inner.split('/').any(|part| part == ".." || part.is_empty()));
    if leaves {
        return Err(CloudError::InvalidInput(format!("\"{relative_prefix}\" is not a valid storage path")));
    }
    Ok(())
}

/// Every key under `prefix` (a full prefix), following the pages.
pub(crate) async fn list_keys(bucket: &FamilyBucket, prefix: &str) -> Result<Vec<String>, CloudError> {
    let mut keys = Vec::new();
    let mut token = None;
    loop {
        let (page, next) = bucket.list_page(prefix, token).await?;
        keys.extend(page);
        match next {
            Some(next) => token = Some(next),
            None => return Ok(keys),
        }
    }
}

/// Aborts the multipart uploads in progress under `prefix` (a full prefix), then deletes every
/// object under it, a page at a time; answers how many objects were deleted.
pub(crate) async fn delete_under(bucket: &FamilyBucket, prefix: &str) -> Result<u64, CloudError> {
    // The family's IAM role cannot list unfinished uploads by prefix (S3 has no prefix condition
    // for that), so where it is refused they are left to the bucket's lifecycle rule, which
    // aborts them after 7 days; the upload in progress is aborted by its own cancel.
    let uploads = match bucket.list_uploads(prefix).await {
        Ok(uploads) => uploads,
        Err(err) if matches!(err.code(), Some("AccessDenied" | "AccessDeniedException")) => {
            tracing::info!("unfinished uploads cannot be listed; the bucket's lifecycle rule aborts them");
            Vec::new()
        }
        Err(err) => return Err(err.into()),
    };
    for upload in &uploads {
        bucket.abort(upload).await?;
    }
    if !uploads.is_empty() {
        tracing::info!(count = uploads.len(), "aborted unfinished uploads before deleting");
    }
    let mut deleted = 0;
    loop {
        // Deleting the listed page moves the listing on, so each round starts from the top.
        let (page, next) = bucket.list_page(prefix, None).await?;
        for batch in page.chunks(DELETE_BATCH) {
            deleted += bucket.delete_batch(batch).await?;
        }
        if page.is_empty() || next.is_none() {
            return Ok(deleted);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_file_name_beginnings_are_valid_prefixes() {
        for prefix in ["videos", "videos/", "images/run-1_scene_", "a/b/c/", ""] {
            assert!(check_relative_prefix(prefix).is_ok(), "{prefix:?}");
        }
    }

    #[test]
    fn prefixes_that_could_leave_the_family_folder_are_refused() {
        for prefix in ["/", "/videos", "..", "../", "../other-family/", "videos/../../x", "videos//x", "//"] {
            let err = check_relative_prefix(prefix).expect_err(prefix);
            assert_eq!(err.code(), "invalid_input", "{prefix:?}");
        }
    }
}
