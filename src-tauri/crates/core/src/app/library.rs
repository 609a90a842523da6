//! The library: finished storybooks, their own copies of video and thumbnail, kept apart from
//! drafts so deleting a draft never deletes a saved storybook.

use std::path::Path;

use model::{LibraryEntry, Stage};

use super::Core;
use crate::{clock, files, CoreError};

impl Core {
    pub fn library(&self) -> Result<Vec<LibraryEntry>, CoreError> {
        Ok(self.store.library_entries()?.into_iter().map(|entry| self.present_entry(entry)).collect())
    }

    /// Moves the run's finished video into the library and records it.
    pub fn save_to_library(&self, run_id: &str) -> Result<LibraryEntry, CoreError> {
        let record = self.store.run(run_id)?;
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
        let entry_dir = self.data.library_dir().join(&id);
        std::fs::create_dir_all(&entry_dir).map_err(|e| CoreError::io("create the folder", &entry_dir, e))?;
        let video_target = entry_dir.join("storybook.mp4");
        let thumbnail_target = entry_dir.join("thumbnail.jpg");
        files::copy_atomic(&self.data.absolute(video), &video_target)?;
        files::copy_atomic(&self.data.absolute(thumbnail), &thumbnail_target)?;
        let now = clock::now_rfc3339();
        let entry = LibraryEntry {
            id: id.clone(),
            run_id: Some(run_id.to_string()),
            title,
            video_path: self.data.relative(&video_target)?,
            thumbnail_path: self.data.relative(&thumbnail_target)?,
            duration_sec,
            style,
            created_at: now.clone(),
            updated_at: now,
        };
        self.store.insert_library_entry(&entry)?;
        self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.library_entry_id = Some(id);
                record.stage = Stage::Saved;
                Ok(())
            }),
        )?;
        self.remember_last_run(None)?;
        Ok(self.present_entry(entry))
    }

    pub fn rename_library_entry(&self, id: &str, title: &str) -> Result<LibraryEntry, CoreError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(CoreError::EmptyTitle);
        }
        if title.chars().count() > model::MAX_TITLE_CHARS {
            return Err(model::StoryScriptError::TitleTooLong.into());
        }
        Ok(self.present_entry(self.store.rename_library_entry(id, title)?))
    }

    /// Removes the entry, then its files (a kill in between leaves only unused files).
    pub fn delete_library_entry(&self, id: &str) -> Result<(), CoreError> {
        let entry = self.store.delete_library_entry(id)?;
        let dir = self.data.library_dir().join(&entry.id);
        if let Err(error) = std::fs::remove_dir_all(&dir) {
            tracing::warn!(entry = id, %error, "a deleted storybook's files could not all be removed");
        }
        Ok(())
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
        files::copy_atomic(&self.data.absolute(&entry.video_path), &target)?;
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
