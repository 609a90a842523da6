//! Building and running the server: the settings a host may change, binding the socket, and a
//! graceful stop (no new connections, in-flight requests finish, but never longer than a bound)
//! that the binary triggers from a signal and tests trigger directly.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use services_api::{Recognizer, StoryWriter};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::auth::{KeySet, Verifier};
use crate::config::TrustedPool;
use crate::jobs::Jobs;
use crate::picture::PictureLimits;
use crate::rate_limit::{RateLimit, RateLimiter};
use crate::routes::router;
use crate::state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not listen on {addr} ({source})")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("{0}")]
    Keys(String),
}

/// A server to start; every limit has a default fit for a family or a school.
pub struct ServerBuilder {
    pool: TrustedPool,
    recognizer: Arc<dyn Recognizer>,
    writer: Arc<dyn StoryWriter>,
    rate_limit: RateLimit,
    body_limit: usize,
    request_timeout: Duration,
    shutdown_grace: Duration,
    jwks_refetch_cooldown: Duration,
    concurrent_jobs: usize,
    job_queue_wait: Duration,
    picture_limits: PictureLimits,
}

impl ServerBuilder {
    pub fn new(pool: TrustedPool, recognizer: Arc<dyn Recognizer>, writer: Arc<dyn StoryWriter>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            pool,
            recognizer,
            writer,
            rate_limit: RateLimit::default(),
            body_limit: 8 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(20),
            jwks_refetch_cooldown: Duration::from_secs(60),
            concurrent_jobs: cores * 2,
            job_queue_wait: Duration::from_secs(10),
            picture_limits: PictureLimits::default(),
        }
    }

    /// Requests per user (token `sub`): 60 a minute with bursts of 20 by default.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = limit;
        self
    }

    /// The largest request body, in bytes (8 MiB by default).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The longest a request may take, body and answer included (60 s by default).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// How long a stop waits for requests in flight (20 s by default).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// The least time between two key fetches caused by unknown key ids (60 s by default).
    pub fn jwks_refetch_cooldown(mut self, cooldown: Duration) -> Self {
        self.jwks_refetch_cooldown = cooldown;
        self
    }

    /// How many recognitions and stories run at once (twice the cores by default), and how long
    /// a request waits for a turn before it is told the server is busy (10 s by default).
    pub fn jobs(mut self, concurrent: usize, queue_wait: Duration) -> Self {
        self.concurrent_jobs = concurrent;
        self.job_queue_wait = queue_wait;
        self
    }

    /// How large a drawing the server opens.
    pub fn picture_limits(mut self, limits: PictureLimits) -> Self {
        self.picture_limits = limits;
        self
    }

    /// The routes with every check and limit, to be served by something else (the Lambda
    /// runtime); keys are fetched at the first request.
    pub fn into_router(self) -> Result<axum::Router, StartError> {
        let (body_limit, request_timeout) = (self.body_limit, self.request_timeout);
        Ok(router(self.state()?, body_limit, request_timeout))
    }

    fn state(self) -> Result<Arc<AppState>, StartError> {
        let keys = KeySet::new(self.pool.jwks_url.clone(), self.jwks_refetch_cooldown)
            .map_err(|err| StartError::Keys(err.to_string()))?;
        Ok(Arc::new(AppState {
            verifier: Verifier::new(&self.pool, keys),
            limiter: RateLimiter::new(self.rate_limit),
            recognizer: self.recognizer,
            writer: self.writer,
            jobs: Jobs::new(self.concurrent_jobs, self.job_queue_wait),
            picture_limits: self.picture_limits,
        }))
    }

    /// Binds `addr` (port 0 picks a free one) and serves until stopped.
    pub async fn bind(self, addr: SocketAddr) -> Result<RunningServer, StartError> {
        let (body_limit, request_timeout, grace) =
            (self.body_limit, self.request_timeout, self.shutdown_grace);
        let state = self.state()?;
        let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
        let local_addr = listener.local_addr().map_err(|source| StartError::Bind { addr, source })?;

        let prefetch = state.clone();
        tokio::spawn(async move { prefetch.verifier.keys().prefetch().await });

        let app = router(state, body_limit, request_timeout);
        let (stop, stopping) = watch::channel(false);
        let mut graceful = stopping.clone();
        let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
            // A dropped handle stops the server too.
            let _ = graceful.wait_for(|stop| *stop).await;
            tracing::info!("stopping: no new connections; finishing the requests in flight");
        });
        let mut bounded = stopping;
        let task = tokio::spawn(async move {
            let deadline = async move {
                let _ = bounded.wait_for(|stop| *stop).await;
                tokio::time::sleep(grace).await;
            };
            tokio::select! {
                served = std::future::IntoFuture::into_future(serve) => {
                    if let Err(err) = served {
                        tracing::error!(%err, "the server stopped with an error");
                    }
                    Stopped::Drained
                }
                () = deadline => {
                    tracing::warn!(grace_secs = grace.as_secs_f64(), "requests still in flight after the grace period; stopping anyway");
                    Stopped::GraceExpired
                }
            }
        });
        Ok(RunningServer { local_addr, stop, task })
    }
}

/// How a stop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every request in flight was answered.
    Drained,
    /// The grace period ran out first; those requests were abandoned.
    GraceExpired,
}

/// Triggers a graceful stop; may be cloned and sent to a signal handler.
#[derive(Clone)]
pub struct StopHandle(watch::Sender<bool>);

impl StopHandle {
    pub fn stop(&self) {
        self.0.send_replace(true);
    }
}

/// A server accepting connections. Dropping it stops the server as [`RunningServer::shutdown`] does.
pub struct RunningServer {
    local_addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<Stopped>,
}

impl RunningServer {
    /// The address it listens on (with the port picked when port 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(self.stop.clone())
    }

    /// Stops accepting, lets requests in flight finish within the grace period, and returns.
    pub async fn shutdown(self) -> Stopped {
        self.stop.send_replace(true);
        self.wait().await
    }

    /// Waits until a [`StopHandle`] stopped the server and the stop is over.
    pub async fn wait(self) -> Stopped {
        let RunningServer { stop: _keep_running, task, .. } = self;
        task.await.unwrap_or(Stopped::GraceExpired)
    }
}
