//! The handle a parent's "pause" and "cancel" buttons hold while an upload runs elsewhere: a
//! cloneable signal the upload watches between parts, so stopping never needs the upload's
//! future itself.

use std::sync::Arc;

use tokio::sync::watch;

/// What the upload has been asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    Run,
    /// Finish the parts in flight, keep the upload and its notes, stop.
    Pause,
    /// Stop now and leave nothing behind.
    Cancel,
}

/// Pauses or cancels the upload it is given to. A control that was paused or cancelled stays
/// so: give the next attempt a new one.
#[derive(Debug, Clone)]
pub struct UploadControl {
    signal: Arc<watch::Sender<Signal>>,
}

impl Default for UploadControl {
    fn default() -> Self {
        Self { signal: Arc::new(watch::Sender::new(Signal::Run)) }
    }
}

impl UploadControl {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops after the parts in flight; the upload can be resumed later.
    pub fn pause(&self) {
        self.signal.send_if_modified(|signal| {
            let changed = *signal == Signal::Run;
            if changed {
                *signal = Signal::Pause;
            }
            changed
        });
    }

    /// Stops at once and removes what was uploaded so far. Wins over a pause.
    pub fn cancel(&self) {
        self.signal.send_replace(Signal::Cancel);
    }

    pub fn is_paused(&self) -> bool {
        *self.signal.borrow() == Signal::Pause
    }

    pub fn is_cancelled(&self) -> bool {
        *self.signal.borrow() == Signal::Cancel
    }

    pub(crate) fn current(&self) -> Signal {
        *self.signal.borrow()
    }

    pub(crate) fn watch(&self) -> watch::Receiver<Signal> {
        self.signal.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_controls_the_same_upload() {
        let control = UploadControl::new();
        let button = control.clone();
        button.pause();
        assert!(control.is_paused());
        assert!(!control.is_cancelled());
    }

    #[test]
    fn cancel_wins_over_pause_and_pause_does_not_undo_cancel() {
        let control = UploadControl::new();
        control.pause();
        control.cancel();
        control.pause();
        assert!(control.is_cancelled());
        assert_eq!(control.current(), Signal::Cancel);
    }

    #[tokio::test]
    async fn a_watcher_wakes_when_the_signal_changes() {
        let control = UploadControl::new();
        let mut watcher = control.watch();
        let button = control.clone();
        tokio::spawn(async move { button.pause() });
        watcher.changed().await.expect("the sender lives");
        assert_eq!(*watcher.borrow(), Signal::Pause);
    }
}
