//! Stories in progress from the family's other computers: a run whose checkpoint is in the cloud
//! but not on this computer is brought here (its drawing downloaded, its recognition, choices and
//! script taken from the checkpoint), so a story started on one computer is finished on another.
//! Scene pictures and narration are made again here from the script.

use std::collections::{HashMap, HashSet};

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::with_credential_retry;
use model::Stage;
use nocomelon_core::store::{OutboxKind, RunRecord};
use nocomelon_core::CoreError;

use super::{enum_from_text, SyncEngine};
use crate::keys::RelativeKey;
use crate::SyncError;

impl SyncEngine {
    /// Brings runs started on other computers here; answers how many arrived.
    pub async fn reconcile_runs(&self) -> Result<u32, SyncError> {
        let owner = self.owner().await?;
        let identity_id = self.session.identity_id().await?;
        let store = self.core.store();
        let removal_queued: HashSet<String> = store
            .outbox_items(&owner)?
            .into_iter()
            .filter(|item| item.kind == OutboxKind::Checkpoint)
            .map(|item| item.subject)
            .collect();
        let mut arrived = 0;
        for item in self.cloud_checkpoints(&identity_id).await? {
            let Some(run_id) = text(&item, "run_id") else { continue };
            let stage = text(&item, "current_stage")
                .and_then(|s| enum_from_text::<Stage>(&s))
                .unwrap_or(Stage::Recognize);
            if stage == Stage::Saved || removal_queued.contains(&run_id) {
                continue;
            }
            match store.run(&run_id) {
                Ok(_) => continue,
                Err(CoreError::RunNotFound) => {}
                Err(error) => return Err(error.into()),
            }
            match self.bring_run(&identity_id, &run_id, stage, &item).await {
                Ok(true) => arrived += 1,
                Ok(false) => {}
                Err(error) if error.is_offline() => return Err(error),
                Err(error) => {
                    tracing::warn!(run = %run_id, code = error.code(), "a story from the cloud could not be brought here")
                }
            }
        }
        self.note_changes(arrived);
        Ok(arrived)
    }

    async fn bring_run(
        &self,
        identity_id: &str,
        run_id: &str,
        stage: Stage,
        item: &HashMap<String, AttributeValue>,
    ) -> Result<bool, SyncError> {
        let drawing_key = text(item, "drawing_key")
            .as_deref()
            .and_then(|full| full.strip_prefix(&format!("{identity_id}/")).map(str::to_owned))
            .ok_or_else(|| {
                SyncError::BadRecord(format!(
                    "the story {run_id} in the cloud names no drawing of this family"
                ))
            })?;
        let key = RelativeKey::from_cloud(&drawing_key)?;
        let download = tempfile::Builder::new()
            .prefix(".cloud-drawing-")
            .suffix(".png")
            .tempfile_in(self.core.data_dir().root())
            .map_err(|e| SyncError::BadRecord(format!("a place for the drawing couldn't be made: {e}")))?;
        self.download(&key, download.path()).await?;
        let ingested = self.core.ingest_file(download.path())?;
        let record = RunRecord {
            id: run_id.to_owned(),
            drawing_id: ingested.drawing.id,
            stage,
            analysis: json(item, "drawing_analysis"),
            customization: json(item, "customization"),
            script: json(item, "story_script"),
            media: Default::default(),
            checkpoint: serde_json::json!({}),
            story_seed: number(item, "story_seed").unwrap_or(0),
            story_engine: text(item, "story_engine")
                .and_then(|engine| enum_from_text(&engine))
                .unwrap_or_default(),
            library_entry_id: None,
            created_at: text(item, "created_at").unwrap_or_default(),
            updated_at: text(item, "updated_at").unwrap_or_default(),
        };
        Ok(self.core.store().adopt_cloud_run(&record)?)
    }

    async fn cloud_checkpoints(
        &self,
        identity_id: &str,
    ) -> Result<Vec<HashMap<String, AttributeValue>>, SyncError> {
        let table = &self.session.config().checkpoints_table;
        let mut all = Vec::new();
        let mut start = None;
        loop {
            let page = with_credential_retry(self.clients.credentials(), || {
                self.clients
                    .dynamodb()
                    .query()
                    .table_name(table)
                    .key_condition_expression("user_id = :me")
                    .expression_attribute_values(":me", AttributeValue::S(identity_id.to_owned()))
                    .set_exclusive_start_key(start.clone())
                    .send()
            })
            .await
            .map_err(cloud::api_error)?;
            all.extend(page.items().iter().cloned());
            match page.last_evaluated_key {
                Some(next) if !next.is_empty() => start = Some(next),
                _ => return Ok(all),
            }
        }
    }
}

fn text(item: &HashMap<String, AttributeValue>, name: &str) -> Option<String> {
    item.get(name).and_then(|v| v.as_s().ok()).cloned()
}

fn number(item: &HashMap<String, AttributeValue>, name: &str) -> Option<u64> {
    item.get(name).and_then(|v| v.as_n().ok()).and_then(|n| n.parse().ok())
}

/// A JSON attribute read back into its type; one that cannot be read is left out (the parent
/// redoes that step) rather than stopping the story from arriving.
fn json<T: serde::de::DeserializeOwned>(item: &HashMap<String, AttributeValue>, name: &str) -> Option<T> {
    text(item, name).and_then(|text| serde_json::from_str(&text).ok())
}
