//! The cap on concurrent connections. Each connection holds a thread, so bounding connections
//! bounds threads. When the cap is reached, the connection that has waited longest without
//! finishing its request is let go to make room: a flood of silent sockets then costs the flood,
//! not the video player that connects after it.

use std::collections::VecDeque;
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

pub(crate) struct Gate {
    capacity: usize,
    state: Mutex<State>,
    freed: Condvar,
}

struct State {
    open: usize,
    next_id: u64,
    /// Connections still reading their request head, oldest first: the ones that may be let go.
    awaiting_request: VecDeque<(u64, Arc<TcpStream>)>,
}

/// A connection's slot; dropping it frees the slot.
pub(crate) struct Pass {
    gate: Arc<Gate>,
    id: u64,
}

impl Gate {
    pub(crate) fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Self {
            capacity,
            state: Mutex::new(State { open: 0, next_id: 0, awaiting_request: VecDeque::new() }),
            freed: Condvar::new(),
        })
    }

    /// A slot for `stream`, making room by letting go the longest-waiting connection that has not
    /// sent its request yet, and waiting at most `wait`; `None` when every slot stays busy.
    pub(crate) fn admit(self: &Arc<Self>, stream: &Arc<TcpStream>, wait: Duration) -> Option<Pass> {
        let deadline = Instant::now() + wait;
        let mut state = self.lock();
        let mut made_room = false;
        while state.open >= self.capacity {
            if !made_room {
                if let Some((_, oldest)) = state.awaiting_request.pop_front() {
                    // Wakes the thread blocked reading it; the thread then frees its slot.
                    let _ = oldest.shutdown(Shutdown::Both);
                    made_room = true;
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            state = self.freed.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        state.open += 1;
        let id = state.next_id;
        state.next_id += 1;
        state.awaiting_request.push_back((id, Arc::clone(stream)));
        Some(Pass { gate: Arc::clone(self), id })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Pass {
    /// The request has arrived: from now on the connection is being answered and is not let go
    /// to make room.
    pub(crate) fn request_received(&self) {
        self.gate.lock().awaiting_request.retain(|(id, _)| *id != self.id);
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        let mut state = self.gate.lock();
        state.awaiting_request.retain(|(id, _)| *id != self.id);
        state.open -= 1;
        drop(state);
        self.gate.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::net::TcpListener;

    use super::*;

    fn pair(listener: &TcpListener) -> (TcpStream, Arc<TcpStream>) {
        let client = TcpStream::connect(listener.local_addr().expect("address")).expect("connect");
        let (server, _) = listener.accept().expect("accept");
        (client, Arc::new(server))
    }

    #[test]
    fn a_full_gate_lets_the_oldest_waiting_connection_go_to_admit_a_new_one() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let gate = Gate::new(2);
        let (mut first_client, first) = pair(&listener);
        let (_second_client, second) = pair(&listener);
        let first_pass = gate.admit(&first, Duration::from_secs(1)).expect("first");
        let _second_pass = gate.admit(&second, Duration::from_secs(1)).expect("second");

        let (_third_client, third) = pair(&listener);
        let waiter = {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || gate.admit(&third, Duration::from_secs(5)).is_some())
        };
        let mut byte = [0u8; 1];
        assert_eq!(first_client.read(&mut byte).expect("read"), 0, "the oldest connection is closed");
        drop(first_pass);
        assert!(waiter.join().expect("join"), "the new connection takes the freed slot");
    }

    #[test]
    fn connections_being_answered_are_never_let_go_and_a_newcomer_gives_up_after_its_wait() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let gate = Gate::new(1);
        let (_busy_client, busy) = pair(&listener);
        let pass = gate.admit(&busy, Duration::from_secs(1)).expect("busy");
        pass.request_received();
        let (_late_client, late) = pair(&listener);
        let started = Instant::now();
        assert!(gate.admit(&late, Duration::from_millis(200)).is_none());
        assert!(started.elapsed() >= Duration::from_millis(200));
        let mut probe = [0u8; 1];
        busy.set_nonblocking(true).expect("nonblocking");
        let still_open =
            matches!((&*busy).read(&mut probe), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
        assert!(still_open, "the connection being answered is left alone");
    }
}
