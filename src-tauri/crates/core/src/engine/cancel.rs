//! One render per run at a time, each with a flag the parent's Cancel sets: within this process
//! through a registry, and across processes (the window and the `nocomelon` command on one data
//! folder) through a lock file in the run's folder, which the OS releases if the process dies.

use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::CoreError;

/// The lock file in a run's folder held while that run renders.
const RENDER_LOCK_FILE: &str = ".render-lock";

#[derive(Default)]
pub struct RenderRegistry {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

/// Held while a render runs; dropping it frees the run for the next render.
pub struct RenderGuard<'a> {
    registry: &'a RenderRegistry,
    run_id: String,
    pub flag: Arc<AtomicBool>,
    _cross_process: File,
}

impl RenderRegistry {
    /// Claims the run (whose folder is `run_dir`) for one render, or says it is busy.
    pub fn start(&self, run_id: &str, run_dir: &Path) -> Result<RenderGuard<'_>, CoreError> {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if running.contains_key(run_id) {
            return Err(CoreError::Busy);
        }
        let lock_path = run_dir.join(RENDER_LOCK_FILE);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| CoreError::io("open", &lock_path, source))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(CoreError::Busy),
            Err(TryLockError::Error(source)) => return Err(CoreError::io("lock", &lock_path, source)),
        }
        let flag = Arc::new(AtomicBool::new(false));
        running.insert(run_id.to_string(), Arc::clone(&flag));
        Ok(RenderGuard { registry: self, run_id: run_id.to_string(), flag, _cross_process: lock })
    }

    /// Asks the run's render to stop; true if one was running.
    pub fn cancel(&self, run_id: &str) -> bool {
        let running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        match running.get(run_id) {
            Some(flag) => {
                flag.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }
}

impl Drop for RenderGuard<'_> {
    fn drop(&mut self) {
        let mut running = self.registry.running.lock().unwrap_or_else(|p| p.into_inner());
        running.remove(&self.run_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_renders_once_at_a_time_and_cancel_reaches_it() {
        let dirs = tempfile::tempdir().expect("temp dir");
        let registry = RenderRegistry::default();
        let guard = registry.start("a", dirs.path()).expect("first");
        assert!(matches!(registry.start("a", dirs.path()), Err(CoreError::Busy)));
        let other = tempfile::tempdir().expect("temp dir");
        assert!(registry.start("b", other.path()).is_ok(), "other runs are independent");
        assert!(registry.cancel("a"));
        assert!(guard.flag.load(Ordering::Relaxed));
        drop(guard);
        assert!(!registry.cancel("a"));
        assert!(registry.start("a", dirs.path()).is_ok());
    }

    #[test]
    fn a_run_rendering_in_another_process_is_busy_here() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Another registry stands for another process: only the lock file is shared.
        let elsewhere = RenderRegistry::default();
        let held = elsewhere.start("a", dir.path()).expect("first");
        let here = RenderRegistry::default();
        assert!(matches!(here.start("a", dir.path()), Err(CoreError::Busy)));
        drop(held);
        assert!(here.start("a", dir.path()).is_ok(), "free once the other render ends");
    }
}
