//! Each subcommand: open the family (the core, and the cloud session when this computer has
//! cloud settings), call it, print the result.

mod account;
mod analyze;
mod auth;
mod bench;
mod config;
mod ingest;
mod library;
mod make;

use family::Family;
use nocomelon_core::DataDir;

use crate::args::{AccountCommand, Cli, Command, ConfigCommand, LibraryCommand};
use crate::output::Failure;

pub fn run(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Bench { drawings, runs } => return bench::run(drawings.as_deref(), *runs as usize),
        Command::Config { command: ConfigCommand::Import { outputs, out } } => {
            return config::import(outputs, out.as_deref())
        }
        _ => {}
    }
    let config = cloud_config(cli)?;
    let data = DataDir::resolve(cli.data_dir.clone())?;
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Failure::new("internal", format!("The app couldn't start its network worker: {e}.")))?;
    // The AWS clients are made inside the runtime they will run on.
    let _runtime_context = runtime.enter();
    let family = Family::open(data, Ok(config))?;
    runtime.block_on(settle(&family));
    match &cli.command {
        Command::Auth { command } => auth::run(&family, &runtime, command),
        Command::Ingest { file, json } => ingest::run(family.core(), file, *json),
        Command::Analyze { file, json, mask_out, cutout_out } => {
            analyze::run(family.core(), file, *json, mask_out.as_deref(), cutout_out.as_deref())
        }
        Command::Make(args) => make::make(&family, &runtime, args),
        Command::Render { run_id, out, json } => make::render(&family, &runtime, run_id, out, *json),
        Command::Library { command: LibraryCommand::List { json } } => {
            library::list(&family, &runtime, *json)
        }
        Command::Library { command: LibraryCommand::Sync { json } } => {
            library::sync(&family, &runtime, *json)
        }
        Command::Library { command: LibraryCommand::Delete { id } } => library::delete(&family, &runtime, id),
        Command::Upload { file, json } => library::upload(&family, &runtime, file, *json),
        Command::Account { command: AccountCommand::Delete { keep_drafts, json } } => {
            account::delete(&family, &runtime, *keep_drafts, *json)
        }
        Command::Bench { .. } | Command::Config { .. } => Ok(()),
    }
}

/// Attaches the data folder to whoever is signed in (or to nobody) before any command runs.
async fn settle(family: &Family) {
    if let Err(error) = family.settle_account().await {
        tracing::warn!(code = error.code(), "the account could not be settled");
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

/// After a change: send it when signed in. Offline, the change is kept and says so; the command
/// still succeeds, because the work is safe on this computer.
pub(crate) fn sync_after_change(family: &Family, runtime: &tokio::runtime::Runtime) {
    let Ok(sync) = family.sync() else { return };
    if !runtime.block_on(sync.signed_in()) {
        return;
    }
    match runtime.block_on(sync.drain()) {
        Ok(report) if report.stopped_by.is_none() => {
            if report.sent > 0 {
                eprintln!("Synced with your family's cloud.");
            }
        }
        Ok(report) => eprintln!("{}", report.stopped_by.unwrap_or_default()),
        Err(error) => eprintln!("{error}"),
    }
}
