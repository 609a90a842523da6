//! `nocomelon ingest`: check and store one drawing.

use nocomelon_core::Core;
use serde::Serialize;

use crate::output::{print_json, Failure};

#[derive(Serialize)]
struct IngestReport<'a> {
    id: &'a str,
    width: u32,
    height: u32,
    source_width: u32,
    source_height: u32,
    format: model::ImageFormat,
    path: &'a str,
    thumbnail_path: &'a str,
    duplicate: bool,
}

pub fn run(core: &Core, file: &std::path::Path, json: bool) -> Result<(), Failure> {
    let ingested = core.ingest_file(file)?;
    let drawing = &ingested.drawing;
    if json {
        print_json(&IngestReport {
            id: &drawing.id,
            width: drawing.width,
            height: drawing.height,
            source_width: drawing.source_width,
            source_height: drawing.source_height,
            format: drawing.format,
            path: &drawing.normalized_path,
            thumbnail_path: &drawing.thumbnail_path,
            duplicate: ingested.duplicate,
        });
    } else {
        println!("id:       {}", drawing.id);
        println!("size:     {} x {}", drawing.width, drawing.height);
        println!(
            "source:   {} x {} (upright; the file itself is not kept)",
            drawing.source_width, drawing.source_height
        );
        println!("stored:   {}", drawing.normalized_path);
        if ingested.duplicate {
            println!("(this drawing was already stored)");
        }
    }
    Ok(())
}
