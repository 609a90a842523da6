//! The server's idea of "now". Cognito checks the SRP TIMESTAMP and token expiry against its own
//! clock, so a computer whose clock is off must correct by the skew learned from the `Date`
//! header of every AWS response.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// Local time corrected by the last skew seen from a server.
#[derive(Debug, Default)]
pub struct ServerClock {
    skew_ms: AtomicI64,
}

impl ServerClock {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// How far the server's clock is ahead of this computer's (negative when behind).
    pub fn skew(&self) -> Duration {
        Duration::from_millis(self.skew_ms.load(Ordering::Relaxed).unsigned_abs())
    }

    pub fn skew_millis(&self) -> i64 {
        self.skew_ms.load(Ordering::Relaxed)
    }

    /// Server time now, in Unix milliseconds.
    pub fn now_millis(&self) -> i64 {
        local_millis(SystemTime::now()) + self.skew_ms.load(Ordering::Relaxed)
    }

    /// Server time now, in Unix seconds.
    pub fn now_unix(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }

    /// Server time now as a `SystemTime`.
    pub fn now(&self) -> SystemTime {
        let millis = self.now_millis();
        if millis >= 0 {
            UNIX_EPOCH + Duration::from_millis(millis.unsigned_abs())
        } else {
            UNIX_EPOCH
        }
    }

    /// Learns the skew from an HTTP `Date` header value received just now.
    pub fn observe_date_header(&self, value: &str) {
        let Ok(server) = httpdate::parse_http_date(value) else {
            return;
        };
        self.observe(server, SystemTime::now());
    }

    /// Learns the skew from a server time and the local time it was seen at. The header has
    /// one-second resolution, so differences under a second are not worth correcting.
    pub fn observe(&self, server: SystemTime, local: SystemTime) {
        let skew = local_millis(server) - local_millis(local);
        let skew = if skew.abs() < 1000 { 0 } else { skew };
        self.skew_ms.store(skew, Ordering::Relaxed);
    }

    /// Sets the skew directly (restored sessions, tests).
    pub fn set_skew_millis(&self, skew: i64) {
        self.skew_ms.store(skew, Ordering::Relaxed);
    }
}

fn local_millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// An SDK interceptor that feeds every response's `Date` header to a [`ServerClock`].
#[derive(Debug, Clone)]
pub struct DateHeaderInterceptor {
    clock: Arc<ServerClock>,
}

impl DateHeaderInterceptor {
    pub fn new(clock: Arc<ServerClock>) -> Self {
        Self { clock }
    }
}

impl Intercept for DateHeaderInterceptor {
    fn name(&self) -> &'static str {
        "NoComelonDateHeader"
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(date) = context.response().headers().get("date") {
            self.clock.observe_date_header(date);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_is_learned_from_a_date_header() {
        let clock = ServerClock::default();
        let local = SystemTime::now();
        clock.observe(local + Duration::from_secs(7200), local);
        let ahead = clock.now_unix() - local_millis(SystemTime::now()) / 1000;
        assert!((7199..=7201).contains(&ahead), "{ahead}");
        assert_eq!(clock.skew_millis(), 7_200_000);
    }

    #[test]
    fn sub_second_noise_is_ignored() {
        let clock = ServerClock::default();
        let local = SystemTime::now();
        clock.observe(local - Duration::from_millis(400), local);
        assert_eq!(clock.skew_millis(), 0);
    }

    #[test]
    fn a_garbled_header_changes_nothing() {
        let clock = ServerClock::default();
        clock.set_skew_millis(5000);
        clock.observe_date_header("yesterday-ish");
        assert_eq!(clock.skew_millis(), 5000);
        clock.observe_date_header(&httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(60)));
        assert!((-61_000..=-59_000).contains(&clock.skew_millis()), "{}", clock.skew_millis());
    }
}
