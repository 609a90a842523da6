//! The command line, declared once so help text and parsing agree.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "nocomelon",
    version,
    about = "Turn a child's drawing into a narrated storybook video.",
    after_help = "Exit codes: 0 done; 1 refused or failed (the message says why); 2 wrong usage; \
                  3 needs a signed-in family account; 4 the family's cloud could not be reached \
                  (what was made is kept on this computer and syncs later)."
)]
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
    /// Find the figure in a drawing and suggest a setting and mood.
    Analyze {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Write the figure mask (white = figure) at the drawing's upright size.
        #[arg(long, value_name = "PNG")]
        mask_out: Option<PathBuf>,
        /// Write the figure as the story's pictures start from it, before any style: cut out
        /// and white-balanced by its paper, as an RGBA PNG at the drawing's upright size (the
        /// mask's size), in place on a fully transparent page.
        #[arg(long, value_name = "PNG")]
        cutout_out: Option<PathBuf>,
    },
    /// Make a narrated storybook video from a drawing, start to finish.
    Make(MakeArgs),
    /// Finish (or redo) the video of an existing draft, reusing what was already made.
    Render {
        run_id: String,
        #[arg(long, value_name = "FILE.mp4")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Family account: sign in, sign up, sign out. Passwords and codes are asked for (or read
    /// from stdin when it is not a terminal), never taken from the command line.
    Auth {
        #[command(subcommand)]
        command: AuthCommand,
    },
    /// Time the on-device pipeline on each drawing next to ffmpeg's own floor.
    Bench {
        /// Folder of drawings (default: the repository's fixture drawings).
        #[arg(long, value_name = "DIR")]
        drawings: Option<PathBuf>,
        /// Times each drawing (and its floor) this many times and reports the fastest, so that
        /// other work on the computer weighs less on the figures.
        #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
        runs: u32,
    },
    /// The library of finished storybooks.
    Library {
        #[command(subcommand)]
        command: LibraryCommand,
    },
    /// Store a drawing and send it to the signed-in family's cloud space.
    Upload {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The family account itself.
    Account {
        #[command(subcommand)]
        command: AccountCommand,
    },
    /// The cloud settings file.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write the cloud settings from `terraform output -json` of infrastructure/terraform,
    /// checked first; says where they were written.
    Import {
        /// The saved output of `terraform output -json`.
        outputs: PathBuf,
        /// Where to write the settings (default: the file the app reads, in the OS config folder).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Delete the signed-in account: everything in the family's cloud space, the library and
    /// checkpoints there, the account itself, and this computer's copies. Asks for the account's
    /// email to confirm (read from stdin when it is not a terminal).
    Delete {
        /// Keep the drafts (stories not yet in the library) on this computer.
        #[arg(long)]
        keep_drafts: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct MakeArgs {
    pub drawing: PathBuf,
    #[arg(long, value_enum, default_value_t = ThemeArg::Adventure)]
    pub theme: ThemeArg,
    #[arg(long, value_enum, default_value_t = StyleArg::Storybook)]
    pub style: StyleArg,
    #[arg(long, value_enum, default_value_t = VoiceArg::Gentle)]
    pub voice: VoiceArg,
    /// The child's age, 2 to 10.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(2..=10))]
    pub age: u8,
    /// The child's name, to put them in the story.
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub pet: Option<String>,
    #[arg(long)]
    pub place: Option<String>,
    /// What the child drew (default: the engine's first guess).
    #[arg(long)]
    pub subject: Option<String>,
    /// Story seed: the same seed writes the same story.
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long, value_name = "FILE.mp4")]
    pub out: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ThemeArg {
    Adventure,
    Friendship,
    Bedtime,
    Silly,
    Brave,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StyleArg {
    Storybook,
    Watercolor,
    Crayon,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum VoiceArg {
    Gentle,
    Cheerful,
    Grandparent,
}

impl From<ThemeArg> for model::Theme {
    fn from(theme: ThemeArg) -> Self {
        match theme {
            ThemeArg::Adventure => Self::Adventure,
            ThemeArg::Friendship => Self::Friendship,
            ThemeArg::Bedtime => Self::Bedtime,
            ThemeArg::Silly => Self::Silly,
            ThemeArg::Brave => Self::Brave,
        }
    }
}

impl From<StyleArg> for model::Style {
    fn from(style: StyleArg) -> Self {
        match style {
            StyleArg::Storybook => Self::Storybook,
            StyleArg::Watercolor => Self::Watercolor,
            StyleArg::Crayon => Self::Crayon,
        }
    }
}

impl From<VoiceArg> for model::VoiceType {
    fn from(voice: VoiceArg) -> Self {
        match voice {
            VoiceArg::Gentle => Self::Gentle,
            VoiceArg::Cheerful => Self::Cheerful,
            VoiceArg::Grandparent => Self::Grandparent,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Sign in (answers any new-password or code steps on the way).
    SignIn {
        #[arg(long)]
        email: String,
    },
    /// Create an account; a code is emailed to confirm it.
    SignUp {
        #[arg(long)]
        email: String,
    },
    /// Confirm a new account with the emailed code.
    Confirm {
        #[arg(long)]
        email: String,
        /// Send the code again instead.
        #[arg(long)]
        resend: bool,
    },
    /// Reset a forgotten password with an emailed code.
    Forgot {
        #[arg(long)]
        email: String,
    },
    /// Sign out of this computer (and of every computer with --everywhere).
    SignOut {
        #[arg(long)]
        everywhere: bool,
    },
    /// Who is signed in.
    Whoami {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// List the storybooks, newest first, with where each one lives.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Send what waits to the family's cloud and fetch storybooks made on other computers.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Delete a storybook (from the family's cloud too, when it was synced).
    Delete { id: String },
}

impl Cli {
    /// Whether the chosen command asked for JSON output (errors then come as JSON too).
    pub fn json(&self) -> bool {
        match &self.command {
            Command::Ingest { json, .. } | Command::Analyze { json, .. } | Command::Render { json, .. } => {
                *json
            }
            Command::Make(make) => make.json,
            Command::Library { command: LibraryCommand::List { json } | LibraryCommand::Sync { json } } => {
                *json
            }
            Command::Library { command: LibraryCommand::Delete { .. } } => false,
            Command::Upload { json, .. }
            | Command::Account { command: AccountCommand::Delete { json, .. } } => *json,
            Command::Auth { command: AuthCommand::Whoami { json } } => *json,
            Command::Auth { .. } | Command::Bench { .. } | Command::Config { .. } => false,
        }
    }
}
