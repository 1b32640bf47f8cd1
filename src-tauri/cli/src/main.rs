//! `dossier`: the command-line face of Dossier Studio's core, for consultants' scripts and for
//! every test that runs without a window. Output is Chinese for people and JSON for scripts.
//!
//! Exit codes: 0 success; 2 usage or input error (the message names what and where); 3 an
//! internal fault of the program.

mod args;
mod bench;
mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("错误：{err}");
            if err.is_user_error() {
                ExitCode::from(2)
            } else {
                ExitCode::from(3)
            }
        }
    }
}
