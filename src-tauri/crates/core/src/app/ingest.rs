//! Accepting drawings: read the parent's file, let `media` vet and normalize it, and keep the
//! original untouched under its content hash so the same drawing is never stored twice.

use std::fs;
use std::io::Read;
use std::path::Path;

use media::{IngestError, IngestLimits};
use model::{Drawing, RunSummary};
use sha2::{Digest, Sha256};

use super::Core;
use crate::api::{IngestOutcome, Problem};
use crate::{clock, files, CoreError};

#[derive(Debug, Clone)]
pub struct IngestedDrawing {
    pub drawing: Drawing,
    /// True when this exact file was already stored.
    pub duplicate: bool,
}

impl From<IngestError> for CoreError {
    fn from(error: IngestError) -> Self {
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
            if self.data.absolute(&existing.normalized_path).is_file() {
                return Ok(IngestedDrawing { drawing: self.present_drawing(existing), duplicate: true });
            }
        }
        let ingested = media::ingest_bytes(bytes, &IngestLimits::default())?;
        let original = self.data.originals_dir().join(format!("{id}.{}", ingested.format.extension()));
        let normalized = self.data.drawings_dir().join(format!("{id}.png"));
        let thumbnail = self.data.thumbnails_dir().join(format!("{id}.jpg"));
        if !original.is_file() {
            files::write_atomic(&original, bytes)?;
        }
        files::write_atomic(&normalized, &ingested.normalized_png)?;
        files::write_atomic(&thumbnail, &ingested.thumbnail_jpeg)?;
        let drawing = Drawing {
            id,
            original_name: name.to_string(),
            format: ingested.format,
            original_path: self.data.relative(&original)?,
            normalized_path: self.data.relative(&normalized)?,
            thumbnail_path: self.data.relative(&thumbnail)?,
            width: ingested.image.width(),
            height: ingested.image.height(),
            created_at: clock::now_rfc3339(),
        };
        let duplicate = !self.store.insert_drawing(&drawing)?;
        let stored = self.store.drawing(&drawing.id)?;
        tracing::info!(drawing = %stored.id, duplicate, "drawing stored");
        Ok(IngestedDrawing { drawing: self.present_drawing(stored), duplicate })
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

/// Reads a file the parent chose, refusing folders and oversized files before reading them.
fn read_limited(path: &Path, name: &str, max_bytes: u64) -> Result<Vec<u8>, CoreError> {
    let unreadable = |reason: &str| CoreError::Refused {
        code: "unreadable_file",
        message: format!("“{name}” couldn't be opened ({reason})."),
    };
    let metadata = fs::metadata(path).map_err(|e| unreadable(&plain_io(&e)))?;
    if metadata.is_dir() {
        return Err(CoreError::Refused {
            code: "folder_not_file",
            message: format!("“{name}” is a folder. Drop the pictures inside it instead."),
        });
    }
    if metadata.len() > max_bytes {
        return Err(IngestError::FileTooLarge { size_bytes: metadata.len(), max_bytes }.into());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    fs::File::open(path)
        .and_then(|file| file.take(max_bytes + 1).read_to_end(&mut bytes))
        .map_err(|e| unreadable(&plain_io(&e)))?;
    Ok(bytes)
}

fn plain_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "it isn't there any more".into(),
        std::io::ErrorKind::PermissionDenied => "this app isn't allowed to read it".into(),
        _ => error.to_string(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}
