//! Each subcommand: open the core, call it, print the result.

use nocomelon_core::{Core, DataDir};
use serde::Serialize;

use crate::args::{Cli, Command, LibraryCommand};
use crate::output::{print_json, Failure};

pub fn run(cli: &Cli) -> Result<(), Failure> {
    check_config(cli)?;
    let core = Core::open(DataDir::resolve(cli.data_dir.clone())?)?;
    match &cli.command {
        Command::Ingest { file, json } => ingest(&core, file, *json),
        Command::Library { command: LibraryCommand::List { json } } => library_list(&core, *json),
    }
}

/// A config file that was named must be readable JSON; without one the app stays local.
fn check_config(cli: &Cli) -> Result<(), Failure> {
    let Some(path) = &cli.config else { return Ok(()) };
    let text = std::fs::read_to_string(path).map_err(|error| {
        Failure::new("config", format!("The settings file {} couldn't be read: {error}.", path.display()))
    })?;
    serde_json::from_str::<serde_json::Value>(&text).map_err(|error| {
        Failure::new("config", format!("The settings file {} isn't valid JSON: {error}.", path.display()))
    })?;
    Ok(())
}

#[derive(Serialize)]
struct IngestReport<'a> {
    id: &'a str,
    width: u32,
    height: u32,
    format: model::ImageFormat,
    path: &'a str,
    original_path: &'a str,
    duplicate: bool,
}

fn ingest(core: &Core, file: &std::path::Path, json: bool) -> Result<(), Failure> {
    let ingested = core.ingest_file(file)?;
    let drawing = &ingested.drawing;
    if json {
        print_json(&IngestReport {
            id: &drawing.id,
            width: drawing.width,
            height: drawing.height,
            format: drawing.format,
            path: &drawing.normalized_path,
            original_path: &drawing.original_path,
            duplicate: ingested.duplicate,
        });
    } else {
        println!("id:       {}", drawing.id);
        println!("size:     {} x {}", drawing.width, drawing.height);
        println!("stored:   {}", drawing.normalized_path);
        println!("original: {}", drawing.original_path);
        if ingested.duplicate {
            println!("(this drawing was already stored)");
        }
    }
    Ok(())
}

fn library_list(core: &Core, json: bool) -> Result<(), Failure> {
    let entries = core.library()?;
    if json {
        print_json(&entries);
        return Ok(());
    }
    if entries.is_empty() {
        println!("The library is empty.");
    }
    for entry in entries {
        let seconds = entry.duration_sec.round() as u64;
        println!(
            "{}  {}  {}:{:02}  {}  {}",
            entry.id,
            entry.title,
            seconds / 60,
            seconds % 60,
            entry.style.as_str(),
            entry.created_at.get(..10).unwrap_or(&entry.created_at)
        );
    }
    Ok(())
}
