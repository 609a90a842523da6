//! What one client may take from the server, in one place, so the app runs with safe defaults and
//! tests can shorten the clocks instead of waiting for them.

use std::time::Duration;

use crate::StartError;

/// The bounds every connection lives within. [`Limits::default`] is what the app uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Connections handled at once. Each holds one thread, so this also caps the threads.
    pub max_connections: usize,
    /// The request line and headers together, in bytes; a longer head gets 431.
    pub max_head_bytes: usize,
    /// Time from accepting a connection to the end of its request head, however slowly the
    /// bytes arrive; a head still unfinished then gets 408.
    pub head_deadline: Duration,
    /// How long one write of a response may make no progress. A player that reads a long video
    /// slowly is never cut off; one that stops reading is let go after this long.
    pub write_timeout: Duration,
    /// How long a new connection may wait for a free slot when every slot is busy answering.
    pub admission_wait: Duration,
    /// The pause after accepting fails for want of resources (file descriptors run out), so the
    /// accept loop never spins.
    pub accept_backoff: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 32,
            max_head_bytes: 8 * 1024,
            head_deadline: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            admission_wait: Duration::from_secs(1),
            accept_backoff: Duration::from_millis(100),
        }
    }
}

/// Below this a request line with a media path would not fit.
const SMALLEST_HEAD: usize = 1024;

impl Limits {
    pub(crate) fn check(&self) -> Result<(), StartError> {
        let problem = if self.max_connections == 0 {
            Some("at least one connection must be allowed")
        } else if self.max_head_bytes < SMALLEST_HEAD {
            Some("the request head limit must be at least 1 KiB")
        } else if self.head_deadline.is_zero() || self.write_timeout.is_zero() {
            Some("the head deadline and the write timeout must be longer than zero")
        } else if self.accept_backoff.is_zero() {
            Some("the pause after a failed accept must be longer than zero")
        } else {
            None
        };
        problem.map_or(Ok(()), |problem| Err(StartError::Limits(problem)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_their_own_check() {
        assert!(Limits::default().check().is_ok());
    }

    #[test]
    fn a_zero_timeout_is_refused_because_sockets_cannot_wait_zero_seconds() {
        let limits = Limits { write_timeout: Duration::ZERO, ..Limits::default() };
        let error = limits.check().expect_err("zero timeout");
        assert_eq!(error.code(), "media_server_limits");
    }
}
