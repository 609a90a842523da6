//! Runs the media server as a process of its own, so its memory, threads, open files and CPU
//! time can be read from outside (`/proc/<pid>`) while clients misbehave, untouched by the
//! measuring side.
//!
//! Usage: `media-server-probe <media-dir> [--max-open-files N] [--max-connections N]
//! [--head-deadline-ms N] [--write-timeout-ms N]`. It prints its origin on one line and serves
//! until its standard input closes.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use media_server::{Limits, MediaServer};

struct Options {
    media_dir: PathBuf,
    max_open_files: Option<u64>,
    limits: Limits,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("media-server-probe: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let options = parse(std::env::args().skip(1))?;
    if let Some(limit) = options.max_open_files {
        limit_open_files(limit)?;
    }
    let server = MediaServer::start_with(&options.media_dir, options.limits)
        .map_err(|error| format!("{error} ({})", error.code()))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", server.origin()).and_then(|()| stdout.flush()).map_err(|e| e.to_string())?;
    // Serve until whoever started the probe goes away (its end of the pipe closes).
    let mut sink = [0u8; 64];
    let mut stdin = std::io::stdin().lock();
    while stdin.read(&mut sink).is_ok_and(|read| read > 0) {}
    Ok(())
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    const USAGE: &str = "usage: media-server-probe <media-dir> [--max-open-files N] [--max-connections N] \
                         [--head-deadline-ms N] [--write-timeout-ms N]";
    let media_dir = PathBuf::from(args.next().ok_or(USAGE)?);
    let mut options = Options { media_dir, max_open_files: None, limits: Limits::default() };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a number\n{USAGE}"))?;
        let number: u64 = value.parse().map_err(|_| format!("{flag} needs a number, not {value:?}"))?;
        match flag.as_str() {
            "--max-open-files" => options.max_open_files = Some(number),
            "--max-connections" => {
                options.limits.max_connections = usize::try_from(number).map_err(|e| e.to_string())?
            }
            "--head-deadline-ms" => options.limits.head_deadline = Duration::from_millis(number),
            "--write-timeout-ms" => options.limits.write_timeout = Duration::from_millis(number),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(options)
}

#[cfg(unix)]
fn limit_open_files(limit: u64) -> Result<(), String> {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let maximum = getrlimit(Resource::Nofile).maximum;
    setrlimit(Resource::Nofile, Rlimit { current: Some(limit), maximum })
        .map_err(|error| format!("the open-file limit could not be set to {limit}: {error}"))
}

#[cfg(not(unix))]
fn limit_open_files(_limit: u64) -> Result<(), String> {
    Err("--max-open-files needs a Unix system".into())
}
