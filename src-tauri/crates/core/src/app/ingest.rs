//! Accepting drawings: read the parent's file without trusting what its path names, let `media`
//! vet and normalize it, and store only the upright, metadata-free copy and its thumbnail under
//! the original's content hash, so the same drawing is never stored twice and the original
//! (whose EXIF can hold the family's home) is never kept.

use std::fs;
use std::io::Read;
use std::path::Path;

use media::{IngestError, IngestLimits};
use model::{Drawing, RunSummary};
use sha2::{Digest, Sha256};

use super::Core;
use crate::api::{IngestOutcome, Problem};
use crate::{clock, files, CoreError, DataDir, Store};

#[derive(Debug, Clone)]
pub struct IngestedDrawing {
    pub drawing: Drawing,
    /// True when this exact file was already stored.
    pub duplicate: bool,
}

impl From<IngestError> for CoreError {
    fn from(error: IngestError) -> Self {
        if let Some(measured) = error.measured() {
            tracing::info!(code = error.code(), %measured, "picture refused");
        }
        CoreError::Refused { code: error.code(), message: error.to_string() }
    }
}

impl Core {
    /// Reads and stores one drawing from a file, without starting a run.
    pub fn ingest_file(&self, path: &Path) -> Result<IngestedDrawing, CoreError> {
        let name = display_name(path);
        let bytes = read_limited(path, &name, IngestLimits::default().max_file_bytes)?;
        self.ingest_bytes(&bytes, &name)
    }

    /// Stores one drawing from bytes (a file's content or a pasted image).
    pub fn ingest_bytes(&self, bytes: &[u8], name: &str) -> Result<IngestedDrawing, CoreError> {
        let id = sha256_hex(bytes);
        if let Ok(existing) = self.store.drawing(&id) {
            if self.data.absolute(&existing.normalized_path)?.is_file() {
                return Ok(IngestedDrawing { drawing: self.present_drawing(existing)?, duplicate: true });
            }
        }
        let ingested = media::ingest_bytes(bytes, &IngestLimits::default())?;
        let normalized = self.data.drawings_dir().join(format!("{id}.png"));
        let thumbnail = self.data.thumbnails_dir().join(format!("{id}.jpg"));
        files::write_atomic(&normalized, &ingested.normalized_png)?;
        files::write_atomic(&thumbnail, &ingested.thumbnail_jpeg)?;
        let drawing = Drawing {
            id,
            original_name: name.to_string(),
            format: ingested.format,
            normalized_path: self.data.relative(&normalized)?,
            thumbnail_path: self.data.relative(&thumbnail)?,
            width: ingested.image.width(),
            height: ingested.image.height(),
            source_width: ingested.source_width,
            source_height: ingested.source_height,
            created_at: clock::now_rfc3339(),
        };
        let duplicate = !self.store.insert_drawing(&drawing)?;
        let stored = self.store.drawing(&drawing.id)?;
        tracing::info!(drawing = %stored.id, duplicate, "drawing stored");
        Ok(IngestedDrawing { drawing: self.present_drawing(stored)?, duplicate })
    }

    /// Stores each file and starts one run per accepted drawing. A refused file is reported and
    /// changes nothing.
    pub fn ingest_paths(&self, paths: &[impl AsRef<Path>]) -> Vec<IngestOutcome> {
        paths
            .iter()
            .map(|path| self.outcome(display_name(path.as_ref()), self.ingest_file(path.as_ref())))
            .collect()
    }

    /// Like `ingest_paths`, for pasted image bytes.
    pub fn ingest_pasted(&self, bytes: &[u8], name: &str) -> IngestOutcome {
        self.outcome(name.to_string(), self.ingest_bytes(bytes, name))
    }

    fn outcome(&self, source: String, result: Result<IngestedDrawing, CoreError>) -> IngestOutcome {
        let started = result.and_then(|ingested| {
            let run = self.start_run(&ingested.drawing.id)?;
            Ok((ingested.duplicate, run))
        });
        match started {
            Ok((duplicate, run)) => IngestOutcome { source, run: Some(run), duplicate, error: None },
            Err(error) => {
                tracing::info!(%source, code = error.code(), "file refused");
                IngestOutcome { source, run: None, duplicate: false, error: Some(Problem::from(&error)) }
            }
        }
    }

    fn start_run(&self, drawing_id: &str) -> Result<RunSummary, CoreError> {
        let record = self.store.create_run(drawing_id)?;
        self.summary(&record)
    }
}

fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Reads a file the parent named. The path is opened without blocking (a pipe would otherwise
/// wait forever for a writer), and what was opened is checked, not what the path named a moment
/// before, so nothing can be swapped in between; then at most `max_bytes + 1` bytes are read.
fn read_limited(path: &Path, name: &str, max_bytes: u64) -> Result<Vec<u8>, CoreError> {
    let file = open_without_blocking(path).map_err(|error| not_opened(path, name, &error))?;
    let metadata = file.metadata().map_err(|error| unreadable(name, &error))?;
    refuse_unless_file(metadata.file_type(), name)?;
    if metadata.len() > max_bytes {
        return Err(IngestError::FileTooLarge { size_bytes: metadata.len(), max_bytes }.into());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|error| unreadable(name, &error))?;
    if bytes.len() as u64 > max_bytes {
        // The file grew after it was measured.
        return Err(IngestError::FileTooLarge { size_bytes: bytes.len() as u64, max_bytes }.into());
    }
    Ok(bytes)
}

fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Harmless on a regular file; makes opening a pipe return at once instead of waiting.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

fn refuse_unless_file(kind: fs::FileType, name: &str) -> Result<(), CoreError> {
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(CoreError::Refused {
            code: "folder_not_file",
            message: format!("“{name}” is a folder. Drop the pictures inside it instead."),
        });
    }
    Err(CoreError::Refused {
        code: "not_a_file",
        message: format!(
            "“{name}” isn't a file but {}, so there is no picture in it. Please choose the picture file itself.",
            special_kind(kind)
        ),
    })
}

#[cfg(unix)]
fn special_kind(kind: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a pipe that programs pass data through"
    } else if kind.is_socket() {
        "a socket that programs talk through"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device (a part of the computer shown as a file)"
    } else {
        "something other than a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: fs::FileType) -> &'static str {
    "something other than a file"
}

/// Why the path could not be opened, looked up only to choose the words: nothing is read.
fn not_opened(path: &Path, name: &str, error: &std::io::Error) -> CoreError {
    if let Ok(target) = fs::metadata(path) {
        if let Err(refusal) = refuse_unless_file(target.file_type(), name) {
            return refusal;
        }
    } else if fs::symlink_metadata(path).is_ok_and(|link| link.file_type().is_symlink()) {
        return CoreError::Refused {
            code: "unreadable_file",
            message: format!("“{name}” is a shortcut to a file that isn't there any more."),
        };
    }
    unreadable(name, error)
}

fn unreadable(name: &str, error: &std::io::Error) -> CoreError {
    let reason = match error.kind() {
        std::io::ErrorKind::NotFound => "it isn't there any more",
        std::io::ErrorKind::PermissionDenied => "this app isn't allowed to read it",
        _ => {
            tracing::info!(file = name, %error, "a file could not be read");
            "the computer couldn't read it"
        }
    };
    CoreError::Refused {
        code: "unreadable_file",
        message: format!("“{name}” couldn't be opened ({reason})."),
    }
}

/// Deletes the originals earlier versions kept, after recording each one's upright size on its
/// drawing (where no original is left, the store's migration used the normalized size). Runs
/// on every start; once the folder is gone it costs one failed directory read.
pub(super) fn forget_originals(data: &DataDir, store: &Store) {
    let folder = data.originals_dir();
    let Ok(entries) = fs::read_dir(&folder) else { return };
    let limits = IngestLimits::default();
    for entry in entries.flatten() {
        let path = entry.path();
        let id = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
        let size = read_limited(&path, &id, limits.max_file_bytes)
            .and_then(|bytes| media::upright_size(&bytes, &limits).map_err(CoreError::from));
        match size.map(|(width, height)| store.set_drawing_source_size(&id, width, height)) {
            Ok(Err(error)) => {
                tracing::warn!(drawing = %id, %error, "an original's size could not be recorded; kept it for now");
                continue;
            }
            Err(error) => tracing::info!(drawing = %id, %error, "an original could not be measured"),
            Ok(Ok(())) => {}
        }
        if let Err(error) = fs::remove_file(&path) {
            tracing::warn!(path = %path.display(), %error, "an original upload could not be deleted");
        }
    }
    // Only goes once empty.
    let _ = fs::remove_dir(&folder);
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}
