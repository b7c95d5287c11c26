//! The `palisade` binary: the only crate that prints or exits.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod commands;
mod walk;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let code = match cli.command {
        args::Command::Scan(a) => commands::scan::run(a),
        args::Command::Rules(a) => commands::rules::run(&a),
        args::Command::Iam(args::IamCommand::Eval(a)) => commands::iam::eval(&a),
    };
    match code {
        Ok(c) => ExitCode::from(c),
        Err(e) => {
            anstream::eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
