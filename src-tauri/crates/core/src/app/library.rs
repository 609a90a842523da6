//! The library: finished storybooks, their own copies of video and thumbnail, kept apart from
//! drafts so deleting a draft never deletes a saved storybook.

use std::path::{Path, PathBuf};

use model::LibraryEntry;

use super::Core;
use crate::store::Filed;
use crate::{clock, files, CoreError};

const VIDEO_FILE: &str = "storybook.mp4";
const THUMBNAIL_FILE: &str = "thumbnail.jpg";

impl Core {
    pub fn library(&self) -> Result<Vec<LibraryEntry>, CoreError> {
        // One damaged entry must not hide the rest of the family's storybooks.
        Ok(self
            .store
            .library_entries()?
            .into_iter()
            .filter_map(|entry| {
                let id = entry.id.clone();
                self.present_entry(entry)
                    .inspect_err(|error| tracing::warn!(entry = %id, %error, "a library entry was left out"))
                    .ok()
            })
            .collect())
    }

    /// Puts the run's finished video in the library with its own copies of the video and
    /// thumbnail. Saving a run that is already in the library gives its entry back, so two
    /// clicks, or the app and the CLI at once, make one entry.
    pub fn save_to_library(&self, run_id: &str) -> Result<LibraryEntry, CoreError> {
        let record = self.store.run(run_id)?;
        if let Some(existing) = record.library_entry_id.as_deref() {
            if let Ok(entry) = self.store.library_entry(existing) {
                return self.present_entry(entry);
            }
        }
        let (Some(video), Some(thumbnail), Some(duration_sec)) =
            (&record.media.video_path, &record.media.thumbnail_path, record.media.duration_sec)
        else {
            return Err(CoreError::NotReady("make the video first.".into()));
        };
        let title = record
            .script
            .as_ref()
            .map(|s| s.title.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "My storybook".into());
        let style = record.customization.as_ref().map(|c| c.style).unwrap_or_default();
        let id = uuid::Uuid::new_v4().to_string();
        let entry_dir = self.data.library_entry_dir(&id)?;
        // The copies are made in a partial folder first, so a kill mid-copy leaves no
        // half storybook in the library, only a leftover the next start sweeps.
        let staging = files::temp_sibling(&entry_dir);
        crate::paths::create_private_dir(&staging)?;
        let staged = (|| {
            files::copy_atomic(&self.data.absolute(video)?, &staging.join(VIDEO_FILE))?;
            files::copy_atomic(&self.data.absolute(thumbnail)?, &staging.join(THUMBNAIL_FILE))
        })();
        if let Err(error) = staged {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        let now = clock::now_rfc3339();
        let entry = LibraryEntry {
            id: id.clone(),
            run_id: Some(run_id.to_string()),
            title,
            video_path: self.data.relative(&entry_dir.join(VIDEO_FILE))?,
            thumbnail_path: self.data.relative(&entry_dir.join(THUMBNAIL_FILE))?,
            duration_sec,
            style,
            created_at: now.clone(),
            updated_at: now,
            sync: model::SyncState::default(),
        };
        let filed =
            self.store.file_in_library(&entry, &mut || files::rename_into_place(&staging, &entry_dir));
        let entry = match filed {
            Ok(Filed::New) => self.store.library_entry(&entry.id)?,
            Ok(Filed::Already(existing)) => {
                let _ = std::fs::remove_dir_all(&staging);
                existing
            }
            Err(error) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(error);
            }
        };
        self.remember_last_run(None)?;
        self.present_entry(entry)
    }

    pub fn rename_library_entry(&self, id: &str, title: &str) -> Result<LibraryEntry, CoreError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(CoreError::EmptyTitle);
        }
        if title.chars().count() > model::MAX_TITLE_CHARS {
            return Err(model::StoryScriptError::TitleTooLong.into());
        }
        self.present_entry(self.store.rename_library_entry(id, title)?)
    }

    /// Removes the entry, then its files (a kill in between leaves only unused files).
    pub fn delete_library_entry(&self, id: &str) -> Result<(), CoreError> {
        let entry = self.store.delete_library_entry(id)?;
        let dir = self.data.library_entry_dir(&entry.id)?;
        if let Err(error) = std::fs::remove_dir_all(&dir) {
            tracing::warn!(entry = id, %error, "a deleted storybook's files could not all be removed");
        }
        Ok(())
    }

    /// Where exported videos go unless the parent picks a folder: `NoComelon` in their Videos
    /// folder (created when missing).
    pub fn default_export_folder() -> Result<PathBuf, CoreError> {
        let videos = dirs::video_dir()
            .or_else(|| dirs::home_dir().map(|home| home.join("Videos")))
            .ok_or_else(|| CoreError::Refused {
                code: "no_videos_folder",
                message: "This computer has no Videos folder; choose a folder for the video instead.".into(),
            })?;
        let folder = videos.join("NoComelon");
        std::fs::create_dir_all(&folder)
            .map_err(|source| CoreError::io("create the folder", &folder, source))?;
        Ok(folder)
    }

    /// Copies the video into `folder` under a name made from its title; never overwrites.
    pub fn export_library_entry(&self, id: &str, folder: &Path) -> Result<String, CoreError> {
        let entry = self.store.library_entry(id)?;
        if !folder.is_dir() {
            return Err(CoreError::Refused {
                code: "export_folder_missing",
                message: format!("The folder {} isn't there; choose another.", folder.display()),
            });
        }
        let base = file_stem_for(&entry.title);
        let target = (0..1000)
            .map(|n| if n == 0 { format!("{base}.mp4") } else { format!("{base} ({n}).mp4") })
            .map(|name| folder.join(name))
            .find(|candidate| !candidate.exists())
            .ok_or_else(|| CoreError::Refused {
                code: "export_name_taken",
                message: "That folder already has too many copies of this storybook.".into(),
            })?;
        files::copy_atomic(&self.data.absolute(&entry.video_path)?, &target)?;
        Ok(target.to_string_lossy().into_owned())
    }
}

/// A file name from a title: letters, digits, spaces and a few safe marks; never empty.
fn file_stem_for(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '\'' | ',') { c } else { ' ' })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed: String = collapsed.chars().take(80).collect();
    if trimmed.is_empty() {
        "Storybook".into()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem_for;

    #[test]
    fn export_names_are_safe_file_names() {
        assert_eq!(file_stem_for("Garlic's Big Day!"), "Garlic's Big Day");
        assert_eq!(file_stem_for("../../etc/passwd"), "etc passwd");
        assert_eq!(file_stem_for("???"), "Storybook");
    }
}
