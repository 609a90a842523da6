//! One token bucket per signed-in user (the token's `sub`), so one family's runaway client
//! cannot take the server from the others. Kept apart from the HTTP layer so its arithmetic is
//! tested with a clock the test controls.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many requests a user may make: `per_minute` on average, `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { per_minute: 60, burst: 20 }
    }
}

/// Beyond this many users remembered, the buckets that have refilled are forgotten.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            per_second: f64::from(limit.per_minute.max(1)) / 60.0,
            burst: f64::from(limit.burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `user`'s bucket at `now`, or says how long until one is there.
    pub fn take(&self, user: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, bucket| self.refilled(bucket, now) < self.burst);
        }
        let bucket = buckets.entry(user.to_owned()).or_insert(Bucket { tokens: self.burst, updated: now });
        bucket.tokens = self.refilled(bucket, now);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second))
        }
    }

    fn refilled(&self, bucket: &Bucket, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        (bucket.tokens + elapsed * self.per_second).min(self.burst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_wait_is_told() {
        let limiter = RateLimiter::new(RateLimit { per_minute: 60, burst: 3 });
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.take("mia", start), Ok(()));
        }
        let wait = limiter.take("mia", start).expect_err("the burst is spent");
        assert!((wait.as_secs_f64() - 1.0).abs() < 1e-6, "one request a second: {wait:?}");
        assert_eq!(limiter.take("mia", start + Duration::from_secs(1)), Ok(()), "refilled after the wait");
    }

    #[test]
    fn each_user_has_their_own_bucket() {
        let limiter = RateLimiter::new(RateLimit { per_minute: 1, burst: 1 });
        let now = Instant::now();
        assert_eq!(limiter.take("mia", now), Ok(()));
        assert!(limiter.take("mia", now).is_err());
        assert_eq!(limiter.take("leo", now), Ok(()), "another user is not slowed by Mia");
    }

    #[test]
    fn a_bucket_never_holds_more_than_the_burst() {
        let limiter = RateLimiter::new(RateLimit { per_minute: 600, burst: 2 });
        let start = Instant::now();
        assert_eq!(limiter.take("mia", start), Ok(()));
        let later = start + Duration::from_secs(3600);
        assert_eq!(limiter.take("mia", later), Ok(()));
        assert_eq!(limiter.take("mia", later), Ok(()));
        assert!(limiter.take("mia", later).is_err(), "an hour idle still gives only the burst");
    }
}
