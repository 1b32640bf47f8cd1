//! `dossier`: the command-line face of Dossier Studio's core, for consultants' scripts and for
//! every test that runs without a window. Output is Chinese for people and JSON for scripts.
//!
//! Exit codes: 0 success; 1 `check` found errors, or `export` refused because of them; 2 usage or input error (the message names
//! what and where); 3 an internal fault of the program.

mod args;
mod bench;
mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("错误：{err}");
            if let Some(hint) = hint(err.code()) {
                eprintln!("提示：{hint}");
            }
            if err.code() == dossier_core::ErrorCode::ExportBlocked {
                ExitCode::from(1)
            } else if err.is_user_error() {
                ExitCode::from(2)
            } else {
                ExitCode::from(3)
            }
        }
    }
}

/// What to do about an error, in this face's terms (the core's message says only what is wrong).
fn hint(code: dossier_core::ErrorCode) -> Option<&'static str> {
    use dossier_core::ErrorCode::*;
    Some(match code {
        DossierNotFound => "可用 `dossier list` 查看全部申报书",
        ImportTypeUnknown => "用 --type enterprise|industry|city 指定试点类型后再导入",
        StoreNoDataDir => "用 --store 指定数据文件，或设置环境变量 DOSSIER_STORE",
        ExportBlocked => "加 --draft 可导出草稿",
        _ => return None,
    })
}

/// Lets `dossier list | head` end quietly, as Unix tools do, instead of failing on a closed pipe.
#[allow(unsafe_code)] // reviewed: one libc call, see SAFETY
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
