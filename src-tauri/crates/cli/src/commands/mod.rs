//! Each subcommand: open the core, call it, print the result.

mod analyze;
mod ingest;
mod library;
mod make;

use nocomelon_core::{Core, DataDir};

use crate::args::{Cli, Command, LibraryCommand};
use crate::output::Failure;

pub fn run(cli: &Cli) -> Result<(), Failure> {
    check_config(cli)?;
    let core = Core::open(DataDir::resolve(cli.data_dir.clone())?)?;
    match &cli.command {
        Command::Ingest { file, json } => ingest::run(&core, file, *json),
        Command::Analyze { file, json, mask_out } => analyze::run(&core, file, *json, mask_out.as_deref()),
        Command::Make(args) => make::make(core, args),
        Command::Render { run_id, out, json } => make::render(core, run_id, out, *json),
        Command::Library { command: LibraryCommand::List { json } } => library::list(&core, *json),
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

