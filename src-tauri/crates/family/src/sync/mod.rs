//! The sync engine: drains this computer's outbox into the family's cloud, in order, one change
//! at a time, and brings the cloud's library back into the local cache. Network calls never run
//! inside a store transaction: the engine reads a change, sends it, then records that it went.

mod checkpoint;
mod files;
mod library;
mod runs;
mod status;

use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use cloud::transfer::{TransferProgress, Transfers, UploadControl};
use cloud::{CloudClients, CloudSession};
use nocomelon_core::store::{OutboxHead, OutboxItem, OutboxKind};
use nocomelon_core::Core;
use tokio::sync::Notify;

use crate::SyncError;

pub use library::{LibraryPage, ReconcileReport};
pub use status::{SyncStatus, TransferView};

/// How long the background loop sleeps when there is nothing to send.
const IDLE_POLL: Duration = Duration::from_secs(3);
/// How often the library is reconciled with the cloud while the app runs.
const RECONCILE_EVERY: Duration = Duration::from_secs(120);
/// The longest a failing change waits before it is tried again.
const MAX_BACKOFF_SECS: i64 = 300;

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DrainReport {
    pub sent: u32,
    pub set_aside: u32,
    /// The first waiting change backs off until this Unix second.
    pub waiting_until: Option<i64>,
    /// Why the pass stopped early, when it did.
    pub stopped_by: Option<String>,
}

pub struct SyncEngine {
    pub(crate) core: Arc<Core>,
    pub(crate) session: Arc<CloudSession>,
    pub(crate) clients: CloudClients,
    pub(crate) transfers: Transfers,
    live: StdMutex<status::Live>,
    wake: Notify,
    /// One pass over the outbox (or one reconcile) at a time, whoever asks.
    one_pass: tokio::sync::Mutex<()>,
    control: StdMutex<UploadControl>,
}

impl SyncEngine {
    pub fn new(core: Arc<Core>, session: Arc<CloudSession>) -> Arc<Self> {
        let clients = CloudClients::new(&session);
        let transfers = Transfers::new(&clients);
        Arc::new(Self {
            core,
            session,
            clients,
            transfers,
            live: StdMutex::new(status::Live::default()),
            wake: Notify::new(),
            one_pass: tokio::sync::Mutex::new(()),
            control: StdMutex::new(UploadControl::new()),
        })
    }

    pub fn core(&self) -> &Arc<Core> {
        &self.core
    }

    /// The signed-in parent's user-pool `sub`, which owns this computer's outbox rows.
    pub(crate) async fn owner(&self) -> Result<String, SyncError> {
        self.session.whoami().await.map(|user| user.sub).ok_or(SyncError::NotSignedIn)
    }

    /// Whether a parent is signed in (their changes are sent).
    pub async fn signed_in(&self) -> bool {
        self.owner().await.is_ok()
    }

    /// Ask the background loop to look at the outbox now (a change was just made).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Sends queued changes, in order, until none is left or one has to wait.
    pub async fn drain(&self) -> Result<DrainReport, SyncError> {
        let owner = self.owner().await?;
        let _one = self.one_pass.lock().await;
        let mut report = DrainReport::default();
        loop {
            if self.is_paused() {
                report.stopped_by = Some(SyncError::Paused.to_string());
                break;
            }
            let head = self.core.store().outbox_head(&owner, now_unix())?;
            let item = match head {
                OutboxHead::Empty => break,
                OutboxHead::WaitUntil(until) => {
                    report.waiting_until = Some(until);
                    break;
                }
                OutboxHead::Ready(item) => item,
            };
            match self.send(&owner, &item).await {
                Ok(()) => {
                    self.core.store().outbox_done(item.seq)?;
                    self.note_online(None);
                    report.sent += 1;
                    self.note_changes(1);
                }
                Err(error) if error.is_transient() => {
                    let wait = backoff_secs(item.attempts, item.seq);
                    let reason = describe(&item, &error);
                    tracing::info!(seq = item.seq, kind = ?item.kind, code = error.code(), wait, "a change waits to sync");
                    if !matches!(error, SyncError::Paused) {
                        self.core.store().outbox_postpone(item.seq, now_unix() + wait, &reason)?;
                    }
                    if error.is_offline() {
                        self.note_offline(&reason);
                    } else {
                        self.note_online(Some(reason.clone()));
                    }
                    report.stopped_by = Some(reason);
                    break;
                }
                Err(error) => {
                    let reason = describe(&item, &error);
                    tracing::warn!(seq = item.seq, kind = ?item.kind, code = error.code(), "a change was set aside");
                    self.core.store().outbox_set_aside(item.seq, &reason)?;
                    self.note_online(Some(reason));
                    report.set_aside += 1;
                }
            }
        }
        Ok(report)
    }

    /// Sends everything waiting (set-aside changes included), then brings the cloud's library
    /// into this computer's cache: what the parent's "Sync now" does.
    pub async fn sync_now(&self) -> Result<(DrainReport, ReconcileReport), SyncError> {
        let owner = self.owner().await?;
        self.core.store().outbox_retry_set_aside(&owner)?;
        self.core.store().outbox_wake(&owner)?;
        let drained = self.drain().await?;
        let mut reconciled = self.reconcile_library().await?;
        reconciled.stories_arrived = self.reconcile_runs().await?;
        Ok((drained, reconciled))
    }

    async fn send(&self, owner: &str, item: &OutboxItem) -> Result<(), SyncError> {
        match item.kind {
            OutboxKind::Drawing => self.send_drawing(owner, &item.subject).await,
            OutboxKind::Checkpoint => self.send_checkpoint(owner, &item.subject).await,
            OutboxKind::Library => self.send_library_entry(owner, &item.subject, &item.payload).await,
        }
    }

    /// Stops after the file parts in flight; the upload resumes where it stopped.
    pub fn pause(&self) {
        self.live().paused = true;
        self.current_control().pause();
    }

    pub fn resume(&self) {
        self.live().paused = false;
        *self.control.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = UploadControl::new();
        self.nudge();
    }

    /// Cancels the file upload in progress (the cloud drops its parts); its change is set aside
    /// until the parent chooses "Sync now", which sends it again from the start.
    pub fn cancel_upload(&self) {
        let control = std::mem::replace(
            &mut *self.control.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
            UploadControl::new(),
        );
        control.cancel();
    }

    pub(crate) fn current_control(&self) -> UploadControl {
        self.control.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn is_paused(&self) -> bool {
        self.live().paused
    }

    pub(crate) fn note_transfer(&self, progress: Option<(&str, TransferProgress)>) {
        self.live().transfer = progress.map(|(key, progress)| (key.to_owned(), progress));
    }

    /// Runs until the process ends: sends what waits, reconciles the library now and then, and
    /// sleeps in between (woken early by [`SyncEngine::nudge`]).
    pub async fn run_in_background(self: Arc<Self>) {
        let mut last_reconcile: Option<tokio::time::Instant> = None;
        loop {
            if self.session.whoami().await.is_some() && !self.is_paused() {
                if let Err(error) = self.drain().await {
                    tracing::debug!(code = error.code(), "sync pass stopped");
                }
                let due = last_reconcile.is_none_or(|at| at.elapsed() >= RECONCILE_EVERY);
                if due {
                    let reconciled = match self.reconcile_library().await {
                        Ok(_) => self.reconcile_runs().await.map(drop),
                        Err(error) => Err(error),
                    };
                    match reconciled {
                        Ok(()) => last_reconcile = Some(tokio::time::Instant::now()),
                        Err(error) if error.is_offline() => self.note_offline(&error.to_string()),
                        Err(error) => tracing::info!(code = error.code(), "library reconcile stopped"),
                    }
                }
            }
            let _ = tokio::time::timeout(IDLE_POLL, self.wake.notified()).await;
        }
    }
}

/// Exponential backoff with jitter: 2 s, 4 s, 8 s… up to five minutes, spread by up to a
/// quarter so several computers coming back online do not all retry at once.
fn backoff_secs(attempts: u32, salt: i64) -> i64 {
    let base = 2_i64.saturating_pow(attempts.min(20) + 1).min(MAX_BACKOFF_SECS);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::from(d.subsec_nanos()))
        .unwrap_or(0);
    let jitter = (nanos ^ salt.wrapping_mul(7919)).rem_euclid(base / 4 + 1);
    base + jitter
}

/// A unit enum's serde name (`"storybook"`, `"script"`), as items store it.
fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => format!("{other:?}"),
    }
}

/// The enum an item's text names, if it names one.
fn enum_from_text<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

pub(crate) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// What failed, in words that name the thing: "The storybook couldn't be sent: …".
fn describe(item: &OutboxItem, error: &SyncError) -> String {
    let what = match item.kind {
        OutboxKind::Drawing => "A drawing",
        OutboxKind::Checkpoint => "A story in progress",
        OutboxKind::Library => "A storybook",
    };
    if matches!(error, SyncError::Cloud(cloud::CloudError::Cancelled)) {
        return format!("{what} was not sent because you cancelled it. Choose Sync now to send it.");
    }
    let next = if error.is_transient() {
        "It will be sent again automatically."
    } else {
        "It was set aside; choose Sync now to try again."
    };
    format!("{what} couldn't be sent to your family's cloud: {error} {next}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_bounded() {
        let first = backoff_secs(0, 1);
        assert!((2..=3).contains(&first), "{first}");
        let fifth = backoff_secs(4, 1);
        assert!((32..=40).contains(&fifth), "{fifth}");
        for attempts in [20, 50, u32::MAX] {
            let wait = backoff_secs(attempts, 9);
            assert!((MAX_BACKOFF_SECS..=MAX_BACKOFF_SECS + MAX_BACKOFF_SECS / 4).contains(&wait), "{wait}");
        }
    }
}
