//! A run in the cloud: its drawing, its artifacts after each stage, and its checkpoint item
//! (the design's schema, kept 7 days), so a story started on one computer can be finished on
//! another. A run deleted here is removed there too.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::with_credential_retry;
use nocomelon_core::store::RunRecord;
use nocomelon_core::CoreError;

use super::{enum_text, now_unix, SyncEngine};
use crate::keys::{self, RelativeKey};
use crate::SyncError;

/// Checkpoints expire this long after their last change.
const CHECKPOINT_TTL_SECS: i64 = 7 * 24 * 3600;

impl SyncEngine {
    pub(super) async fn send_drawing(&self, owner: &str, run_id: &str) -> Result<(), SyncError> {
        let Some(run) = self.run_if_present(run_id)? else {
            return Ok(());
        };
        let (key, path) = self.drawing_file(&run)?;
        self.upload_if_changed(owner, &key, &path).await
    }

    pub(super) async fn send_checkpoint(&self, owner: &str, run_id: &str) -> Result<(), SyncError> {
        let Some(run) = self.run_if_present(run_id)? else {
            return self.remove_checkpoint(owner, run_id).await;
        };
        let data = self.core.data_dir();
        let mut images = Vec::new();
        for (index, image) in run.media.images.iter().enumerate() {
            let key = keys::scene_image(&run.id, index + 1)?;
            self.upload_if_changed(owner, &key, &data.absolute(&image.path)?).await?;
            images.push(serde_json::json!({ "scene_id": image.scene_id, "key": self.full_key(&key).await?, "placeholder": image.placeholder }));
        }
        let mut audio = Vec::new();
        for (index, clip) in run.media.audio.iter().enumerate() {
            let path = data.absolute(&clip.path)?;
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("wav").to_owned();
            let key = keys::narration(&run.id, index + 1, &ext)?;
            self.upload_if_changed(owner, &key, &path).await?;
            audio.push(serde_json::json!({ "scene_id": clip.scene_id, "key": self.full_key(&key).await?, "duration_sec": clip.duration_sec }));
        }
        let mut video = serde_json::Value::Null;
        if let (Some(video_path), Some(thumbnail_path)) = (&run.media.video_path, &run.media.thumbnail_path) {
            let video_key = keys::video(&run.id)?;
            let thumbnail_key = keys::thumbnail(&run.id)?;
            self.upload_if_changed(owner, &video_key, &data.absolute(video_path)?).await?;
            self.upload_if_changed(owner, &thumbnail_key, &data.absolute(thumbnail_path)?).await?;
            video = serde_json::json!({
                "video_key": self.full_key(&video_key).await?,
                "thumbnail_key": self.full_key(&thumbnail_key).await?,
                "duration_sec": run.media.duration_sec,
            });
        }
        let (drawing_key, _) = self.drawing_file(&run)?;
        let identity_id = self.session.identity_id().await?;
        let mut item = HashMap::from([
            ("user_id".to_owned(), AttributeValue::S(identity_id)),
            ("run_id".to_owned(), AttributeValue::S(run.id.clone())),
            ("sub".to_owned(), AttributeValue::S(owner.to_owned())),
            ("current_stage".to_owned(), AttributeValue::S(enum_text(&run.stage))),
            ("drawing_key".to_owned(), AttributeValue::S(self.full_key(&drawing_key).await?)),
            ("image_result".to_owned(), json_attribute(&images)),
            ("audio_result".to_owned(), json_attribute(&audio)),
            ("video_result".to_owned(), json_attribute(&video)),
            ("created_at".to_owned(), AttributeValue::S(run.created_at.clone())),
            ("updated_at".to_owned(), AttributeValue::S(run.updated_at.clone())),
            ("ttl".to_owned(), AttributeValue::N((now_unix() + CHECKPOINT_TTL_SECS).to_string())),
            ("story_seed".to_owned(), AttributeValue::N(run.story_seed.to_string())),
            ("story_engine".to_owned(), AttributeValue::S(enum_text(&run.story_engine))),
        ]);
        let optional = [
            ("drawing_analysis", run.analysis.as_ref().map(serde_json::to_value)),
            ("customization", run.customization.as_ref().map(serde_json::to_value)),
            ("story_script", run.script.as_ref().map(serde_json::to_value)),
        ];
        for (name, value) in optional {
            if let Some(value) = value.transpose().map_err(|e| SyncError::BadRecord(e.to_string()))? {
                item.insert(name.to_owned(), json_attribute(&value));
            }
        }
        if !run.media.warnings.is_empty() {
            item.insert("error".to_owned(), AttributeValue::S(run.media.warnings.join("\n")));
        }
        let table = &self.session.config().checkpoints_table;
        with_credential_retry(self.clients.credentials(), || {
            self.clients.dynamodb().put_item().table_name(table).set_item(Some(item.clone())).send()
        })
        .await
        .map_err(cloud::api_error)?;
        Ok(())
    }

    /// The run is gone from this computer: its checkpoint and working files go from the cloud
    /// (a storybook saved from it keeps its own video and cover).
    async fn remove_checkpoint(&self, owner: &str, run_id: &str) -> Result<(), SyncError> {
        self.delete_family_item(&self.session.config().checkpoints_table, "run_id", run_id).await?;
        self.delete_under(owner, &keys::run_working_prefixes(run_id)?).await
    }

    /// Deletes the family's item whose sort key `sort_key` is `value` from `table` (both tables
    /// are partitioned by the identity id).
    pub(super) async fn delete_family_item(
        &self,
        table: &str,
        sort_key: &str,
        value: &str,
    ) -> Result<(), SyncError> {
        let identity_id = self.session.identity_id().await?;
        with_credential_retry(self.clients.credentials(), || {
            self.clients
                .dynamodb()
                .delete_item()
                .table_name(table)
                .key("user_id", AttributeValue::S(identity_id.clone()))
                .key(sort_key, AttributeValue::S(value.to_owned()))
                .send()
        })
        .await
        .map_err(cloud::api_error)?;
        Ok(())
    }

    fn run_if_present(&self, run_id: &str) -> Result<Option<RunRecord>, SyncError> {
        match self.core.store().run(run_id) {
            Ok(run) => Ok(Some(run)),
            Err(CoreError::RunNotFound) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    fn drawing_file(&self, run: &RunRecord) -> Result<(RelativeKey, std::path::PathBuf), SyncError> {
        let drawing = self.core.store().drawing(&run.drawing_id)?;
        let path = self.core.data_dir().absolute(&drawing.normalized_path)?;
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("png").to_ascii_lowercase();
        Ok((keys::drawing(&run.id, &ext)?, path))
    }

    /// Where a run's drawing is (or will be) kept in the family's space.
    pub async fn drawing_key(&self, run_id: &str) -> Result<String, SyncError> {
        let run = self.core.store().run(run_id)?;
        let (key, _) = self.drawing_file(&run)?;
        self.full_key(&key).await
    }

    /// `<identity id>/<key>`, as items record it.
    pub(crate) async fn full_key(&self, key: &RelativeKey) -> Result<String, SyncError> {
        Ok(self.clients.object_key(key.as_str()).await?)
    }
}

fn json_attribute<T: serde::Serialize>(value: &T) -> AttributeValue {
    AttributeValue::S(serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}
