//! Run rows: one storybook in progress, updated one whole change at a time.

use model::{Customization, Drawing, DrawingAnalysis, Engine, RunMedia, Stage, StoryScript};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::drawings::drawing_from_row;
use super::outbox::{enqueue, OutboxKind};
use super::{enum_from_text, enum_text, from_json, to_json, Store};
use crate::{clock, CoreError};

/// A run as stored. Media paths are relative to the data folder; `checkpoint` is the pipeline's
/// own record of what it has produced (opaque to the store).
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    pub id: String,
    pub drawing_id: String,
    pub stage: Stage,
    pub analysis: Option<DrawingAnalysis>,
    pub customization: Option<Customization>,
    pub script: Option<StoryScript>,
    pub media: RunMedia,
    pub checkpoint: serde_json::Value,
    pub story_seed: u64,
    /// Who wrote `script` (the parent's edits keep the engine that wrote the draft).
    pub story_engine: Engine,
    pub library_entry_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a caller may change on a run, applied inside one transaction.
pub type RunUpdate<'a> = dyn FnOnce(&mut RunRecord) -> Result<(), CoreError> + 'a;

impl Store {
    pub fn create_run(&self, drawing_id: &str) -> Result<RunRecord, CoreError> {
        let now = clock::now_rfc3339();
        let record = RunRecord {
            id: uuid::Uuid::new_v4().to_string(),
            drawing_id: drawing_id.to_string(),
            stage: Stage::Recognize,
            analysis: None,
            customization: None,
            script: None,
            media: RunMedia::default(),
            checkpoint: serde_json::json!({}),
            story_seed: seed_from_uuid(),
            story_engine: Engine::OnDevice,
            library_entry_id: None,
            created_at: now.clone(),
            updated_at: now,
        };
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "INSERT INTO runs (id, drawing_id, stage, media, checkpoint, story_seed, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                record.id,
                record.drawing_id,
                enum_text(&record.stage),
                to_json(&record.media)?,
                record.checkpoint.to_string(),
                seed_to_sql(record.story_seed),
                record.created_at,
                record.updated_at,
            ],
        )?;
        enqueue(&transaction, OutboxKind::Drawing, &record.id, serde_json::json!({}))?;
        enqueue(&transaction, OutboxKind::Checkpoint, &record.id, serde_json::json!({}))?;
        transaction.commit()?;
        Ok(record)
    }

    /// Takes a run started on another computer (from its cloud checkpoint) into this store. No
    /// outbox row: the cloud already has it. False when the run is already here.
    pub fn adopt_cloud_run(&self, record: &RunRecord) -> Result<bool, CoreError> {
        let changed = self.lock().execute(
            "INSERT OR IGNORE INTO runs (id, drawing_id, stage, analysis, customization, script, media, checkpoint,
                story_seed, created_at, updated_at, story_engine)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                record.id,
                record.drawing_id,
                enum_text(&record.stage),
                record.analysis.as_ref().map(to_json).transpose()?,
                record.customization.as_ref().map(to_json).transpose()?,
                record.script.as_ref().map(to_json).transpose()?,
                to_json(&record.media)?,
                record.checkpoint.to_string(),
                seed_to_sql(record.story_seed),
                record.created_at,
                record.updated_at,
                enum_text(&record.story_engine),
            ],
        )?;
        Ok(changed == 1)
    }

    pub fn run(&self, id: &str) -> Result<RunRecord, CoreError> {
        self.lock()
            .query_row("SELECT * FROM runs WHERE id = ?1", params![id], run_from_row)
            .optional()?
            .ok_or(CoreError::RunNotFound)?
    }

    /// Runs, most recently changed first. A run whose saved data is damaged is left out (and
    /// logged) so it cannot hide the others.
    pub fn runs(&self) -> Result<Vec<RunRecord>, CoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare("SELECT * FROM runs ORDER BY updated_at DESC, id")?;
        let rows = statement.query_map([], run_from_row)?;
        let mut runs = Vec::new();
        for row in rows {
            match row? {
                Ok(run) => runs.push(run),
                Err(error) => tracing::warn!(%error, "a damaged draft was left out of the list"),
            }
        }
        Ok(runs)
    }

    /// Reads the run, lets `change` edit it, and writes it back in one immediate transaction,
    /// so two changes never interleave and a kill leaves either the old or the new run.
    pub fn update_run(&self, id: &str, change: Box<RunUpdate<'_>>) -> Result<RunRecord, CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut record = transaction
            .query_row("SELECT * FROM runs WHERE id = ?1", params![id], run_from_row)
            .optional()?
            .ok_or(CoreError::RunNotFound)??;
        change(&mut record)?;
        record.updated_at = clock::later_than(&record.updated_at);
        transaction.execute(
            "UPDATE runs SET stage = ?2, analysis = ?3, customization = ?4, script = ?5, media = ?6,
                checkpoint = ?7, story_seed = ?8, library_entry_id = ?9, updated_at = ?10,
                story_engine = ?11
             WHERE id = ?1",
            params![
                record.id,
                enum_text(&record.stage),
                record.analysis.as_ref().map(to_json).transpose()?,
                record.customization.as_ref().map(to_json).transpose()?,
                record.script.as_ref().map(to_json).transpose()?,
                to_json(&record.media)?,
                record.checkpoint.to_string(),
                seed_to_sql(record.story_seed),
                record.library_entry_id,
                record.updated_at,
                enum_text(&record.story_engine),
            ],
        )?;
        enqueue(&transaction, OutboxKind::Checkpoint, &record.id, serde_json::json!({}))?;
        transaction.commit()?;
        Ok(record)
    }

    /// Deletes the run; when no other run uses its drawing, the drawing's row goes too and is
    /// returned, so the caller can remove its files.
    pub fn delete_run(&self, id: &str) -> Result<Option<Drawing>, CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let drawing_id: String = transaction
            .query_row("SELECT drawing_id FROM runs WHERE id = ?1", params![id], |row| row.get(0))
            .optional()?
            .ok_or(CoreError::RunNotFound)?;
        transaction.execute("DELETE FROM runs WHERE id = ?1", params![id])?;
        // The engine finds the run gone and removes its checkpoint and working files.
        enqueue(&transaction, OutboxKind::Checkpoint, id, serde_json::json!({}))?;
        let still_used: bool = transaction.query_row(
            "SELECT EXISTS(SELECT 1 FROM runs WHERE drawing_id = ?1)",
            params![drawing_id],
            |row| row.get(0),
        )?;
        let orphan = if still_used {
            None
        } else {
            let drawing = transaction
                .query_row("SELECT * FROM drawings WHERE id = ?1", params![drawing_id], drawing_from_row)
                .optional()?;
            transaction.execute("DELETE FROM drawings WHERE id = ?1", params![drawing_id])?;
            drawing
        };
        transaction.commit()?;
        Ok(orphan)
    }
}

/// SQLite integers are signed; seeds are stored bit-for-bit.
fn seed_to_sql(seed: u64) -> i64 {
    i64::from_ne_bytes(seed.to_ne_bytes())
}

fn seed_from_sql(value: i64) -> u64 {
    u64::from_ne_bytes(value.to_ne_bytes())
}

fn seed_from_uuid() -> u64 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let mut seed = [0u8; 8];
    seed.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(seed)
}

fn run_from_row(row: &Row<'_>) -> rusqlite::Result<Result<RunRecord, CoreError>> {
    let id: String = row.get("id")?;
    let analysis: Option<String> = row.get("analysis")?;
    let customization: Option<String> = row.get("customization")?;
    let script: Option<String> = row.get("script")?;
    let media: String = row.get("media")?;
    let checkpoint: String = row.get("checkpoint")?;
    let stage: Stage = enum_from_text(row, "stage")?;
    let drawing_id: String = row.get("drawing_id")?;
    let story_seed: i64 = row.get("story_seed")?;
    let story_engine: Engine = enum_from_text(row, "story_engine")?;
    let library_entry_id: Option<String> = row.get("library_entry_id")?;
    let created_at: String = row.get("created_at")?;
    let updated_at: String = row.get("updated_at")?;
    Ok((|| {
        let script: Option<StoryScript> =
            script.as_deref().map(|t| from_json(t, "the story text")).transpose()?;
        // A script reaches paths (its scene ids name folders), so one read back from the store
        // must pass the same checks as one the parent saves.
        if let Some(invalid) = script.as_ref().and_then(|s| s.validate_draft().err()) {
            tracing::error!(run = %id, %invalid, "a stored story fails its checks");
            return Err(CoreError::Corrupt { what: "the story text".into() });
        }
        Ok(RunRecord {
            analysis: analysis.as_deref().map(|t| from_json(t, "the recognized drawing")).transpose()?,
            customization: customization.as_deref().map(|t| from_json(t, "the story choices")).transpose()?,
            script,
            media: from_json(&media, "the storybook's pictures and sound")?,
            checkpoint: from_json(&checkpoint, "the video progress")?,
            id,
            drawing_id,
            stage,
            story_seed: seed_from_sql(story_seed),
            story_engine,
            library_entry_id,
            created_at,
            updated_at,
        })
    })())
}
