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
        args::Command::Secrets(a) => commands::secrets::run(&a),
        args::Command::Iam(args::IamCommand::Eval(a)) => commands::iam::eval(&a),
        args::Command::Iam(args::IamCommand::Lint(a)) => commands::iam_lint::run(&a),
        args::Command::Iam(args::IamCommand::WhoCan(a)) => commands::iam_account::who_can(&a),
        args::Command::Iam(args::IamCommand::Can(a)) => commands::iam_account::can(&a),
        args::Command::Iam(args::IamCommand::Escalation(a)) => {
            commands::iam_account::escalation(&a)
        }
        args::Command::Iam(args::IamCommand::Diff(a)) => commands::iam_account::diff(&a),
    };
    match code {
        Ok(c) => ExitCode::from(c),
        // The reader closed the pipe (`palisade rules | head`): nothing to say, but the output
        // is incomplete, so the run does not pass.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::from(2)
        }
        Err(e) => {
            anstream::eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
