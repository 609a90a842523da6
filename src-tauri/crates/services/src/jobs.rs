//! Recognition and story writing are blocking, CPU- and memory-heavy calls: they run on the
//! blocking pool, a bounded number at a time (a decoded drawing can take tens of megabytes), and
//! a request whose client went away tells its provider to stop.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use services_api::Cancel;
use tokio::sync::Semaphore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    #[error("every worker stayed busy for {0:?}")]
    Busy(Duration),
    #[error("the work stopped unexpectedly")]
    Crashed,
}

pub struct Jobs {
    permits: Arc<Semaphore>,
    queue_wait: Duration,
}

/// Sets the cancel flag when the request's future is dropped (its client went away).
struct CancelOnDrop(Arc<Cancel>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl Jobs {
    /// At most `concurrent` jobs at once; a job waits at most `queue_wait` for its turn.
    pub fn new(concurrent: usize, queue_wait: Duration) -> Self {
        Self { permits: Arc::new(Semaphore::new(concurrent.max(1))), queue_wait }
    }

    /// Runs `work` on the blocking pool, inside the request's tracing span.
    pub async fn run<T, F>(&self, work: F) -> Result<T, JobError>
    where
        T: Send + 'static,
        F: FnOnce(&Cancel) -> T + Send + 'static,
    {
        let permit = match tokio::time::timeout(self.queue_wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            _ => return Err(JobError::Busy(self.queue_wait)),
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let _stop_if_dropped = CancelOnDrop(cancel.clone());
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            span.in_scope(|| work(&cancel))
        })
        .await
        .map_err(|err| {
            tracing::error!(%err, "a recognition or story job panicked");
            JobError::Crashed
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_job_waits_its_turn_and_gives_up_when_the_wait_is_too_long() {
        let jobs = Arc::new(Jobs::new(1, Duration::from_millis(50)));
        let (started_tx, started_rx) = tokio::sync::oneshot::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let long = {
            let jobs = jobs.clone();
            tokio::spawn(async move {
                jobs.run(move |_| {
                    let _ = started_tx.send(());
                    let _ = release_rx.recv();
                    1
                })
                .await
            })
        };
        started_rx.await.expect("the first job started");
        assert_eq!(jobs.run(|_| 2).await, Err(JobError::Busy(Duration::from_millis(50))));
        release_tx.send(()).expect("release");
        assert_eq!(long.await.expect("joined"), Ok(1));
        assert_eq!(jobs.run(|_| 3).await, Ok(3), "the slot is free again");
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_not_a_crash() {
        let jobs = Jobs::new(1, Duration::from_secs(1));
        let outcome: Result<(), JobError> = jobs.run(|_| panic!("engine bug")).await;
        assert_eq!(outcome, Err(JobError::Crashed));
        assert_eq!(jobs.run(|_| 4).await, Ok(4), "the permit came back");
    }
}
