//! The command line, declared once so help text and parsing agree.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "nocomelon", version, about = "Turn a child's drawing into a narrated storybook video.")]
pub struct Cli {
    /// Cloud settings file (JSON); without one, everything stays on this computer.
    #[arg(long, global = true, env = "NOCOMELON_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where the app keeps drawings, drafts and the library.
    #[arg(long, global = true, env = "NOCOMELON_DATA_DIR", value_name = "DIR", hide_env_values = true)]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check and store a drawing; prints its id, size and where it is kept.
    Ingest {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The library of finished storybooks.
    Library {
        #[command(subcommand)]
        command: LibraryCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// List the storybooks, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

impl Cli {
    /// Whether the chosen command asked for JSON output (errors then come as JSON too).
    pub fn json(&self) -> bool {
        match &self.command {
            Command::Ingest { json, .. } => *json,
            Command::Library { command: LibraryCommand::List { json } } => *json,
        }
    }
}
