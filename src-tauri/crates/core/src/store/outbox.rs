//! The outbox: every change that must reach the family's cloud is written here in the same
//! transaction as the change itself, so no kill, crash or lost network can leave a change the
//! cloud never hears about. The sync engine (outside the core) drains it in order.
//!
//! Rows are only written while an account is attached to the data folder (`cloud_owner`):
//! what a parent makes without an account stays on this computer.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::{clock, CoreError};

const OWNER_KEY: &str = "cloud_owner";

/// What an outbox row asks the cloud to catch up with. The row names its subject; the engine
/// reads the subject's current state when it sends, so the newest state is what arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// A run's drawing (subject: the run id).
    Drawing,
    /// A run's checkpoint and artifacts, or its removal once the run is gone (subject: run id).
    Checkpoint,
    /// A library entry saved, renamed, or deleted (subject: the entry id).
    Library,
}

impl OutboxKind {
    fn as_text(self) -> &'static str {
        match self {
            OutboxKind::Drawing => "drawing",
            OutboxKind::Checkpoint => "checkpoint",
            OutboxKind::Library => "library",
        }
    }

    fn from_text(text: &str) -> Option<Self> {
        match text {
            "drawing" => Some(OutboxKind::Drawing),
            "checkpoint" => Some(OutboxKind::Checkpoint),
            "library" => Some(OutboxKind::Library),
            _ => None,
        }
    }
}

/// One change waiting for the cloud.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub seq: i64,
    pub owner: String,
    pub kind: OutboxKind,
    pub subject: String,
    /// What the engine cannot read back once the subject is gone (a deleted entry's run id).
    pub payload: serde_json::Value,
    pub attempts: u32,
    /// Unix seconds before which the row is not tried again.
    pub not_before: i64,
    pub last_error: Option<String>,
}

/// The first row the engine should send, or when to look again.
#[derive(Debug, Clone, PartialEq)]
pub enum OutboxHead {
    Empty,
    Ready(OutboxItem),
    /// The first row is backing off until this Unix second; later rows wait behind it.
    WaitUntil(i64),
}

/// How much of an account's outbox is still to send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxSummary {
    pub waiting: u32,
    pub failed: u32,
    /// The most recent reason a row could not be sent, while any row is waiting or failed.
    pub last_error: Option<String>,
}

/// Writes an outbox row inside the caller's transaction, when an account is attached. An older
/// unsent row for the same subject is replaced: the engine sends the subject's current state, so
/// one row per subject is enough, and it moves to the end so order follows the latest change.
pub(super) fn enqueue(
    connection: &Connection,
    kind: OutboxKind,
    subject: &str,
    payload: serde_json::Value,
) -> Result<Option<String>, CoreError> {
    let Some(owner) = owner_in(connection)? else {
        return Ok(None);
    };
    connection.execute(
        "DELETE FROM outbox WHERE owner = ?1 AND kind = ?2 AND subject = ?3 AND failed = 0",
        params![owner, kind.as_text(), subject],
    )?;
    connection.execute(
        "INSERT INTO outbox (owner, kind, subject, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![owner, kind.as_text(), subject, payload.to_string(), clock::now_rfc3339()],
    )?;
    Ok(Some(owner))
}

pub(super) fn owner_in(connection: &Connection) -> Result<Option<String>, CoreError> {
    Ok(connection
        .query_row("SELECT value FROM settings WHERE key = ?1", params![OWNER_KEY], |row| row.get(0))
        .optional()?)
}

impl Store {
    /// The account (user-pool `sub`) whose cloud this data folder's changes go to, if any.
    pub fn cloud_owner(&self) -> Result<Option<String>, CoreError> {
        owner_in(&self.lock())
    }

    /// Attaches the data folder to an account (after sign-in) or detaches it (sign-out). Rows
    /// already queued stay with their account and are sent when it signs in again.
    pub fn set_cloud_owner(&self, owner: Option<&str>) -> Result<(), CoreError> {
        self.set_setting(OWNER_KEY, owner)
    }

    pub fn outbox_head(&self, owner: &str, now_unix: i64) -> Result<OutboxHead, CoreError> {
        let item = self
            .lock()
            .query_row(
                "SELECT * FROM outbox WHERE owner = ?1 AND failed = 0 ORDER BY seq LIMIT 1",
                params![owner],
                item_from_row,
            )
            .optional()?;
        Ok(match item {
            None => OutboxHead::Empty,
            Some(item) if item.not_before > now_unix => OutboxHead::WaitUntil(item.not_before),
            Some(item) => OutboxHead::Ready(item),
        })
    }

    /// The row was sent; it goes.
    pub fn outbox_done(&self, seq: i64) -> Result<(), CoreError> {
        self.lock().execute("DELETE FROM outbox WHERE seq = ?1", params![seq])?;
        Ok(())
    }

    /// Sending failed for a reason that may pass (network, throttling): try again later.
    pub fn outbox_postpone(&self, seq: i64, not_before: i64, error: &str) -> Result<(), CoreError> {
        self.lock().execute(
            "UPDATE outbox SET attempts = attempts + 1, not_before = ?2, last_error = ?3 WHERE seq = ?1",
            params![seq, not_before, error],
        )?;
        Ok(())
    }

    /// Sending failed for a reason that will not pass by itself (a file gone missing): the row is
    /// set aside so it does not hold back the rows behind it, and stays visible.
    pub fn outbox_set_aside(&self, seq: i64, error: &str) -> Result<(), CoreError> {
        self.lock().execute(
            "UPDATE outbox SET attempts = attempts + 1, failed = 1, last_error = ?2 WHERE seq = ?1",
            params![seq, error],
        )?;
        Ok(())
    }

    /// Set-aside rows are tried again (the parent asked to sync now).
    pub fn outbox_retry_set_aside(&self, owner: &str) -> Result<(), CoreError> {
        self.lock().execute(
            "UPDATE outbox SET failed = 0, not_before = 0 WHERE owner = ?1 AND failed = 1",
            params![owner],
        )?;
        Ok(())
    }

    /// Rows backing off are tried at once (the network is back, or the parent asked).
    pub fn outbox_wake(&self, owner: &str) -> Result<(), CoreError> {
        self.lock().execute("UPDATE outbox SET not_before = 0 WHERE owner = ?1", params![owner])?;
        Ok(())
    }

    pub fn outbox_summary(&self, owner: &str) -> Result<OutboxSummary, CoreError> {
        let connection = self.lock();
        let (waiting, failed): (u32, u32) = connection.query_row(
            "SELECT COALESCE(SUM(failed = 0), 0), COALESCE(SUM(failed = 1), 0) FROM outbox WHERE owner = ?1",
            params![owner],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let last_error = connection
            .query_row(
                "SELECT last_error FROM outbox WHERE owner = ?1 AND last_error IS NOT NULL
                 ORDER BY failed DESC, seq LIMIT 1",
                params![owner],
                |row| row.get(0),
            )
            .optional()?;
        Ok(OutboxSummary { waiting, failed, last_error })
    }

    /// Every row of `owner`, in order (tests and the CLI's status).
    pub fn outbox_items(&self, owner: &str) -> Result<Vec<OutboxItem>, CoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare("SELECT * FROM outbox WHERE owner = ?1 ORDER BY seq")?;
        let rows = statement.query_map(params![owner], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What was last uploaded at `key` for `owner`: its content fingerprint, and the stamp
    /// (size and modification time) of the file it was last checked on.
    pub fn cloud_object(&self, owner: &str, key: &str) -> Result<Option<(String, String)>, CoreError> {
        Ok(self
            .lock()
            .query_row(
                "SELECT fingerprint, stamp FROM cloud_objects WHERE owner = ?1 AND key = ?2",
                params![owner, key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    pub fn record_cloud_object(
        &self,
        owner: &str,
        key: &str,
        fingerprint: &str,
        stamp: &str,
    ) -> Result<(), CoreError> {
        self.lock().execute(
            "INSERT INTO cloud_objects (owner, key, fingerprint, stamp) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(owner, key) DO UPDATE SET fingerprint = excluded.fingerprint, stamp = excluded.stamp",
            params![owner, key, fingerprint, stamp],
        )?;
        Ok(())
    }

    /// Forgets uploads under `key_prefix` (their objects were deleted in the cloud).
    pub fn forget_cloud_objects(&self, owner: &str, key_prefix: &str) -> Result<(), CoreError> {
        self.lock().execute(
            "DELETE FROM cloud_objects WHERE owner = ?1 AND substr(key, 1, length(?2)) = ?2",
            params![owner, key_prefix],
        )?;
        Ok(())
    }

    /// A multipart upload's saved state (JSON kept by the transfer code), by object key.
    pub fn upload_state(&self, key: &str) -> Result<Option<String>, CoreError> {
        Ok(self
            .lock()
            .query_row("SELECT state FROM uploads WHERE key = ?1", params![key], |row| row.get(0))
            .optional()?)
    }

    pub fn save_upload_state(&self, key: &str, state: &str) -> Result<(), CoreError> {
        self.lock().execute(
            "INSERT INTO uploads (key, state) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET state = excluded.state",
            params![key, state],
        )?;
        Ok(())
    }

    pub fn clear_upload_state(&self, key: &str) -> Result<(), CoreError> {
        self.lock().execute("DELETE FROM uploads WHERE key = ?1", params![key])?;
        Ok(())
    }

    /// Everything this data folder keeps about `owner`'s cloud: the queued changes, the record of
    /// uploads, and the account's mark on library entries (which then count as this computer's).
    pub fn forget_cloud_account(&self, owner: &str) -> Result<(), CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        transaction.execute("DELETE FROM outbox WHERE owner = ?1", params![owner])?;
        transaction.execute("DELETE FROM cloud_objects WHERE owner = ?1", params![owner])?;
        transaction.execute("DELETE FROM uploads", [])?;
        transaction.execute(
            "UPDATE library SET owner = NULL, cloud_version = NULL WHERE owner = ?1",
            params![owner],
        )?;
        if owner_in(&transaction)?.as_deref() == Some(owner) {
            transaction.execute("DELETE FROM settings WHERE key = ?1", params![OWNER_KEY])?;
        }
        transaction.commit()?;
        Ok(())
    }
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    let kind: String = row.get("kind")?;
    let payload: String = row.get("payload")?;
    Ok(OutboxItem {
        seq: row.get("seq")?,
        owner: row.get("owner")?,
        kind: OutboxKind::from_text(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown outbox kind {kind:?}").into(),
            )
        })?,
        subject: row.get("subject")?,
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
        attempts: row.get("attempts")?,
        not_before: row.get("not_before")?,
        last_error: row.get("last_error")?,
    })
}
