//! A crash leaves a report a parent can read and send: what went wrong, where, and the app's
//! version, in a file of its own next to the logs. The report holds the panic's own message and
//! the code's location, never the app's data.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Crash reports are named `crash-<UTC time>.txt`.
pub const CRASH_REPORT_PREFIX: &str = "crash-";

/// From now on a panic anywhere in the process also writes a report into `folder` (and says
/// where on stderr); whatever handled panics before still runs after it.
pub fn install_crash_reports(folder: &Path, app_version: &'static str) {
    let folder = folder.to_path_buf();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let report = report(info, app_version);
        match write_report(&folder, &report) {
            Ok(path) => eprintln!("NoComelon stopped unexpectedly. A report is in {}", path.display()),
            Err(error) => {
                eprintln!("NoComelon stopped unexpectedly, and the report could not be saved ({error}).")
            }
        }
        previous(info);
    }));
}

fn report(info: &std::panic::PanicHookInfo<'_>, app_version: &str) -> String {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned());
    let location = info
        .location()
        .map(|at| format!("{}:{}", at.file(), at.line()))
        .unwrap_or_else(|| "unknown".to_owned());
    let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
    let mut text = String::new();
    let _ = writeln!(text, "NoComelon {app_version} stopped unexpectedly.");
    let _ = writeln!(text);
    let _ = writeln!(text, "When:     {} (UTC)", now_text());
    let _ = writeln!(text, "System:   {} {}", std::env::consts::OS, std::env::consts::ARCH);
    let _ = writeln!(text, "Thread:   {thread}");
    let _ = writeln!(text, "Where:    {location}");
    let _ = writeln!(text, "What:     {message}");
    let _ = writeln!(text);
    let _ = writeln!(text, "The steps that led there:");
    let _ = writeln!(text, "{}", std::backtrace::Backtrace::force_capture());
    text
}

fn write_report(folder: &Path, report: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let stamp = now_text().replace([':', ' '], "-");
    let path = folder.join(format!("{CRASH_REPORT_PREFIX}{stamp}-{}.txt", std::process::id()));
    std::fs::write(&path, report)?;
    Ok(path)
}

fn now_text() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::now_utc().format(&format).unwrap_or_else(|_| "unknown time".to_owned())
}
