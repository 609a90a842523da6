//! One request, made well: the bearer token (renewed once when the service says it is stale),
//! a 5 s connect and 30 s whole-request timeout, up to three attempts for what may pass, a
//! cancel that is honoured while waiting on the network or between attempts, and every failure
//! turned into a [`ProviderError`] a parent can read.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;

use image::RgbaImage;
use serde::de::DeserializeOwned;
use serde::Serialize;
use services_api::wire::{
    self, AnalyzeResponse, DrawingFacts, Problem, StoryRequest, ANALYZE_PATH, GENERATE_PATH,
};
use services_api::{ProviderError, Recognizer, StoryWriter};
use zeroize::Zeroizing;

use crate::retry::RetryPolicy;
use crate::sending;

/// How often a waiting request looks at its cancel flag.
const CANCEL_POLL: Duration = Duration::from_millis(50);

pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Zeroizing<String>, ProviderError>> + Send + 'a>>;

/// Hands out the signed-in parent's access token.
pub trait TokenSource: Send + Sync {
    /// The current token; `renewed` asks for a fresh one because the service refused the last.
    /// No token because the network is down is [`ProviderError::Unreachable`] (tried again like
    /// any network error); no token because nobody is signed in is
    /// [`ProviderError::Unauthorized`].
    fn access_token(&self, renewed: bool) -> TokenFuture<'_>;
}

pub struct ServiceClient {
    inner: Arc<Inner>,
    runtime: tokio::runtime::Handle,
}

/// What a request needs, shared with the task that makes it.
struct Inner {
    base: String,
    http: reqwest::Client,
    tokens: Arc<dyn TokenSource>,
    policy: RetryPolicy,
}

/// What one attempt came to.
enum Attempt<T> {
    Answered(T),
    /// The token was refused.
    Unauthorized,
    /// Worth another attempt, after the server's `Retry-After` when it sent one.
    Transient(ProviderError, Option<Duration>),
    Final(ProviderError),
}

impl ServiceClient {
    /// A client for the services at `services_url` (`https://…`, or `http://` on this computer or
    /// a home network). The blocking seams run their requests on `runtime`.
    pub fn new(
        services_url: &str,
        tokens: Arc<dyn TokenSource>,
        runtime: tokio::runtime::Handle,
        policy: RetryPolicy,
    ) -> Result<Self, ProviderError> {
        let base = services_url.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(ProviderError::Unreachable(format!("{base:?} is not a web address")));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(policy.connect_timeout)
            .timeout(policy.request_timeout)
            .user_agent(concat!("NoComelon-Desktop/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| ProviderError::Unreachable(error.to_string()))?;
        Ok(Self { inner: Arc::new(Inner { base, http, tokens, policy }), runtime })
    }

    pub async fn generate(
        &self,
        request: &StoryRequest,
        cancel: &AtomicBool,
    ) -> Result<wire::StoryScript, ProviderError> {
        self.inner.post(GENERATE_PATH, request, cancel).await
    }

    /// Makes a request for a blocking caller: the request runs as a task on the client's
    /// runtime and this thread only waits for it, passing `cancel` on. Unlike
    /// `Handle::block_on`, this may be called from any thread, a runtime's own included.
    fn blocking<T, F>(
        &self,
        cancel: &AtomicBool,
        request: impl FnOnce(Arc<Inner>, Arc<AtomicBool>) -> F,
    ) -> Result<T, ProviderError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, ProviderError>> + Send + 'static,
    {
        let stop = Arc::new(AtomicBool::new(cancel.load(Ordering::Relaxed)));
        let (answer, answered) = std::sync::mpsc::channel();
        let work = request(Arc::clone(&self.inner), Arc::clone(&stop));
        self.runtime.spawn(async move {
            let _ = answer.send(work.await);
        });
        loop {
            match answered.recv_timeout(CANCEL_POLL) {
                Ok(result) => return result,
                Err(RecvTimeoutError::Timeout) => {
                    if cancel.load(Ordering::Relaxed) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(ProviderError::Unreachable("the app is shutting down".into()))
                }
            }
        }
    }
}

impl Inner {
    async fn post<Q: Serialize, A: DeserializeOwned>(
        &self,
        path: &str,
        request: &Q,
        cancel: &AtomicBool,
    ) -> Result<A, ProviderError> {
        let body = serde_json::to_vec(request).map_err(|error| ProviderError::OnDevice(error.to_string()))?;
        let url = format!("{}{path}", self.base);
        let mut renewed = false;
        let mut attempt = 1;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(ProviderError::Cancelled);
            }
            let outcome = until_cancelled(cancel, self.attempt(&url, &body, renewed)).await?;
            match outcome {
                Attempt::Answered(answer) => return Ok(answer),
                // A stale token is not the service failing: renew it once, without using up an
                // attempt.
                Attempt::Unauthorized if !renewed => renewed = true,
                Attempt::Unauthorized => return Err(ProviderError::Unauthorized),
                Attempt::Final(error) => return Err(error),
                Attempt::Transient(error, _) if attempt >= self.policy.attempts => return Err(error),
                Attempt::Transient(error, asked) => {
                    let pause = asked.unwrap_or_else(|| self.policy.pause_after(attempt));
                    if pause > self.policy.longest_pause {
                        return Err(error);
                    }
                    tracing::info!(
                        path,
                        attempt,
                        code = error.code(),
                        pause_ms = pause.as_millis() as u64,
                        "trying the service again"
                    );
                    until_cancelled(cancel, tokio::time::sleep(pause)).await?;
                    attempt += 1;
                }
            }
        }
    }

    async fn attempt<A: DeserializeOwned>(&self, url: &str, body: &[u8], renewed: bool) -> Attempt<A> {
        let token = match self.tokens.access_token(renewed).await {
            Ok(token) => token,
            Err(error) => {
                tracing::info!(code = error.code(), "no access token for the service");
                return match error {
                    ProviderError::Unreachable(_) => Attempt::Transient(error, None),
                    other => Attempt::Final(other),
                };
            }
        };
        let sent = self
            .http
            .post(url)
            .bearer_auth(token.as_str())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .send()
            .await;
        drop(token);
        let response = match sent {
            Ok(response) => response,
            Err(error) => return Attempt::Transient(network_error(error), None),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(error) => return Attempt::Transient(network_error(error), None),
        };
        match status {
            200 => match parse(&body) {
                Ok(answer) => Attempt::Answered(answer),
                Err(error) => Attempt::Final(error),
            },
            401 => Attempt::Unauthorized,
            429 => {
                let seconds = retry_after.unwrap_or(1);
                Attempt::Transient(
                    ProviderError::Busy { retry_after_secs: seconds },
                    Some(Duration::from_secs(seconds)),
                )
            }
            500..=599 => Attempt::Transient(ProviderError::Failing { status }, None),
            _ => {
                let problem: Option<Problem> = serde_json::from_slice(&body).ok();
                let (code, message) = problem
                    .map(|problem| (problem.code, problem.message))
                    .unwrap_or_else(|| (format!("http_{status}"), format!("it answered {status}")));
                Attempt::Final(ProviderError::Refused { code, message })
            }
        }
    }
}

impl Recognizer for ServiceClient {
    fn recognize(&self, drawing: &RgbaImage, cancel: &AtomicBool) -> Result<DrawingFacts, ProviderError> {
        let request = sending::analyze_request(drawing).map_err(|error| {
            ProviderError::OnDevice(format!("The drawing could not be prepared to send ({error})."))
        })?;
        let answer = self.blocking(cancel, |inner, stop| async move {
            inner.post::<_, AnalyzeResponse>(ANALYZE_PATH, &request, &stop).await
        })?;
        Ok(answer.drawing)
    }
}

impl StoryWriter for ServiceClient {
    fn write(&self, request: &StoryRequest, cancel: &AtomicBool) -> Result<wire::StoryScript, ProviderError> {
        let request = request.clone();
        self.blocking(cancel, |inner, stop| async move { inner.post(GENERATE_PATH, &request, &stop).await })
    }
}

fn parse<A: DeserializeOwned>(body: &[u8]) -> Result<A, ProviderError> {
    serde_json::from_slice(body)
        .map_err(|error| ProviderError::Unusable(format!("its answer is not what was asked for: {error}")))
}

fn network_error(error: reqwest::Error) -> ProviderError {
    if error.is_timeout() {
        ProviderError::TimedOut
    } else if error.is_connect() {
        ProviderError::Unreachable("no connection".into())
    } else {
        ProviderError::Unreachable("the connection broke off".into())
    }
}

/// Runs `work` until it ends or `cancel` is set.
async fn until_cancelled<T>(cancel: &AtomicBool, work: impl Future<Output = T>) -> Result<T, ProviderError> {
    let watch = async {
        while !cancel.load(Ordering::Relaxed) {
            tokio::time::sleep(CANCEL_POLL).await;
        }
    };
    tokio::select! {
        done = work => Ok(done),
        () = watch => Err(ProviderError::Cancelled),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// A session that cannot hand out a token, for `reason`.
    struct NoToken {
        reason: ProviderError,
        asked: AtomicUsize,
    }

    impl TokenSource for NoToken {
        fn access_token(&self, _renewed: bool) -> TokenFuture<'_> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            let reason = self.reason.clone();
            Box::pin(async move { Err(reason) })
        }
    }

    async fn asked_without_a_token(reason: ProviderError) -> (ProviderError, usize) {
        let tokens = Arc::new(NoToken { reason, asked: AtomicUsize::new(0) });
        let policy = RetryPolicy { first_pause: Duration::from_millis(10), ..RetryPolicy::default() };
        let client = ServiceClient::new(
            "http://127.0.0.1:9",
            tokens.clone(),
            tokio::runtime::Handle::current(),
            policy,
        )
        .expect("a client");
        let request =
            StoryRequest::for_run(&model::DrawingAnalysis::default(), &model::Customization::default(), 1);
        let error = client.generate(&request, &AtomicBool::new(false)).await.expect_err("no token, no story");
        (error, tokens.asked.load(Ordering::SeqCst))
    }

    #[tokio::test]
    async fn no_token_for_want_of_a_network_is_tried_again_and_not_called_a_sign_in_problem() {
        let (error, asked) = asked_without_a_token(ProviderError::Unreachable("no connection".into())).await;
        assert_eq!(error, ProviderError::Unreachable("no connection".into()));
        assert_eq!(asked, RetryPolicy::default().attempts as usize, "tried like any network error");
    }

    #[tokio::test]
    async fn no_token_because_nobody_is_signed_in_is_said_at_once() {
        let (error, asked) = asked_without_a_token(ProviderError::Unauthorized).await;
        assert_eq!((error, asked), (ProviderError::Unauthorized, 1));
    }
}
