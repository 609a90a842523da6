//! A loopback gate in front of the emulator: the app talks to the gate, and a test closes it to
//! take the computer "offline" (new connections are refused, open ones cut) and opens it again,
//! while the emulator behind it keeps everything it holds.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Gate {
    /// The gate's base URL; put it in the app's cloud config instead of the emulator's.
    pub url: String,
    open: Arc<AtomicBool>,
    live: Arc<Mutex<Vec<TcpStream>>>,
    /// Bytes per second each direction of a connection may carry; 0 for no limit.
    rate: Arc<AtomicU64>,
}

impl Gate {
    /// A gate forwarding to `target` (an `http://127.0.0.1:<port>` URL), open.
    pub fn start(target: &str) -> Gate {
        let target = target.trim_start_matches("http://").trim_end_matches('/').to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port for the gate");
        let url = format!("http://{}", listener.local_addr().expect("the gate's address"));
        let open = Arc::new(AtomicBool::new(true));
        let live: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let rate = Arc::new(AtomicU64::new(0));
        let (gate_open, gate_live, gate_rate) = (open.clone(), live.clone(), rate.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if !gate_open.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(&target) else {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                };
                if let (Ok(c), Ok(s)) = (client.try_clone(), server.try_clone()) {
                    let mut held = gate_live.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    held.push(c);
                    held.push(s);
                }
                pipe(client.try_clone(), server.try_clone(), gate_rate.clone());
                pipe(server.try_clone(), client.try_clone(), gate_rate.clone());
            }
        });
        Gate { url, open, live, rate }
    }

    /// A slow network: each direction of each connection carries at most `bytes_per_second`.
    pub fn throttle(&self, bytes_per_second: u64) {
        self.rate.store(bytes_per_second, Ordering::SeqCst);
    }

    /// The computer goes offline: nothing gets through until [`Gate::open`].
    pub fn close(&self) {
        self.open.store(false, Ordering::SeqCst);
        let mut held = self.live.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for stream in held.drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

fn pipe(from: std::io::Result<TcpStream>, to: std::io::Result<TcpStream>, rate: Arc<AtomicU64>) {
    let (Ok(mut from), Ok(mut to)) = (from, to) else { return };
    std::thread::spawn(move || {
        let _ = from.set_read_timeout(Some(Duration::from_secs(300)));
        let mut buffer = vec![0_u8; 64 * 1024];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                    let limit = rate.load(Ordering::SeqCst);
                    if limit > 0 {
                        std::thread::sleep(Duration::from_secs_f64(n as f64 / limit as f64));
                    }
                }
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}
