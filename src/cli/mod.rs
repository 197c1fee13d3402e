//! The command line: argument parsing and the exit-code contract (SPEC §7).
//!
//! | exit | meaning |
//! |---|---|
//! | 0 | success (warnings allowed); `--check`: up to date |
//! | 1 | the topology is invalid (nothing written) |
//! | 2 | usage or I/O error |
//! | 3 | `--check`: the tree on disk differs from what would be generated |

mod explain;
mod generate;
mod init;
mod report;
mod tree;
mod validate;

use crate::diag::Format;
use crate::read::InputFormat;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_DRIFT: u8 = 3;

#[derive(Parser, Debug)]
#[command(name = "sovc", version, about = "The Sovereign topology compiler", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Debug)]
pub struct InputArgs {
    /// The topology file (YAML or KDL)
    pub file: PathBuf,
    /// Input format; by default taken from the file extension
    #[arg(long, value_enum)]
    pub format_in: Option<InputFormat>,
    /// How diagnostics are printed
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check the topology; write nothing
    Validate {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Validate, render and write the GitOps tree
    Generate {
        #[command(flatten)]
        input: InputArgs,
        /// Output directory (one sub-directory per region)
        #[arg(short, long)]
        output: PathBuf,
        /// Compare with the tree in the output directory instead of writing;
        /// exit 3 and print a diff when they differ
        #[arg(long)]
        check: bool,
        /// Overwrite generated files that were edited by hand
        #[arg(long)]
        force: bool,
    },
    /// Print the topology's JSON Schema
    Schema,
    /// Write a commented starter topology (and its JSON Schema) into DIR
    Init {
        /// Directory to write `sovereign.yaml` into (created if missing)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite existing files
        #[arg(long)]
        force: bool,
        /// Schema location for the editor modeline, instead of writing
        /// `sovereign.schema.json` beside the topology
        #[arg(long, value_name = "URL")]
        schema: Option<String>,
    },
    /// Show which roles can do what on a path, or what a role can reach
    Explain {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        query: explain::Query,
        /// Only this region (location code); every region by default
        #[arg(long)]
        region: Option<String>,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Validate { input } => validate::run(&input),
        Command::Generate { input, output, check, force } => generate::run(&input, &output, check, force),
        Command::Explain { input, query, region } => explain::run(&input, &query, region.as_deref()),
        Command::Schema => {
            print!("{}", crate::schema::schema_json());
            EXIT_OK
        }
        Command::Init { dir, force, schema } => init::run(&dir, force, schema.as_deref()),
    };
    ExitCode::from(code)
}
