//! Where each file of a family lives in their S3 space and how their items are keyed, in one
//! place: the IAM role only lets a family reach `<identity id>/…` objects and items whose
//! partition key is their identity id, so every key the app writes is built here and checked.

use crate::SyncError;

/// A key relative to the family's prefix (the cloud clients put `<identity id>/` in front).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeKey(String);

impl RelativeKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A key the cloud named (inside a library item), after its identity prefix: refused when it
    /// could climb out of the family's space.
    pub fn from_cloud(rest: &str) -> Result<Self, SyncError> {
        if rest.is_empty()
            || rest.starts_with('/')
            || rest.split('/').any(|part| part.is_empty() || part == "..")
        {
            return Err(SyncError::BadRecord(format!(
                "the cloud named a file \"{rest}\" outside this family's space"
            )));
        }
        Ok(Self(rest.to_owned()))
    }
}

impl std::fmt::Display for RelativeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Ids that name keys must be plain names: letters, digits, `-` and `_` (run and entry ids are
/// UUIDs). Anything else could climb out of the folder it names.
fn plain(id: &str) -> Result<&str, SyncError> {
    if !id.is_empty()
        && id.len() <= 128
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(id)
    } else {
        Err(SyncError::BadRecord(format!("\"{id}\" cannot name a file in the cloud")))
    }
}

fn extension(ext: &str) -> Result<&str, SyncError> {
    if !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(ext)
    } else {
        Err(SyncError::BadRecord(format!("\".{ext}\" is not a file type the cloud keeps")))
    }
}

pub fn drawing(run_id: &str, ext: &str) -> Result<RelativeKey, SyncError> {
    Ok(RelativeKey(format!("drawings/{}.{}", plain(run_id)?, extension(ext)?)))
}

/// Scene images and narration are numbered from 1, in the story's order.
pub fn scene_image(run_id: &str, scene: usize) -> Result<RelativeKey, SyncError> {
    Ok(RelativeKey(format!("images/{}_scene_{scene}.png", plain(run_id)?)))
}

pub fn narration(run_id: &str, scene: usize, ext: &str) -> Result<RelativeKey, SyncError> {
    Ok(RelativeKey(format!("audio/{}_scene_{scene}.{}", plain(run_id)?, extension(ext)?)))
}

pub fn video(run_id: &str) -> Result<RelativeKey, SyncError> {
    Ok(RelativeKey(format!("videos/{}_final.mp4", plain(run_id)?)))
}

pub fn thumbnail(run_id: &str) -> Result<RelativeKey, SyncError> {
    Ok(RelativeKey(format!("videos/{}_thumb.jpg", plain(run_id)?)))
}

/// Every key a run's working files can have (drawing, scene images, narration), as prefixes
/// that end at the run id, for removing a deleted draft's files.
pub fn run_working_prefixes(run_id: &str) -> Result<Vec<RelativeKey>, SyncError> {
    let run = plain(run_id)?;
    Ok(vec![
        RelativeKey(format!("drawings/{run}.")),
        RelativeKey(format!("images/{run}_scene_")),
        RelativeKey(format!("audio/{run}_scene_")),
    ])
}

/// The name a library entry's cloud files are made from: its run's id, or its own id for an
/// entry with no run (a conflict copy, or one adopted from another computer).
pub fn library_files_name(entry_id: &str, run_id: Option<&str>) -> String {
    run_id.unwrap_or(entry_id).to_owned()
}

/// The content type S3 is told for a file of this extension.
pub fn content_type(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "wav" => "audio/wav",
        "m4a" | "aac" => "audio/mp4",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: &str = "7f1c2b9e-5d2a-4c1e-9a51-0b8a2f3e4d10";

    #[test]
    fn keys_follow_the_family_layout() {
        assert_eq!(drawing(RUN, "png").expect("key").as_str(), format!("drawings/{RUN}.png"));
        assert_eq!(scene_image(RUN, 2).expect("key").as_str(), format!("images/{RUN}_scene_2.png"));
        assert_eq!(narration(RUN, 3, "wav").expect("key").as_str(), format!("audio/{RUN}_scene_3.wav"));
        assert_eq!(video(RUN).expect("key").as_str(), format!("videos/{RUN}_final.mp4"));
        assert_eq!(thumbnail(RUN).expect("key").as_str(), format!("videos/{RUN}_thumb.jpg"));
    }

    #[test]
    fn ids_that_could_leave_the_folder_are_refused() {
        for id in ["../x", "a/b", "", ".", "run id", "x\n", "é"] {
            assert!(drawing(id, "png").is_err(), "{id:?}");
            assert!(video(id).is_err(), "{id:?}");
            assert!(run_working_prefixes(id).is_err(), "{id:?}");
        }
        assert!(drawing(RUN, "png/../../x").is_err());
        assert!(narration(RUN, 1, "").is_err());
    }

    #[test]
    fn no_key_starts_outside_a_folder_of_the_layout() {
        let folders = ["drawings/", "images/", "audio/", "videos/"];
        let keys =
            [drawing(RUN, "jpg"), scene_image(RUN, 1), narration(RUN, 1, "m4a"), video(RUN), thumbnail(RUN)];
        for key in keys {
            let key = key.expect("key");
            assert!(folders.iter().any(|f| key.as_str().starts_with(f)), "{key}");
            assert!(!key.as_str().contains(".."), "{key}");
        }
    }
}
