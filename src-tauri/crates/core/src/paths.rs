//! Where the app keeps its data; one place so the window, the CLI and the tests agree.

use std::path::{Path, PathBuf};

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

    /// Uses `root` and creates the folders the app writes to.
    pub fn at(root: PathBuf) -> Result<Self, CoreError> {
        let dir = Self { root };
        for folder in
            [dir.originals_dir(), dir.drawings_dir(), dir.thumbnails_dir(), dir.runs_dir(), dir.library_dir()]
        {
            std::fs::create_dir_all(&folder)
                .map_err(|source| CoreError::io("create the folder", &folder, source))?;
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

    pub fn run_dir(&self, run_id: &str) -> PathBuf {
        self.runs_dir().join(run_id)
    }

    pub fn library_dir(&self) -> PathBuf {
        self.media_dir().join("library")
    }

    /// The absolute path of a path stored relative to the data folder.
    pub fn absolute(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The form stored in the database: relative to the data folder, with `/` separators.
    pub fn relative(&self, path: &Path) -> Result<String, CoreError> {
        let relative =
            path.strip_prefix(&self.root).map_err(|_| CoreError::OutsideDataDir(path.to_path_buf()))?;
        let parts: Vec<String> =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        Ok(parts.join("/"))
    }

    pub fn display_absolute(&self, relative: &str) -> String {
        self.absolute(relative).to_string_lossy().into_owned()
    }
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
        assert_eq!(dir.absolute(&relative), file);
    }

    #[test]
    fn a_path_outside_the_data_dir_is_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = DataDir::at(tmp.path().join("data")).expect("data dir");
        assert!(dir.relative(Path::new("/etc/passwd")).is_err());
    }
}
