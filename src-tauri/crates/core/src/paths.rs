//! Where the app keeps its data; one place so the window, the CLI and the tests agree, and the one
//! gate through which a name that came from data (an id, a stored path) becomes a path: nothing
//! that passes here can point outside the data folder.

use std::path::{Component, Path, PathBuf};

use crate::CoreError;

/// The app identifier; also the folder name under the OS data dir, matching what Tauri uses for
/// the window app, so the CLI and the desktop app share one library.
pub const APP_IDENTIFIER: &str = "app.nocomelon.desktop";

/// Environment variable that moves all data elsewhere (tests use it).
pub const DATA_DIR_ENV: &str = "NOCOMELON_DATA_DIR";

const DATABASE_FILE: &str = "nocomelon.sqlite3";

/// The data folder and its layout. Paths stored in the database are relative to it, so the
/// folder can move without breaking the library.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// `explicit`, else `$NOCOMELON_DATA_DIR`, else the OS app-data dir.
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, CoreError> {
        let root = match explicit {
            Some(path) => path,
            None => match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
                Some(dir) => PathBuf::from(dir),
                None => dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)).ok_or(CoreError::NoDataDir)?,
            },
        };
        Self::at(root)
    }

    /// Uses `root` and creates the folders the app writes to, private to this user: the family's
    /// drawings and videos are nobody else's business on a shared computer.
    pub fn at(root: PathBuf) -> Result<Self, CoreError> {
        let dir = Self { root };
        for folder in [dir.drawings_dir(), dir.thumbnails_dir(), dir.runs_dir(), dir.library_dir()] {
            create_private_dir(&folder)?;
        }
        // Folders made by an earlier version (or by hand) are narrowed too.
        for folder in [dir.root.clone(), dir.media_dir()] {
            make_private(&folder, 0o700)?;
        }
        Ok(dir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database_path(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// Everything the app shows in the webview lives under here (the asset-protocol scope).
    pub fn media_dir(&self) -> PathBuf {
        self.root.join("media")
    }

    /// Where earlier versions kept the parent's original uploads.
    pub fn originals_dir(&self) -> PathBuf {
        self.media_dir().join("originals")
    }

    pub fn drawings_dir(&self) -> PathBuf {
        self.media_dir().join("drawings")
    }

    pub fn thumbnails_dir(&self) -> PathBuf {
        self.media_dir().join("thumbnails")
    }

    pub fn runs_dir(&self) -> PathBuf {
        self.media_dir().join("runs")
    }

    /// A run's working folder; `run_id` must be a plain name.
    pub fn run_dir(&self, run_id: &str) -> Result<PathBuf, CoreError> {
        join_names(&self.runs_dir(), &[run_id])
    }

    pub fn library_dir(&self) -> PathBuf {
        self.media_dir().join("library")
    }

    /// A library entry's own folder; `entry_id` must be a plain name.
    pub fn library_entry_dir(&self, entry_id: &str) -> Result<PathBuf, CoreError> {
        join_names(&self.library_dir(), &[entry_id])
    }

    /// The absolute path of a path stored relative to the data folder, refusing one that would
    /// leave it (an absolute path, `..`, an empty or odd component).
    pub fn absolute(&self, relative: &str) -> Result<PathBuf, CoreError> {
        let names: Vec<&str> = relative.split('/').collect();
        join_names(&self.root, &names)
    }

    /// The form stored in the database: relative to the data folder, with `/` separators.
    pub fn relative(&self, path: &Path) -> Result<String, CoreError> {
        let relative =
            path.strip_prefix(&self.root).map_err(|_| CoreError::OutsideDataDir(path.to_path_buf()))?;
        let mut parts = Vec::new();
        for component in relative.components() {
            match component {
                Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
                _ => return Err(CoreError::OutsideDataDir(path.to_path_buf())),
            }
        }
        Ok(parts.join("/"))
    }

    pub fn display_absolute(&self, relative: &str) -> Result<String, CoreError> {
        Ok(self.absolute(relative)?.to_string_lossy().into_owned())
    }
}

/// `base/name/name/...`, where every name must be one plain file or folder name: not empty, not
/// `.` or `..`, no separator, no control character (a newline would break an ffmpeg list), and
/// not absurdly long. Every path built from data goes through here.
pub fn join_names(base: &Path, names: &[&str]) -> Result<PathBuf, CoreError> {
    let mut path = base.to_path_buf();
    for name in names {
        if !is_plain_name(name) {
            return Err(CoreError::UnsafeName { name: printable(name) });
        }
        path.push(name);
    }
    Ok(path)
}

/// Longest name accepted from data; ids and generated file names are far shorter.
const MAX_NAME_BYTES: usize = 200;

fn is_plain_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    let single_normal = matches!(components.next(), Some(Component::Normal(part)) if part == name)
        && components.next().is_none();
    single_normal
        && name.len() <= MAX_NAME_BYTES
        && !name.chars().any(|c| c.is_control() || matches!(c, '/' | '\\' | ':'))
}

/// A name as it may be shown in a message: control characters made visible, and kept short.
fn printable(name: &str) -> String {
    let shown: String = name.chars().take(80).flat_map(char::escape_debug).collect();
    if name.chars().count() > 80 {
        format!("{shown}…")
    } else {
        shown
    }
}

/// Creates `dir` (and its parents) with owner-only access.
pub fn create_private_dir(dir: &Path) -> Result<(), CoreError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| CoreError::io("create the folder", dir, source))
}

/// Narrows an existing file's or folder's permissions to `mode` (Unix only).
pub fn make_private(path: &Path, mode: u32) -> Result<(), CoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let current = std::fs::metadata(path).map_err(|source| CoreError::io("read", path, source))?;
        if current.permissions().mode() & 0o777 != mode {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
                .map_err(|source| CoreError::io("protect", path, source))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_round_trip() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = DataDir::at(tmp.path().to_path_buf()).expect("data dir");
        let file = dir.thumbnails_dir().join("abc.jpg");
        let relative = dir.relative(&file).expect("inside");
        assert_eq!(relative, "media/thumbnails/abc.jpg");
        assert_eq!(dir.absolute(&relative).expect("inside"), file);
    }

    #[test]
    fn a_path_outside_the_data_dir_is_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = DataDir::at(tmp.path().join("data")).expect("data dir");
        assert!(dir.relative(Path::new("/etc/passwd")).is_err());
        assert!(dir.relative(&dir.root().join("media/../../escape")).is_err());
    }

    #[test]
    fn names_from_data_cannot_leave_the_data_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = DataDir::at(tmp.path().join("data")).expect("data dir");
        for hostile in ["../../../../tmp/x", "..", ".", "", "a/b", "/etc", "a\nb", "a\\b", "c:", "x\0"] {
            let refused = dir.run_dir(hostile).expect_err(hostile);
            assert_eq!(refused.code(), "unsafe_name", "{hostile:?}");
            assert!(!refused.to_string().contains('\n'), "the message shows the name on one line");
            assert!(dir.library_entry_dir(hostile).is_err(), "{hostile:?}");
        }
        for stored in ["/etc/passwd", "media/../../x", "media//x", "media/./x", "media/runs/a\nb", ""] {
            assert_eq!(dir.absolute(stored).expect_err(stored).code(), "unsafe_name", "{stored:?}");
        }
        assert!(dir.run_dir(&"x".repeat(MAX_NAME_BYTES + 1)).is_err());
        let id = "6f1c2f8e-2f4b-4c7e-9d1a-0b6c1f1e2a3b";
        assert_eq!(dir.run_dir(id).expect("a uuid"), dir.runs_dir().join(id));
    }

    #[cfg(unix)]
    #[test]
    fn the_data_folder_is_private_to_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("data");
        std::fs::create_dir(&root).expect("made by an older version");
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).expect("open it up");
        let dir = DataDir::at(root).expect("data dir");
        for folder in [dir.root().to_path_buf(), dir.media_dir(), dir.runs_dir(), dir.library_dir()] {
            let mode = std::fs::metadata(&folder).expect("exists").permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", folder.display());
        }
    }
}
