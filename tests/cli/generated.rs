//! Generated files stay current: the shell completions in `completions/` and the man page in
//! `man/` are what the clap definitions generate now. Run with `UPDATE_GENERATED=1` to
//! rewrite them after changing the command line.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;
use ncp_usage::cli::{completion_script, man_page, Cli};

use crate::common::Env;

fn check(path: &str, generated: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let on_disk = std::fs::read(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is out of date; run `UPDATE_GENERATED=1 cargo test --test cli generated` and commit it",
        path.display()
    );
}

#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn completions_are_current() {
    for (shell, file) in [
        (Shell::Bash, "completions/ncp-usage.bash"),
        (Shell::Zsh, "completions/_ncp-usage"),
        (Shell::Fish, "completions/ncp-usage.fish"),
        (Shell::PowerShell, "completions/_ncp-usage.ps1"),
        (Shell::Elvish, "completions/ncp-usage.elv"),
    ] {
        check(file, &completion_script(shell));
    }
}

#[test]
fn man_page_is_current() {
    check("man/ncp-usage.1", &man_page().unwrap());
}

#[test]
fn completions_command_prints_the_script() {
    let out = Env::new().ok("2024-01-01", &["completions", "zsh"]);
    assert!(
        out.starts_with("#compdef ncp-usage"),
        "{}",
        &out[..40.min(out.len())]
    );
    assert_eq!(out.as_bytes(), completion_script(Shell::Zsh).as_slice());
    for shell in ["bash", "fish", "powershell", "elvish"] {
        assert!(!Env::new()
            .ok("2024-01-01", &["completions", shell])
            .is_empty());
    }
}
