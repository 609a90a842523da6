//! The accept loop: it admits connections through the gate and hands each to a thread of its own.
//! Accepting can fail for reasons that persist (file descriptors run out); the loop then pauses
//! instead of spinning on the same error.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Instant;

use crate::connection;
use crate::gate::Gate;
use crate::limits::Limits;
use crate::site::Site;

/// Request threads do little more than copy a file into a socket.
const REQUEST_THREAD_STACK: usize = 256 * 1024;

pub(crate) fn serve_forever(listener: &TcpListener, site: &Arc<Site>, limits: &Limits) {
    let gate = Gate::new(limits.max_connections);
    let mut failing = false;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // These end one connection, not the listener: the next accept is a different one.
            Err(error)
                if matches!(
                    error.kind(),
                    ErrorKind::Interrupted | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
                ) =>
            {
                continue
            }
            Err(error) => {
                if !failing {
                    tracing::warn!(%error, "the media server cannot accept connections; pausing between tries");
                }
                failing = true;
                std::thread::sleep(limits.accept_backoff);
                continue;
            }
        };
        if failing {
            tracing::info!("the media server accepts connections again");
            failing = false;
        }
        let accepted_at = Instant::now();
        let stream = Arc::new(stream);
        let Some(pass) = gate.admit(&stream, limits.admission_wait) else {
            tracing::debug!("every media connection slot is busy; a connection was turned away");
            continue;
        };
        let site = Arc::clone(site);
        let limits = limits.clone();
        let spawned = std::thread::Builder::new()
            .name("media-request".into())
            .stack_size(REQUEST_THREAD_STACK)
            .spawn(move || connection::handle(&stream, &pass, &site, &limits, accepted_at));
        if let Err(error) = spawned {
            tracing::warn!(%error, "a media request thread could not be started");
        }
    }
}
