//! What a parent can send when something goes wrong: the app's log, kept in a few rotating files
//! in the OS log folder, and a readable report of any crash next to them. Kept apart from the
//! shell so the CLI and the tests use the same setup, and so a crash can be tested in a process
//! of its own.
//!
//! Nothing secret is logged anywhere in the app (no token, password or AWS credential), so the
//! files can be sent as they are.

mod crash;
mod folder;

use std::path::Path;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

pub use crash::{install_crash_reports, CRASH_REPORT_PREFIX};
pub use folder::log_folder;

/// How many days of logs are kept.
const DAYS_KEPT: usize = 7;
/// The log files' names: `nocomelon.<yyyy-mm-dd>.log`.
pub const LOG_FILE_PREFIX: &str = "nocomelon";
/// The environment variable that sets what is logged (`info` by default; `debug` for more).
pub const LOG_FILTER_ENV: &str = "NOCOMELON_LOG";

/// Sends the app's log to stderr and, when `folder` can be written, to a daily file there (the
/// last week kept). A second call in the same process changes nothing.
pub fn init_logging(folder: Option<&Path>) {
    let filter = || EnvFilter::try_from_env(LOG_FILTER_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    let to_file = folder.and_then(|folder| {
        let appender = tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix(LOG_FILE_PREFIX)
            .filename_suffix("log")
            .max_log_files(DAYS_KEPT)
            .build(folder);
        match appender {
            Ok(appender) => Some(fmt::layer().with_ansi(false).with_writer(appender).with_filter(filter())),
            Err(error) => {
                eprintln!("NoComelon keeps no log file: {} can't be used ({error}).", folder.display());
                None
            }
        }
    });
    let to_stderr = fmt::layer().with_writer(std::io::stderr).with_filter(filter());
    if tracing_subscriber::registry().with(to_stderr).with(to_file).try_init().is_err() {
        tracing::debug!("logging was already set up");
    }
}
