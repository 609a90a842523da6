//! What the window shows about syncing: online or not, how many changes wait, what failed and
//! what happens next, and the file being sent. Kept apart from the engine's work so reading the
//! status never waits on the network.

use std::sync::MutexGuard;

use cloud::transfer::TransferProgress;
use serde::Serialize;
use specta::Type;

use super::SyncEngine;
use crate::SyncError;

#[derive(Debug, Default)]
pub(crate) struct Live {
    /// None until the first call to the cloud answers or fails.
    pub online: Option<bool>,
    pub problem: Option<String>,
    pub transfer: Option<(String, TransferProgress)>,
    pub paused: bool,
    /// Changes that went out or came in since the app started.
    pub changes: u32,
}

/// A file on its way to the cloud.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TransferView {
    /// What is being sent, in words ("the storybook's video").
    pub what: String,
    pub bytes_sent: f64,
    pub total_bytes: f64,
    pub percent: f64,
    pub bytes_per_second: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SyncStatus {
    /// False when the last call to the cloud could not reach it.
    pub online: bool,
    /// Changes waiting to reach the cloud.
    pub waiting: u32,
    /// Changes set aside after a failure that will not pass by itself.
    pub failed: u32,
    pub paused: bool,
    /// Counts every change sent or taken from the cloud since the app started: when it moves,
    /// the library on screen has something new to show.
    pub changes: u32,
    /// What went wrong last and what happens next, in plain words.
    pub problem: Option<String>,
    pub transfer: Option<TransferView>,
}

impl SyncEngine {
    pub(crate) fn live(&self) -> MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn note_online(&self, problem: Option<String>) {
        let mut live = self.live();
        live.online = Some(true);
        live.problem = problem;
    }

    /// `count` changes went out or came in.
    pub(crate) fn note_changes(&self, count: u32) {
        let mut live = self.live();
        live.changes = live.changes.wrapping_add(count);
    }

    pub(crate) fn note_offline(&self, reason: &str) {
        let mut live = self.live();
        live.online = Some(false);
        live.problem = Some(reason.to_owned());
        live.transfer = None;
    }

    pub async fn status(&self) -> Result<SyncStatus, SyncError> {
        let owner = self.owner().await?;
        let summary = self.core.store().outbox_summary(&owner)?;
        let live = self.live();
        let problem = live.problem.clone().or(summary.last_error);
        Ok(SyncStatus {
            online: live.online.unwrap_or(true),
            waiting: summary.waiting,
            failed: summary.failed,
            paused: live.paused,
            changes: live.changes,
            problem: if summary.waiting + summary.failed == 0 && live.online != Some(false) {
                None
            } else {
                problem
            },
            transfer: live.transfer.as_ref().map(|(key, progress)| TransferView {
                what: describe_key(key),
                bytes_sent: progress.bytes_done as f64,
                total_bytes: progress.total_bytes as f64,
                percent: progress.percent,
                bytes_per_second: progress.bytes_per_second,
            }),
        })
    }
}

fn describe_key(key: &str) -> String {
    let what = if key.starts_with("drawings/") {
        "a drawing"
    } else if key.starts_with("images/") {
        "a scene picture"
    } else if key.starts_with("audio/") {
        "a narration"
    } else if key.ends_with("_thumb.jpg") {
        "a storybook's cover"
    } else {
        "a storybook's video"
    };
    what.to_owned()
}
