//! Each subcommand: open the core, call it, print the result.

mod analyze;
mod auth;
mod bench;
mod ingest;
mod library;
mod make;

use nocomelon_core::{Core, DataDir};

use crate::args::{Cli, Command, LibraryCommand};
use crate::output::Failure;

pub fn run(cli: &Cli) -> Result<(), Failure> {
    let config = cloud_config(cli)?;
    let data = DataDir::resolve(cli.data_dir.clone())?;
    if let Command::Auth { command } = &cli.command {
        return auth::run(config, data.root(), command);
    }
    let core = Core::open(data)?;
    match &cli.command {
        Command::Ingest { file, json } => ingest::run(&core, file, *json),
        Command::Analyze { file, json, mask_out } => analyze::run(&core, file, *json, mask_out.as_deref()),
        Command::Make(args) => make::make(core, args),
        Command::Render { run_id, out, json } => make::render(core, run_id, out, *json),
        Command::Library { command: LibraryCommand::List { json } } => library::list(&core, *json),
        Command::Bench { drawings, runs } => bench::run(drawings.as_deref(), *runs as usize),
        Command::Auth { .. } => Ok(()),
    }
}

/// The cloud settings: `--config` (which must exist), else `$NOCOMELON_CONFIG` or the OS config
/// dir. A named file that is broken is an error even for commands that stay on this computer.
fn cloud_config(cli: &Cli) -> Result<Option<cloud::CloudConfig>, Failure> {
    if let Some(path) = &cli.config {
        if !path.is_file() {
            return Err(Failure::new("config", format!("The settings file {} isn't there.", path.display())));
        }
    }
    cloud::CloudConfig::locate(cli.config.as_deref()).map_err(|error| {
        let message = error.to_string();
        let mut sentence = message[..1].to_uppercase();
        sentence.push_str(&message[1..]);
        Failure::new("config", format!("{sentence}."))
    })
}
