//! Videos reach the webview over a loopback HTTP server with Range support: WebKitGTK's media
//! player (GStreamer) cannot read Tauri's custom `asset:` scheme, but it plays plain HTTP.
//!
//! The server lives in its own Tauri-free crate because any local program can connect to it: it
//! has to be tested and measured as a process of its own against misbehaving clients, which the
//! app shell cannot offer.
//!
//! It serves only files inside the media folder, only to requests carrying a random per-launch
//! token, only on 127.0.0.1, and only GET/HEAD. Every connection is bounded: in number, in the
//! size of its request head, in the time the head may take, and in how long a write may stall.

mod accept;
mod connection;
mod error;
mod gate;
mod head;
mod limits;
mod range;
mod response;
mod site;

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

pub use error::StartError;
pub use limits::Limits;

/// A running media server. It serves for the rest of the process's life; dropping the handle does
/// not stop it, so a caller may keep only the origin.
#[derive(Debug)]
pub struct MediaServer {
    origin: String,
}

impl MediaServer {
    /// Starts serving `media_dir` on a free loopback port with the default [`Limits`].
    pub fn start(media_dir: &Path) -> Result<Self, StartError> {
        Self::start_with(media_dir, Limits::default())
    }

    /// Starts serving `media_dir` on a free loopback port with the given limits.
    pub fn start_with(media_dir: &Path, limits: Limits) -> Result<Self, StartError> {
        limits.check()?;
        let root = media_dir
            .canonicalize()
            .map_err(|source| StartError::MediaFolder { path: media_dir.to_path_buf(), source })?;
        let token = uuid::Uuid::new_v4().simple().to_string();
        let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(StartError::Listen)?;
        let port = listener.local_addr().map_err(StartError::Listen)?.port();
        let site = Arc::new(site::Site::new(token.clone(), root));
        std::thread::Builder::new()
            .name("media-server".into())
            .spawn(move || accept::serve_forever(&listener, &site, &limits))
            .map_err(StartError::Thread)?;
        tracing::debug!(port, "the media server is listening");
        Ok(Self { origin: format!("http://127.0.0.1:{port}/{token}") })
    }

    /// The prefix of every media URL; a file's URL is this plus `/` and its percent-encoded path.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}
