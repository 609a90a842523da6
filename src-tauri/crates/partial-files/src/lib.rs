//! Files appear at their final name only when whole. Until then they carry a name that says which
//! process is writing them (`.<name>.<unique>.<pid>.part`), and every process that works in a data
//! folder holds a lease there for as long as it lives, so a later process can tell a live
//! writer's file from the leftovers of one that was killed, and sweep only the leftovers.
//!
//! The app and the `nocomelon` command may use one data folder at the same time; without the
//! lease, one opening the folder would delete the other's half-written video.

use std::collections::HashMap;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

const SUFFIX: &str = ".part";
/// What an earlier version called its temporary files; no writer is recorded in those names.
const OLD_SUFFIX: &str = ".partial";
const LEASES_DIR: &str = ".leases";

/// The name of a partial file or folder that will become `final_name`: hidden, unique, and
/// tagged with this process's id.
pub fn partial_name(final_name: &str) -> String {
    format!(".{final_name}.{}.{}{SUFFIX}", unique(), std::process::id())
}

/// The tail a temp-file builder (random middle) must use so its names read like
/// [`partial_name`]'s: `<extension>.<pid>.part`. Use with a prefix that starts with a dot.
pub fn partial_suffix(extension: &str) -> String {
    format!("{extension}.{}{SUFFIX}", std::process::id())
}

/// True for the name of a partial file or folder (of any version of the app).
pub fn is_partial(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(SUFFIX) || name.ends_with(OLD_SUFFIX))
}

/// The process writing the partial file `name`, when its name records one.
pub fn writer_of(name: &str) -> Option<u32> {
    let stem = name.strip_prefix('.')?.strip_suffix(SUFFIX)?;
    stem.rsplit_once('.')?.1.parse().ok()
}

/// Takes this process's lease on the data folder at `root`, held until the process ends
/// (however it ends: the OS releases a killed process's lock). Taking it again is a no-op.
pub fn hold_lease(root: &Path) -> std::io::Result<()> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, File>>> = OnceLock::new();
    let mut held = HELD.get_or_init(Default::default).lock().unwrap_or_else(PoisonError::into_inner);
    if held.contains_key(root) {
        return Ok(());
    }
    let dir = root.join(LEASES_DIR);
    let mut folder = fs::DirBuilder::new();
    folder.recursive(true);
    let mut lease = File::options();
    lease.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        std::os::unix::fs::OpenOptionsExt::mode(&mut lease, 0o600);
    }
    folder.create(&dir)?;
    let file = lease.open(dir.join(own_pid_name()))?;
    match file.try_lock() {
        Ok(()) => {}
        // Only a process with this same id could hold it, and that is this one.
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(error)) => return Err(error),
    }
    held.insert(root.to_path_buf(), file);
    Ok(())
}

/// Whether process `pid` may still be writing in the data folder at `root`.
pub fn writer_alive(root: &Path, pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let path = root.join(LEASES_DIR).join(pid.to_string());
    let Ok(file) = File::options().write(true).open(&path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => {
            // Nobody holds it: that process is gone. Its lease file goes too.
            let _ = fs::remove_file(&path);
            false
        }
        Err(TryLockError::WouldBlock) => true,
        // Unable to tell: keep its files.
        Err(TryLockError::Error(_)) => true,
    }
}

/// Removes, anywhere under `dir`, the partial files and folders whose writers are gone; returns
/// how many were removed. `root` is the data folder that holds the leases.
pub fn sweep(root: &Path, dir: &Path) -> usize {
    let mut removed = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else { continue };
            if is_partial(&name) {
                let alive = writer_of(&name).is_some_and(|pid| writer_alive(root, pid));
                if !alive && remove(&entry.path(), kind.is_dir()) {
                    tracing::debug!(path = %entry.path().display(), "removed a dead writer's partial file");
                    removed += 1;
                }
            } else if kind.is_dir() && name != LEASES_DIR {
                stack.push(entry.path());
            }
        }
    }
    removed
}

fn remove(path: &Path, is_dir: bool) -> bool {
    if is_dir {
        fs::remove_dir_all(path).is_ok()
    } else {
        fs::remove_file(path).is_ok()
    }
}

fn own_pid_name() -> String {
    std::process::id().to_string()
}

/// Unique within this process and unlikely to repeat across runs: time and a counter.
fn unique() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{:x}{:x}", nanos & 0xffff_ffff_ffff, COUNTER.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_names_are_hidden_unique_and_name_their_writer() {
        let one = partial_name("storybook.mp4");
        let two = partial_name("storybook.mp4");
        assert_ne!(one, two);
        assert!(one.starts_with(".storybook.mp4.") && is_partial(&one), "{one}");
        assert_eq!(writer_of(&one), Some(std::process::id()));
        let temp_style = format!(".clip-Ab12{}", partial_suffix(".mp4"));
        assert_eq!(writer_of(&temp_style), Some(std::process::id()));
        assert!(is_partial(".video.mp4.9f2c.partial"), "an earlier version's temporary file");
        assert_eq!(writer_of(".video.mp4.9f2c.partial"), None);
        assert!(!is_partial("storybook.mp4") && !is_partial(".leases"));
    }

    #[test]
    fn a_sweep_keeps_live_writers_files_and_removes_the_rest() {
        let root = tempfile::tempdir().expect("temp dir");
        hold_lease(root.path()).expect("lease");
        let nested = root.path().join("media/runs/r1");
        fs::create_dir_all(&nested).expect("folders");
        let mine = nested.join(partial_name("clip.mp4"));
        fs::write(&mine, b"being written").expect("write");
        // A process id that holds no lease here: its files are leftovers.
        let gone = nested.join(".clip.mp4.1a2b.4000000000.part");
        fs::write(&gone, b"left behind").expect("write");
        let old = nested.join(".thumb.jpg.77.partial");
        fs::write(&old, b"old").expect("write");
        let gone_dir = root.path().join("media").join(".entry.1.4000000001.part");
        fs::create_dir_all(gone_dir.join("inner")).expect("folder");
        let whole = nested.join("clip.mp4");
        fs::write(&whole, b"whole").expect("write");

        assert_eq!(sweep(root.path(), &root.path().join("media")), 3);
        assert!(mine.exists(), "this process is alive, so its partial file stays");
        assert!(!gone.exists() && !old.exists() && !gone_dir.exists());
        assert!(whole.exists());
    }
}
