//! Why the media server could not start, in words for the log and a stable code for the UI; when
//! it cannot start, the app falls back to the asset protocol, so nothing here is fatal.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("The media folder {} can't be opened, so videos can't be streamed from it: {source}", path.display())]
    MediaFolder { path: PathBuf, source: std::io::Error },

    #[error("No loopback port could be opened for streaming videos: {0}")]
    Listen(std::io::Error),

    #[error("The video streaming thread could not be started: {0}")]
    Thread(std::io::Error),

    #[error("The media server's limits don't make sense: {0}.")]
    Limits(&'static str),
}

impl StartError {
    /// A stable, machine-readable name for the failure.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MediaFolder { .. } => "media_folder_unavailable",
            Self::Listen(_) => "media_server_port_unavailable",
            Self::Thread(_) => "media_server_thread_unavailable",
            Self::Limits(_) => "media_server_limits",
        }
    }
}
