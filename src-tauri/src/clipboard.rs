//! Paste: an image on the clipboard, or picture files copied in a file manager.

use std::io::Cursor;
use std::path::PathBuf;

use nocomelon_core::api::IngestOutcome;
use nocomelon_core::Core;
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::AppError;

pub enum Pasted {
    Image(Vec<u8>),
    Files(Vec<PathBuf>),
}

impl Pasted {
    pub fn ingest(self, core: &Core) -> Vec<IngestOutcome> {
        match self {
            Pasted::Image(png) => vec![core.ingest_pasted(&png, "Pasted picture")],
            Pasted::Files(paths) => core.ingest_paths(&paths),
        }
    }
}

pub fn read(app: &tauri::AppHandle) -> Result<Pasted, AppError> {
    let clipboard = app.clipboard();
    if let Ok(image) = clipboard.read_image() {
        return encode_png(image.rgba(), image.width(), image.height()).map(Pasted::Image);
    }
    if let Ok(text) = clipboard.read_text() {
        let paths = file_paths(&text);
        if !paths.is_empty() {
            return Ok(Pasted::Files(paths));
        }
    }
    Err(AppError::new(
        "nothing_to_paste",
        "There's no picture on the clipboard. Copy a picture or a picture file, then paste again.",
    ))
}

fn encode_png(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, AppError> {
    let image = image::RgbaImage::from_raw(width, height, rgba.to_vec()).ok_or_else(|| {
        AppError::new("clipboard_unreadable", "The picture on the clipboard couldn't be read.")
    })?;
    let mut png = Vec::new();
    image.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png).map_err(|_| {
        AppError::new("clipboard_unreadable", "The picture on the clipboard couldn't be read.")
    })?;
    Ok(png)
}

/// Files named on the clipboard: `file://` URIs (file managers) or absolute paths, one per line.
/// Every one is handed to the core, even a folder or a missing file, so the parent hears why it
/// wasn't taken.
fn file_paths(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && *line != "copy" && *line != "cut")
        .filter_map(|line| {
            if line.starts_with("file://") {
                url::Url::parse(line).ok()?.to_file_path().ok()
            } else {
                Some(PathBuf::from(line))
            }
        })
        .filter(|path| path.is_absolute())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::file_paths;

    #[test]
    fn copied_files_are_read_from_uris_and_paths() {
        let dir = std::env::temp_dir();
        let file = dir.join("nocomelon clipboard test.png");
        std::fs::write(&file, b"x").expect("write");
        let uri = url::Url::from_file_path(&file).expect("uri").to_string();
        let text = format!("copy\n{uri}\n{}\nnot a path\n", file.display());
        assert_eq!(file_paths(&text), vec![file.clone(), file.clone()]);
        assert!(file_paths("hello world").is_empty());
        let missing = dir.join("nocomelon clipboard test, gone.png");
        let named = format!("{}\n{}\n", dir.display(), missing.display());
        assert_eq!(
            file_paths(&named),
            vec![dir.clone(), missing],
            "a folder and a missing file are named too"
        );
        let _ = std::fs::remove_file(file);
    }
}
