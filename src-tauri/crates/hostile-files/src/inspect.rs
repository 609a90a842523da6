//! Reading back what the app wrote, to check that no metadata and no trace of the family's home
//! survived into any of it.

use std::path::{Path, PathBuf};

/// Chunks a normalized PNG may have: pixels and their palette, nothing about the picture.
const PIXEL_CHUNKS: [&str; 5] = ["IHDR", "IDAT", "IEND", "PLTE", "tRNS"];

/// The first chunk of `png` that isn't pixels, if any.
pub fn png_metadata_chunk(png: &[u8]) -> Option<String> {
    crate::png::chunk_names(png).into_iter().find(|name| !PIXEL_CHUNKS.contains(&name.as_str()))
}

/// The first APPn (other than the JFIF APP0 header) or comment segment of `jpeg`, if any.
pub fn jpeg_metadata_segment(jpeg: &[u8]) -> Option<u8> {
    crate::jpeg::markers(jpeg)
        .into_iter()
        .map(|(marker, _)| marker)
        .find(|&marker| (0xE1..=0xEF).contains(&marker) || marker == 0xFE)
}

/// Every file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}
