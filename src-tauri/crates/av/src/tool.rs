//! Finding the external programs av drives (ffmpeg, ffprobe, speech engines): the app may bundle
//! them next to its executable, a developer may point at their own build, or they are on PATH.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::AvError;

const TARGET_TRIPLE: &str = env!("AV_TARGET_TRIPLE");

/// The ffmpeg program: `FFMPEG`, else a sidecar next to the executable, else PATH.
pub fn ffmpeg_path() -> Result<PathBuf, AvError> {
    locate("FFMPEG", "ffmpeg").ok_or_else(|| missing_media_tool("ffmpeg"))
}

/// The ffprobe program: `FFPROBE`, else a sidecar next to the executable, else PATH.
pub fn ffprobe_path() -> Result<PathBuf, AvError> {
    locate("FFPROBE", "ffprobe").ok_or_else(|| missing_media_tool("ffprobe"))
}

fn missing_media_tool(tool: &'static str) -> AvError {
    let install = if cfg!(target_os = "macos") {
        "brew install ffmpeg"
    } else if cfg!(windows) {
        "winget install Gyan.FFmpeg"
    } else {
        "sudo apt install ffmpeg"
    };
    AvError::ToolMissing { tool, message: format!("Making videos needs {tool}: {install}") }
}

/// Looks for `name` in the override variable, next to the running executable (plain or with the
/// target triple, as Tauri names `externalBin` sidecars), then on PATH.
pub(crate) fn locate(env_var: &str, name: &str) -> Option<PathBuf> {
    if let Some(value) = std::env::var_os(env_var).filter(|value| !value.is_empty()) {
        let path = PathBuf::from(value);
        // An explicit override that does not exist is a mistake worth reporting, not bypassing.
        return is_program(&path).then_some(path);
    }
    sidecar(name).or_else(|| on_path(name))
}

fn sidecar(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    sidecar_candidates(dir, name).into_iter().find(|path| is_program(path))
}

fn sidecar_candidates(dir: &Path, name: &str) -> Vec<PathBuf> {
    let suffix = std::env::consts::EXE_SUFFIX;
    vec![dir.join(format!("{name}{suffix}")), dir.join(format!("{name}-{TARGET_TRIPLE}{suffix}"))]
}

/// Searches PATH for `name` (with the platform's executable suffix).
pub(crate) fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&paths).map(|dir| dir.join(&file)).find(|path| is_program(path))
}

fn is_program(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    if !meta.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// A command for `program` with no inherited stdin and, on Windows, no console window flashing
/// up over the app.
pub(crate) fn command(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.stdin(Stdio::null());
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    #[cfg(target_os = "linux")]
    ends_with_its_starter(&mut command);
    command
}

/// A helper left running after the app is killed would go on writing a partial file that the
/// next start has already swept, and burn the computer's time on a video nobody will see. On
/// Linux the kernel kills the helper when the thread that started it ends; every helper here is
/// waited for by the thread that started it, so that thread outlives it.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn ends_with_its_starter(command: &mut Command) {
    use rustix::process::{getpid, getppid, set_parent_process_death_signal, Signal};
    use std::os::unix::process::CommandExt;
    let starter = getpid();
    // SAFETY: the closure runs in the forked child before exec. It makes two system calls
    // (prctl, getppid), both async-signal-safe, touches no lock and allocates nothing (an
    // `io::Error` from an errno is a plain number).
    unsafe {
        command.pre_exec(move || {
            set_parent_process_death_signal(Some(Signal::KILL))?;
            // Killed between fork and prctl: no signal would come, so do not start at all.
            if getppid() != Some(starter) {
                return Err(rustix::io::Errno::SRCH.into());
            }
            Ok(())
        });
    }
}

/// A path as an ffmpeg input/output argument: `file:` keeps a name such as `a:b.mp4` or one
/// starting with `-` from being read as a protocol or an option.
pub(crate) fn ffmpeg_file_arg(path: &Path) -> std::ffi::OsString {
    let mut arg = std::ffi::OsString::from("file:");
    arg.push(path.as_os_str());
    arg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_names_follow_tauri_external_bin() {
        let names = sidecar_candidates(Path::new("/app"), "ffmpeg");
        let suffix = std::env::consts::EXE_SUFFIX;
        assert_eq!(names[0], Path::new("/app").join(format!("ffmpeg{suffix}")));
        assert_eq!(names[1], Path::new("/app").join(format!("ffmpeg-{TARGET_TRIPLE}{suffix}")));
        assert!(!TARGET_TRIPLE.is_empty());
    }

    #[test]
    fn missing_tool_message_names_what_to_install() {
        let message = missing_media_tool("ffprobe").to_string();
        assert!(message.starts_with("Making videos needs ffprobe: "), "{message}");
        assert!(message.contains("install"), "{message}");
    }

    #[test]
    fn file_arguments_cannot_be_read_as_options_or_protocols() {
        assert_eq!(ffmpeg_file_arg(Path::new("-a:b.mp4")), "file:-a:b.mp4");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_helper_does_not_outlive_what_started_it() {
        use std::os::unix::process::ExitStatusExt;
        // The starter ends without waiting, as a killed app would.
        let starter = std::thread::spawn(|| command("sleep").arg("30").spawn().expect("sleep starts"));
        let mut helper = starter.join().expect("the starter ends");
        let started = std::time::Instant::now();
        let status = helper.wait().expect("the helper is reaped");
        assert_eq!(status.signal(), Some(9), "the helper was killed with its starter: {status:?}");
        assert!(started.elapsed().as_secs() < 10, "and at once, not when it would have ended");
    }
}
