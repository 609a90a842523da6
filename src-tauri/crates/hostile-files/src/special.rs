//! What a path can name besides a picture file: a pipe, a socket, a device, a folder, links to
//! them or to nothing, and files the running user may not read. Made in a scratch folder that
//! is cleaned up (permissions restored first) when dropped.

use std::path::{Path, PathBuf};

use crate::corpus::Expect;

/// One path and what ingesting it must give.
#[derive(Debug, Clone)]
pub struct Special {
    pub name: &'static str,
    pub path: PathBuf,
    pub expect: Expect,
}

/// The scratch folder and the paths made in it.
pub struct Specials {
    pub cases: Vec<Special>,
    locked: Vec<PathBuf>,
    dir: tempfile::TempDir,
}

impl Drop for Specials {
    fn drop(&mut self) {
        #[cfg(unix)]
        for path in &self.locked {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
        }
    }
}

/// Whether the running user reads files whatever their permissions say (root does): then a
/// mode-000 file is readable, and ingesting it must give the picture, not a refusal.
#[cfg(unix)]
pub fn reads_everything() -> bool {
    nix::unistd::geteuid().is_root()
}

/// `picture` is a valid picture file's bytes, accepted at `size`, used for the unreadable cases.
#[cfg(unix)]
pub fn make(picture: &[u8], size: (u32, u32)) -> Specials {
    use std::os::unix::fs::{symlink, PermissionsExt};

    let dir = tempfile::tempdir().expect("a scratch folder");
    let at = |name: &str| dir.path().join(name);
    let refused = Expect::Refused;
    let mut cases = Vec::new();
    let mut add =
        |name: &'static str, path: PathBuf, expect: Expect| cases.push(Special { name, path, expect });

    let pipe = at("pipe.png");
    nix::unistd::mkfifo(&pipe, nix::sys::stat::Mode::S_IRWXU).expect("a FIFO");
    add("a pipe", pipe.clone(), refused("not_a_file"));

    let socket = at("socket.png");
    drop(std::os::unix::net::UnixListener::bind(&socket).expect("a socket"));
    add("a socket", socket, refused("not_a_file"));

    add("the endless zero device", PathBuf::from("/dev/zero"), refused("not_a_file"));
    let zero_link = at("zero.png");
    symlink("/dev/zero", &zero_link).expect("a link to /dev/zero");
    add("a link to the zero device", zero_link, refused("not_a_file"));

    let folder = at("folder.png");
    std::fs::create_dir(&folder).expect("a folder");
    add("a folder", folder, refused("folder_not_file"));

    let pipe_link = at("pipe-link.png");
    symlink(&pipe, &pipe_link).expect("a link to the FIFO");
    add("a link to a pipe", pipe_link, refused("not_a_file"));

    let dangling = at("gone.png");
    symlink(at("never-there.png"), &dangling).expect("a dangling link");
    add("a link to nothing", dangling, refused("unreadable_file"));

    add("a missing file", at("missing.png"), refused("unreadable_file"));

    let readable_anyway = reads_everything();
    let unreadable = || {
        if readable_anyway {
            Expect::Accepted { width: size.0, height: size.1 }
        } else {
            refused("unreadable_file")
        }
    };
    let locked = at("locked.png");
    std::fs::write(&locked, picture).expect("write the locked file");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("lock it");
    add("a file with no read permission", locked.clone(), unreadable());

    let hidden = at("hidden");
    std::fs::create_dir(&hidden).expect("a folder");
    std::fs::write(hidden.join("drawing.png"), picture).expect("write the hidden file");
    std::fs::set_permissions(&hidden, std::fs::Permissions::from_mode(0o000)).expect("lock the folder");
    add("a file in a folder that may not be searched", hidden.join("drawing.png"), unreadable());

    Specials { cases, locked: vec![locked, hidden], dir }
}

impl Specials {
    /// The scratch folder, for callers that add their own files next to the specials.
    pub fn folder(&self) -> &Path {
        self.dir.path()
    }
}
