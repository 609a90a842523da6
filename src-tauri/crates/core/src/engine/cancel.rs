//! One render per run at a time, each with a flag the parent's Cancel sets.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::CoreError;

#[derive(Default)]
pub struct RenderRegistry {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

/// Held while a render runs; dropping it frees the run for the next render.
pub struct RenderGuard<'a> {
    registry: &'a RenderRegistry,
    run_id: String,
    pub flag: Arc<AtomicBool>,
}

impl RenderRegistry {
    pub fn start(&self, run_id: &str) -> Result<RenderGuard<'_>, CoreError> {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if running.contains_key(run_id) {
            return Err(CoreError::Busy);
        }
        let flag = Arc::new(AtomicBool::new(false));
        running.insert(run_id.to_string(), Arc::clone(&flag));
        Ok(RenderGuard { registry: self, run_id: run_id.to_string(), flag })
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
        let registry = RenderRegistry::default();
        let guard = registry.start("a").expect("first");
        assert!(matches!(registry.start("a"), Err(CoreError::Busy)));
        assert!(registry.start("b").is_ok(), "other runs are independent");
        assert!(registry.cancel("a"));
        assert!(guard.flag.load(Ordering::Relaxed));
        drop(guard);
        assert!(!registry.cancel("a"));
        assert!(registry.start("a").is_ok());
    }
}
