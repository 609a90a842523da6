//! `Core`: the one object the window and the CLI talk to. Its methods are synchronous; callers
//! in async code run them on blocking threads.

mod ingest;
mod library;
mod recognize;
mod render;
mod runs;
mod story;
mod voices;

use std::path::PathBuf;

use model::{Drawing, LibraryEntry, Run, RunMedia, SceneAudio, SceneImage};

use crate::engine::RenderRegistry;
use crate::providers::{Answerers, Providers, Service};
use crate::store::RunRecord;
use crate::CoreError;
use crate::{api, DataDir, Store};

pub use ingest::IngestedDrawing;
pub use recognize::FileAnalysis;
pub use render::RenderReport;

const LAST_RUN_KEY: &str = "last_run_id";

pub struct Core {
    pub(crate) data: DataDir,
    pub(crate) store: Store,
    pub(crate) renders: RenderRegistry,
    pub(crate) answerers: Answerers,
}

impl Core {
    /// Opens (or creates) the data folder and its store, and clears what killed processes left
    /// behind: their half-written files and any library folder no entry came to own. Another
    /// process working in the same folder keeps its files (see `partial_files`).
    pub fn open(data: DataDir) -> Result<Self, CoreError> {
        Self::open_with(data, Providers::default())
    }

    /// Like [`Core::open`], with the recognizer, story writer and narrator to use on this
    /// computer.
    pub fn open_with(data: DataDir, providers: Providers) -> Result<Self, CoreError> {
        partial_files::hold_lease(data.root())
            .map_err(|source| CoreError::io("use the data folder", data.root(), source))?;
        let store = Store::open(&data.database_path())?;
        ingest::forget_originals(&data, &store);
        partial_files::sweep(data.root(), &data.media_dir());
        store.sweep_unowned_library_folders(&data.library_dir())?;
        tracing::info!(data_dir = %data.root().display(), "core opened");
        Ok(Self { data, store, renders: RenderRegistry::default(), answerers: Answerers::new(providers) })
    }

    /// The family's service to ask first, or `None` to answer on this computer only (signed
    /// out, or no `services_url`).
    pub fn use_service(&self, service: Option<Service>) {
        self.answerers.set_service(service);
    }

    /// Stops a recognition or story request being made for the run; true if there was one.
    pub fn cancel_request(&self, run_id: &str) -> bool {
        self.answerers.cancel(run_id)
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.data
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn info(&self, cloud: api::CloudStatus) -> Result<api::AppInfo, CoreError> {
        let resume_run_id = match self.store.setting(LAST_RUN_KEY)? {
            Some(id) if self.store.run(&id).is_ok() => Some(id),
            _ => None,
        };
        Ok(api::AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data.root().to_string_lossy().into_owned(),
            cloud,
            resume_run_id,
            media_origin: None,
        })
    }

    pub(crate) fn remember_last_run(&self, run_id: Option<&str>) -> Result<(), CoreError> {
        self.store.set_setting(LAST_RUN_KEY, run_id)
    }

    // Paths leave the core absolute; the store keeps them relative to the data folder.

    fn absolute(&self, relative: &str) -> Result<String, CoreError> {
        self.data.display_absolute(relative)
    }

    fn present_drawing(&self, drawing: Drawing) -> Result<Drawing, CoreError> {
        Ok(Drawing {
            normalized_path: self.absolute(&drawing.normalized_path)?,
            thumbnail_path: self.absolute(&drawing.thumbnail_path)?,
            ..drawing
        })
    }

    fn present_media(&self, media: RunMedia) -> Result<RunMedia, CoreError> {
        Ok(RunMedia {
            images: media
                .images
                .into_iter()
                .map(|image| Ok(SceneImage { path: self.absolute(&image.path)?, ..image }))
                .collect::<Result<_, CoreError>>()?,
            audio: media
                .audio
                .into_iter()
                .map(|audio| Ok(SceneAudio { path: self.absolute(&audio.path)?, ..audio }))
                .collect::<Result<_, CoreError>>()?,
            video_path: media.video_path.map(|p| self.absolute(&p)).transpose()?,
            thumbnail_path: media.thumbnail_path.map(|p| self.absolute(&p)).transpose()?,
            ..media
        })
    }

    pub(crate) fn present_run_record(&self, record: RunRecord) -> Result<Run, CoreError> {
        let drawing = self.store.drawing(&record.drawing_id)?;
        Ok(Run {
            id: record.id,
            drawing: self.present_drawing(drawing)?,
            stage: record.stage,
            analysis: record.analysis,
            customization: record.customization,
            script: record.script,
            story_engine: record.story_engine,
            media: self.present_media(record.media)?,
            library_entry_id: record.library_entry_id,
            created_at: record.created_at,
            updated_at: record.updated_at,
        })
    }

    fn present_entry(&self, entry: LibraryEntry) -> Result<LibraryEntry, CoreError> {
        Ok(LibraryEntry {
            video_path: self.absolute(&entry.video_path)?,
            thumbnail_path: self.absolute(&entry.thumbnail_path)?,
            ..entry
        })
    }

    /// The run's working folder, created (privately) if missing.
    pub(crate) fn run_dir(&self, run_id: &str) -> Result<PathBuf, CoreError> {
        let dir = self.data.run_dir(run_id)?;
        crate::paths::create_private_dir(&dir)?;
        Ok(dir)
    }
}
