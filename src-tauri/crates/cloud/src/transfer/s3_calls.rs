//! Every S3 call the transfers make, in one place so that each goes through
//! [`with_credential_retry`] (credentials that expire mid-transfer are refreshed and the call is
//! tried once more) and answers an [`ApiError`] the caller can still look into (NoSuchUpload is
//! an answer, not a failure, while resuming).

use std::path::Path;
use std::sync::Arc;

use aws_sdk_s3::operation::get_object::GetObjectOutput;
use aws_sdk_s3::types::{
    ChecksumAlgorithm, CompletedMultipartUpload, CompletedPart, Delete, ObjectIdentifier,
};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::timeout::TimeoutConfig;

use super::local_file::range_body;
use super::resume::{SentPart, ServerPart};
use crate::clients::CloudClients;
use crate::error::{api_error, ApiError};
use crate::identity::{with_credential_retry, IdentityCredentials};

/// DeleteObjects takes at most this many keys.
pub(crate) const DELETE_BATCH: usize = 1000;

/// The family's bucket with the clients that reach it; cheap to clone into a part's task.
#[derive(Debug, Clone)]
pub(crate) struct FamilyBucket {
    s3: aws_sdk_s3::Client,
    credentials: IdentityCredentials,
    bucket: Arc<str>,
}

/// An object key and the upload it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingUpload {
    pub(crate) key: String,
    pub(crate) upload_id: String,
}

impl FamilyBucket {
    pub(crate) fn new(clients: &CloudClients) -> Self {
        Self {
            s3: clients.s3().clone(),
            credentials: clients.credentials().clone(),
            bucket: Arc::from(clients.bucket()),
        }
    }

    /// A call that carries a file's bytes takes as long as the connection needs: the client's
    /// per-call time limits (sized for small requests) are lifted, the connect timeout stays,
    /// and the SDK's stalled-stream protection still stops a transfer that no longer moves.
    fn long_body_config(&self) -> aws_sdk_s3::config::Builder {
        let mut timeouts =
            TimeoutConfig::builder().disable_operation_timeout().disable_operation_attempt_timeout();
        if let Some(connect) = self.s3.config().timeout_config().and_then(TimeoutConfig::connect_timeout) {
            timeouts = timeouts.connect_timeout(connect);
        }
        aws_sdk_s3::config::Builder::default().timeout_config(timeouts.build())
    }

    /// PutObject of a whole (small) file, streamed from disk, with its CRC32 for S3 to check.
    pub(crate) async fn put_file(
        &self,
        key: &str,
        path: &Path,
        size: u64,
        content_type: &str,
        crc32: &str,
    ) -> Result<(), ApiError> {
        with_credential_retry(&self.credentials, || async {
            let body = range_body(path, 0, size).await.map_err(SdkError::construction_failure)?;
            self.s3
                .put_object()
                .bucket(&*self.bucket)
                .key(key)
                .content_type(content_type)
                .content_length(i64::try_from(size).unwrap_or(i64::MAX))
                .checksum_algorithm(ChecksumAlgorithm::Crc32)
                .checksum_crc32(crc32)
                .body(body)
                .customize()
                .config_override(self.long_body_config())
                .send()
                .await
        })
        .await
        .map_err(api_error)?;
        Ok(())
    }

    /// Starts a multipart upload whose parts each carry a CRC32; answers its upload id.
    pub(crate) async fn create_multipart(&self, key: &str, content_type: &str) -> Result<String, ApiError> {
        let out = with_credential_retry(&self.credentials, || {
            self.s3
                .create_multipart_upload()
                .bucket(&*self.bucket)
                .key(key)
                .content_type(content_type)
                .checksum_algorithm(ChecksumAlgorithm::Crc32)
                .send()
        })
        .await
        .map_err(api_error)?;
        out.upload_id()
            .map(str::to_owned)
            .ok_or_else(|| ApiError::Other("CreateMultipartUpload answered without an upload id".into()))
    }

    /// Sends one part, streamed from its range of the file; answers its ETag.
    pub(crate) async fn upload_part(
        &self,
        upload: &PendingUpload,
        number: u32,
        path: &Path,
        offset: u64,
        length: u64,
        crc32: &str,
    ) -> Result<String, ApiError> {
        let part_number = i32::try_from(number).map_err(|_| ApiError::Other(format!("part {number}")))?;
        let out = with_credential_retry(&self.credentials, || async {
            let body = range_body(path, offset, length).await.map_err(SdkError::construction_failure)?;
            self.s3
                .upload_part()
                .bucket(&*self.bucket)
                .key(&upload.key)
                .upload_id(&upload.upload_id)
                .part_number(part_number)
                .content_length(i64::try_from(length).unwrap_or(i64::MAX))
                .checksum_algorithm(ChecksumAlgorithm::Crc32)
                .checksum_crc32(crc32)
                .body(body)
                .customize()
                .config_override(self.long_body_config())
                .send()
                .await
        })
        .await
        .map_err(api_error)?;
        out.e_tag()
            .map(str::to_owned)
            .ok_or_else(|| ApiError::Other(format!("UploadPart {number} answered without an ETag")))
    }

    /// Every part S3 holds for `upload`, following the pages.
    pub(crate) async fn list_parts(&self, upload: &PendingUpload) -> Result<Vec<ServerPart>, ApiError> {
        let mut parts = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let out = with_credential_retry(&self.credentials, || {
                self.s3
                    .list_parts()
                    .bucket(&*self.bucket)
                    .key(&upload.key)
                    .upload_id(&upload.upload_id)
                    .set_part_number_marker(marker.clone())
                    .send()
            })
            .await
            .map_err(api_error)?;
            for part in out.parts() {
                let (Some(number), Some(etag)) = (part.part_number(), part.e_tag()) else { continue };
                let Ok(number) = u32::try_from(number) else { continue };
                parts.push(ServerPart {
                    number,
                    etag: etag.to_owned(),
                    size: part.size().and_then(|size| u64::try_from(size).ok()).unwrap_or(0),
                    checksum_crc32: part.checksum_crc32().map(str::to_owned),
                });
            }
            let next = out.next_part_number_marker().map(str::to_owned);
            if out.is_truncated() != Some(true) || next.is_none() || next == marker {
                return Ok(parts);
            }
            marker = next;
        }
    }

    /// Joins the parts, in part order, into the object.
    pub(crate) async fn complete(&self, upload: &PendingUpload, parts: &[SentPart]) -> Result<(), ApiError> {
        let mut ordered: Vec<&SentPart> = parts.iter().collect();
        ordered.sort_by_key(|part| part.number);
        let completed: Vec<CompletedPart> = ordered
            .into_iter()
            .map(|part| {
                CompletedPart::builder()
                    .part_number(i32::try_from(part.number).unwrap_or(i32::MAX))
                    .e_tag(&part.etag)
                    .checksum_crc32(&part.checksum_crc32)
                    .build()
            })
            .collect();
        let body = CompletedMultipartUpload::builder().set_parts(Some(completed)).build();
        with_credential_retry(&self.credentials, || {
            self.s3
                .complete_multipart_upload()
                .bucket(&*self.bucket)
                .key(&upload.key)
                .upload_id(&upload.upload_id)
                .multipart_upload(body.clone())
                .send()
        })
        .await
        .map_err(api_error)?;
        Ok(())
    }

    /// Throws the upload and its parts away; an upload S3 no longer knows is already gone.
    pub(crate) async fn abort(&self, upload: &PendingUpload) -> Result<(), ApiError> {
        let aborted = with_credential_retry(&self.credentials, || {
            self.s3
                .abort_multipart_upload()
                .bucket(&*self.bucket)
                .key(&upload.key)
                .upload_id(&upload.upload_id)
                .send()
        })
        .await
        .map_err(api_error);
        match aborted {
            Ok(_) => Ok(()),
            Err(err) if err.code() == Some("NoSuchUpload") => Ok(()),
            Err(err) => Err(err),
        }
    }

    pub(crate) async fn get_object(&self, key: &str) -> Result<GetObjectOutput, ApiError> {
        with_credential_retry(&self.credentials, || {
            self.s3.get_object().bucket(&*self.bucket).key(key).send()
        })
        .await
        .map_err(api_error)
    }

    /// One page (up to 1,000) of the keys under `prefix`, and the token of the next page.
    pub(crate) async fn list_page(
        &self,
        prefix: &str,
        token: Option<String>,
    ) -> Result<(Vec<String>, Option<String>), ApiError> {
        let out = with_credential_retry(&self.credentials, || {
            self.s3
                .list_objects_v2()
                .bucket(&*self.bucket)
                .prefix(prefix)
                .set_continuation_token(token.clone())
                .send()
        })
        .await
        .map_err(api_error)?;
        let keys = out.contents().iter().filter_map(|object| object.key().map(str::to_owned)).collect();
        let next = match out.is_truncated() {
            Some(true) => out.next_continuation_token().map(str::to_owned),
            _ => None,
        };
        Ok((keys, next))
    }

    /// Deletes up to [`DELETE_BATCH`] keys in one call; answers how many S3 deleted.
    pub(crate) async fn delete_batch(&self, keys: &[String]) -> Result<u64, ApiError> {
        if keys.is_empty() {
            return Ok(0);
        }
        let objects = keys
            .iter()
            .map(|key| ObjectIdentifier::builder().key(key).build())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| ApiError::Other(err.to_string()))?;
        let delete = Delete::builder()
            .set_objects(Some(objects))
            .quiet(true)
            .build()
            .map_err(|err| ApiError::Other(err.to_string()))?;
        let out = with_credential_retry(&self.credentials, || {
            self.s3.delete_objects().bucket(&*self.bucket).delete(delete.clone()).send()
        })
        .await
        .map_err(api_error)?;
        if let Some(first) = out.errors().first() {
            return Err(ApiError::service(
                first.code().unwrap_or("DeleteFailed"),
                &format!(
                    "{} of {} objects were not deleted; the first, {}: {}",
                    out.errors().len(),
                    keys.len(),
                    first.key().unwrap_or("?"),
                    first.message().unwrap_or_default()
                ),
            ));
        }
        Ok(keys.len() as u64)
    }

    /// Every multipart upload in progress under `prefix`, following the pages.
    pub(crate) async fn list_uploads(&self, prefix: &str) -> Result<Vec<PendingUpload>, ApiError> {
        let mut uploads = Vec::new();
        let mut markers: (Option<String>, Option<String>) = (None, None);
        loop {
            let out = with_credential_retry(&self.credentials, || {
                self.s3
                    .list_multipart_uploads()
                    .bucket(&*self.bucket)
                    .prefix(prefix)
                    .set_key_marker(markers.0.clone())
                    .set_upload_id_marker(markers.1.clone())
                    .send()
            })
            .await
            .map_err(api_error)?;
            for upload in out.uploads() {
                if let (Some(key), Some(upload_id)) = (upload.key(), upload.upload_id()) {
                    uploads.push(PendingUpload { key: key.to_owned(), upload_id: upload_id.to_owned() });
                }
            }
            let next =
                (out.next_key_marker().map(str::to_owned), out.next_upload_id_marker().map(str::to_owned));
            if out.is_truncated() != Some(true) || next.0.is_none() || next == markers {
                return Ok(uploads);
            }
            markers = next;
        }
    }
}
