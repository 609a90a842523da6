//! When to try a request again: network errors, timeouts, 5xx and 429 are worth another
//! attempt after a growing, jittered pause (so many computers retrying at once spread out);
//! any other 4xx or an answer of the wrong shape is not.

use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The pause before the second attempt; each later pause may be twice as long.
    pub first_pause: Duration,
    /// The longest pause, including a server's `Retry-After`; asked to wait longer, the client
    /// gives up (and the app answers on the computer instead).
    pub longest_pause: Duration,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 3,
            first_pause: Duration::from_millis(300),
            longest_pause: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The pause after failed attempt `attempt` (1-based): "full jitter", a random share of an
    /// exponentially growing ceiling.
    pub fn pause_after(&self, attempt: u32) -> Duration {
        let ceiling =
            self.first_pause.saturating_mul(1 << attempt.saturating_sub(1).min(16)).min(self.longest_pause);
        let half = ceiling / 2;
        half + ceiling.saturating_sub(half).mul_f64(rand::rng().random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_stay_jittered_and_bounded() {
        let policy = RetryPolicy::default();
        for attempt in 1..=6 {
            let ceiling = (policy.first_pause * (1 << (attempt - 1))).min(policy.longest_pause);
            let pauses: Vec<Duration> = (0..50).map(|_| policy.pause_after(attempt)).collect();
            assert!(
                pauses.iter().all(|pause| *pause >= ceiling / 2 && *pause <= ceiling),
                "{attempt}: {pauses:?}"
            );
            assert!(pauses.iter().any(|pause| *pause != pauses[0]), "jittered: {pauses:?}");
        }
    }
}
