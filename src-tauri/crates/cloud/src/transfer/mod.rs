//! Moving the family's files to and from S3: resumable multipart uploads with pause and cancel,
//! downloads that never leave half a file, and removal by prefix. Everything takes keys relative
//! to the family's `<identity-id>/` folder and checks them before any call.

mod control;
mod download;
mod local_file;
pub mod part_plan;
mod progress;
mod removal;
mod resume;
mod s3_calls;
mod state_store;
mod upload;

use std::path::Path;

pub use control::UploadControl;
pub use progress::{TransferProgress, REPORT_INTERVAL};
pub use resume::{MultipartState, SentPart};
pub use state_store::{FileUploadState, MemoryUploadState, UploadStateError, UploadStateStore};
pub use upload::{UploadOutcome, UploadReport};

use crate::clients::CloudClients;
use crate::error::CloudError;
use s3_calls::FamilyBucket;
use upload::UploadJob;

/// Transfers for the signed-in family.
#[derive(Debug, Clone)]
pub struct Transfers {
    clients: CloudClients,
    bucket: FamilyBucket,
    parts_in_flight: usize,
}

impl Transfers {
    /// Parts of one upload sent at the same time unless told otherwise.
    pub const DEFAULT_PARTS_IN_FLIGHT: usize = 4;

    pub fn new(clients: &CloudClients) -> Self {
        Self {
            clients: clients.clone(),
            bucket: FamilyBucket::new(clients),
            parts_in_flight: Self::DEFAULT_PARTS_IN_FLIGHT,
        }
    }

    /// Sends up to `parts` parts of an upload at the same time (at least one).
    pub fn with_parts_in_flight(mut self, parts: usize) -> Self {
        self.parts_in_flight = parts.max(1);
        self
    }

    /// Uploads the file at `path` to `<identity-id>/<relative_key>`, resuming the upload noted
    /// in `store` when the file is unchanged. `progress` hears after parts and at the end, at
    /// most about ten times a second.
    pub async fn upload_file(
        &self,
        relative_key: &str,
        path: &Path,
        content_type: &str,
        control: &UploadControl,
        store: &dyn UploadStateStore,
        progress: &(dyn Fn(TransferProgress) + Send + Sync),
    ) -> Result<UploadOutcome, CloudError> {
        let key = self.clients.object_key(relative_key).await?;
        UploadJob {
            bucket: &self.bucket,
            key,
            path,
            content_type,
            parts_in_flight: self.parts_in_flight,
            control,
            store,
            progress,
        }
        .run()
        .await
    }

    /// Downloads `<identity-id>/<relative_key>` to `dest` (replacing it only once the download is
    /// whole); answers the number of bytes written.
    pub async fn download_file(
        &self,
        relative_key: &str,
        dest: &Path,
        progress: &(dyn Fn(TransferProgress) + Send + Sync),
    ) -> Result<u64, CloudError> {
        let key = self.clients.object_key(relative_key).await?;
        download::download(&self.bucket, &key, dest, progress).await
    }

    /// The keys under `<identity-id>/<relative_prefix>`, relative to the family's folder (an empty
    /// prefix lists everything of the family).
    pub async fn list_keys(&self, relative_prefix: &str) -> Result<Vec<String>, CloudError> {
        removal::check_relative_prefix(relative_prefix)?;
        let family = self.clients.family_prefix().await?;
        let keys = removal::list_keys(&self.bucket, &format!("{family}{relative_prefix}")).await?;
        Ok(keys.into_iter().filter_map(|key| key.strip_prefix(&family).map(str::to_owned)).collect())
    }

    /// Deletes every object under `<identity-id>/<relative_prefix>` and aborts the uploads in
    /// progress there; answers how many objects were deleted. The prefix may not be empty: see
    /// [`Transfers::delete_everything_of_this_family`].
    pub async fn delete_objects_under(&self, relative_prefix: &str) -> Result<u64, CloudError> {
        if relative_prefix.is_empty() {
            return Err(CloudError::InvalidInput(
                "an empty prefix would delete everything of the family".into(),
            ));
        }
        removal::check_relative_prefix(relative_prefix)?;
        let family = self.clients.family_prefix().await?;
        removal::delete_under(&self.bucket, &format!("{family}{relative_prefix}")).await
    }

    /// Deletes every object of the signed-in family and aborts its uploads in progress (for
    /// deleting the account); answers how many objects were deleted.
    pub async fn delete_everything_of_this_family(&self) -> Result<u64, CloudError> {
        let family = self.clients.family_prefix().await?;
        removal::delete_under(&self.bucket, &family).await
    }
}
