//! "Delete my account": every object under the family's prefix, every library and checkpoint
//! item, the user in the pool, the keychain entry and this computer's copies of the cloud's
//! data. A marker in the store makes it resumable: a kill at any step is finished at the next
//! start (or the next try), and each step is safe to repeat.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, DeleteRequest, WriteRequest};
use cloud::with_credential_retry;
use serde::{Deserialize, Serialize};

use crate::{Family, SyncEngine, SyncError};

const MARKER: &str = "account_deletion";
/// DynamoDB's most deletions per BatchWriteItem.
const BATCH: usize = 25;

/// What the parent confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDeletion {
    /// The account's email, typed again by the parent.
    pub typed_email: String,
    /// Keep the drafts (stories not yet in the library) on this computer.
    pub keep_drafts: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct DeletionReport {
    pub objects_deleted: u32,
    pub library_items_deleted: u32,
    pub checkpoints_deleted: u32,
    pub local_storybooks_removed: u32,
    pub drafts_removed: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    owner: String,
    keep_drafts: bool,
    /// The cloud side is done (user deleted); only this computer's part is left.
    cloud_done: bool,
}

impl Family {
    /// Deletes the signed-in parent's account after they typed its email again.
    pub async fn delete_account(&self, request: &AccountDeletion) -> Result<DeletionReport, SyncError> {
        let session = self.session().map_err(|_| SyncError::NotSignedIn)?;
        let user = session.whoami().await.ok_or(SyncError::NotSignedIn)?;
        if !request.typed_email.trim().eq_ignore_ascii_case(user.email.trim()) {
            return Err(SyncError::ConfirmationMismatch);
        }
        let marker = Marker { owner: user.sub.clone(), keep_drafts: request.keep_drafts, cloud_done: false };
        self.write_marker(&marker)?;
        let sync = self.sync().map_err(|_| SyncError::NotSignedIn)?;
        sync.pause();
        sync.cancel_upload();
        let deleted = async {
            let mut report = delete_cloud_side(sync).await?;
            session.delete_user().await?;
            self.write_marker(&Marker { cloud_done: true, ..marker })?;
            let local = self.finish_local_side(&user.sub, request.keep_drafts)?;
            report.local_storybooks_removed = local.local_storybooks_removed;
            report.drafts_removed = local.drafts_removed;
            Ok::<_, SyncError>(report)
        }
        .await;
        // Cut short, the marker stays and the next start finishes the deletion.
        sync.resume();
        let report = deleted?;
        tracing::info!(?report, "account deleted");
        Ok(report)
    }

    fn write_marker(&self, marker: &Marker) -> Result<(), SyncError> {
        let text = serde_json::to_string(marker).map_err(|e| SyncError::BadRecord(e.to_string()))?;
        Ok(self.core.store().set_setting(MARKER, Some(&text))?)
    }

    /// Removes this computer's copies of the account's cloud data, and the drafts unless kept.
    fn finish_local_side(&self, owner: &str, keep_drafts: bool) -> Result<DeletionReport, SyncError> {
        let store = self.core.store();
        let entries: Vec<String> =
            store.library_entries_of(owner)?.into_iter().map(|(entry, _)| entry.id).collect();
        store.forget_cloud_account(owner)?;
        let mut report = DeletionReport::default();
        for id in entries {
            self.core.delete_library_entry(&id)?;
            report.local_storybooks_removed += 1;
        }
        if !keep_drafts {
            for run in self.core.runs_in_progress()? {
                self.core.delete_run(&run.id)?;
                report.drafts_removed += 1;
            }
        }
        store.set_setting(MARKER, None)?;
        Ok(report)
    }
}

/// Finishes a deletion a kill interrupted: the cloud side again while the parent is still signed
/// in, then this computer's part.
pub(crate) async fn finish_interrupted(family: &Family) -> Result<(), SyncError> {
    let Some(text) = family.core.store().setting(MARKER)? else {
        return Ok(());
    };
    let Ok(marker) = serde_json::from_str::<Marker>(&text) else {
        family.core.store().set_setting(MARKER, None)?;
        return Ok(());
    };
    tracing::info!("finishing an account deletion that was interrupted");
    if !marker.cloud_done {
        if let (Ok(session), Ok(sync)) = (family.session(), family.sync()) {
            if session.whoami().await.is_some_and(|user| user.sub == marker.owner) {
                delete_cloud_side(sync).await?;
                session.delete_user().await?;
            }
        }
    }
    family.finish_local_side(&marker.owner, marker.keep_drafts)?;
    Ok(())
}

async fn delete_cloud_side(sync: &SyncEngine) -> Result<DeletionReport, SyncError> {
    let objects_deleted =
        u32::try_from(sync.transfers.delete_everything_of_this_family().await?).unwrap_or(u32::MAX);
    let config = sync.session.config();
    let library_items_deleted = delete_partition(sync, &config.library_table, "id").await?;
    let checkpoints_deleted = delete_partition(sync, &config.checkpoints_table, "run_id").await?;
    Ok(DeletionReport { objects_deleted, library_items_deleted, checkpoints_deleted, ..Default::default() })
}

/// Deletes every item of the family's partition in `table`, in batches, page by page.
async fn delete_partition(sync: &SyncEngine, table: &str, sort_key: &str) -> Result<u32, SyncError> {
    let identity_id = sync.session.identity_id().await?;
    let dynamodb = sync.clients.dynamodb();
    let mut deleted = 0;
    loop {
        let page = with_credential_retry(sync.clients.credentials(), || {
            dynamodb
                .query()
                .table_name(table)
                .key_condition_expression("user_id = :me")
                .expression_attribute_values(":me", AttributeValue::S(identity_id.clone()))
                .projection_expression("#sk")
                .expression_attribute_names("#sk", sort_key)
                .send()
        })
        .await
        .map_err(cloud::api_error)?;
        let keys: Vec<String> =
            page.items().iter().filter_map(|item| item.get(sort_key)?.as_s().ok().cloned()).collect();
        if keys.is_empty() {
            return Ok(deleted);
        }
        for chunk in keys.chunks(BATCH) {
            let mut requests: Vec<WriteRequest> = Vec::new();
            for key in chunk {
                let delete = DeleteRequest::builder()
                    .set_key(Some(HashMap::from([
                        ("user_id".to_owned(), AttributeValue::S(identity_id.clone())),
                        (sort_key.to_owned(), AttributeValue::S(key.clone())),
                    ])))
                    .build()
                    .map_err(|e| SyncError::BadRecord(e.to_string()))?;
                requests.push(WriteRequest::builder().delete_request(delete).build());
            }
            let mut pending = HashMap::from([(table.to_owned(), requests)]);
            // Unprocessed deletions (throttling) are sent again until none is left.
            for _ in 0..8 {
                let out = with_credential_retry(sync.clients.credentials(), || {
                    dynamodb.batch_write_item().set_request_items(Some(pending.clone())).send()
                })
                .await
                .map_err(cloud::api_error)?;
                match out.unprocessed_items {
                    Some(left) if left.values().any(|v| !v.is_empty()) => {
                        pending = left;
                        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    }
                    _ => break,
                }
            }
            deleted += chunk.len() as u32;
        }
    }
}
