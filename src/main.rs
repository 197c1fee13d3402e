//! The `sovc` binary: parses arguments and runs the command.

use clap::Parser;

fn main() -> std::process::ExitCode {
    sovc::cli::run(sovc::cli::Cli::parse())
}
