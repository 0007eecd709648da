//! Issue 12.2 / 12.8: shell completions work where people press TAB. Each test drives a
//! real shell: bash (the completion function with COMP_WORDS / COMP_CWORD, read back from
//! COMPREPLY), zsh (an interactive zsh on a pseudo-terminal through zsh/zpty, matches
//! captured from compadd) and fish (`complete -C`). The scripts come from `ncp-usage
//! completions SHELL`, as a person installs them; the README's install lines are run as they
//! are on an empty home folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// Debian's shells, as `.ci/run` installs them; outside CI a missing shell skips its test
/// (saying so) and CI fails without it.
fn shell(name: &str) -> Option<PathBuf> {
    let path = Path::new("/usr/bin").join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install {name} (see .ci/run)"
    );
    eprintln!("SKIPPED: no {name} here; `apt-get install zsh fish bash-completion` to run the shell tests");
    None
}

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("ncp-usage")
}

/// A temporary home folder with `ncp-usage` on the PATH, as after `cargo install`.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A command of `program` with a clean environment: this HOME, the binary on the PATH,
    /// a time limit so a hanging shell fails the test instead of stalling it.
    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new("timeout");
        let bin_dir = binary().parent().unwrap().to_path_buf();
        cmd.env_clear()
            .env("HOME", self.path())
            .env(
                "PATH",
                format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display()),
            )
            .env("TERM", "dumb")
            .env("LANG", "C.UTF-8")
            .current_dir(self.path())
            .arg("60")
            .arg(program);
        cmd
    }

    /// `ncp-usage completions SHELL`, written to a file of this home.
    fn script(&self, shell: &str, name: &str) -> PathBuf {
        let out = Command::new(binary())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let path = self.path().join(name);
        std::fs::write(&path, out.stdout).unwrap();
        path
    }
}

fn run(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn words(out: &str) -> BTreeSet<String> {
    out.lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Completes `line` in bash: `setup` loads the completion, then the function registered for
/// `ncp-usage` (as `complete -p` names it) runs on the line's words.
fn bash_complete(home: &Home, bash: &Path, setup: &str, line: &str) -> BTreeSet<String> {
    let script = format!(
        r#"{setup}
spec=$(complete -p ncp-usage) || exit 9
fn=${{spec##* -F }}; fn=${{fn%% *}}
read -ra COMP_WORDS <<< "$LINE"
[[ $LINE == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE=$LINE; COMP_POINT=${{#LINE}}
COMPREPLY=()
"$fn" ncp-usage "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#
    );
    let mut cmd = home.command(bash);
    cmd.env("LINE", line)
        .args(["--norc", "--noprofile", "-c", &script]);
    words(&run(cmd))
}

/// Completes `line` in an interactive zsh (see `shells/capture.zsh`).
fn zsh_complete(home: &Home, zsh: &Path, mode: &[&str], line: &str) -> BTreeSet<String> {
    let capture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/shells/capture.zsh");
    let mut cmd = home.command(zsh);
    cmd.arg("-f").arg(capture).args(mode).arg(line);
    words(&run(cmd))
}

/// Completes `line` in fish with `complete -C`, after `setup`.
fn fish_complete(
    home: &Home,
    fish: &Path,
    setup: &str,
    no_config: bool,
    line: &str,
) -> BTreeSet<String> {
    let mut cmd = home.command(fish);
    if no_config {
        cmd.arg("--no-config");
    }
    cmd.env("LINE", line)
        .arg("-c")
        .arg(format!("{setup}\ncomplete -C \"$LINE\""));
    words(&run(cmd))
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// What TAB must offer after each line, in every shell: `exact` lines offer exactly these,
/// the others at least these.
const CASES: &[(&str, bool, &[&str])] = &[
    ("ncp-usage pa", true, &["pay"]),
    ("ncp-usage pay --ins", true, &["--instant"]),
    ("ncp-usage history --re", true, &["--region"]),
    ("ncp-usage import con", true, &["contracts"]),
    (
        "ncp-usage import ",
        false,
        &[
            "contracts",
            "usage",
            "fees",
            "promotions",
            "holidays",
            "ncp",
        ],
    ),
    (
        "ncp-usage --format ",
        true,
        &["table", "json", "csv", "focus"],
    ),
    (
        "ncp-usage history --format ",
        true,
        &["table", "json", "csv", "focus"],
    ),
    ("ncp-usage --json trend --format c", true, &["csv"]),
    (
        "ncp-usage account set --member-type ",
        true,
        &["individual", "business"],
    ),
    (
        "ncp-usage account payment-method ",
        false,
        &["card", "transfer", "deposit"],
    ),
    ("ncp-usage account billing-email --h", true, &["--help"]),
    (
        "ncp-usage completions ",
        false,
        &["bash", "zsh", "fish", "powershell", "elvish"],
    ),
];

fn check_cases(shell: &str, complete: impl Fn(&str) -> BTreeSet<String>) {
    for (line, exact, expected) in CASES {
        let got = complete(line);
        let want = set(expected);
        if *exact {
            assert_eq!(got, want, "{shell}: `{line}<TAB>`");
        } else {
            assert!(
                want.is_subset(&got),
                "{shell}: `{line}<TAB>` offered {got:?}, missing {:?}",
                want.difference(&got).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn i12_2_bash_completes_subcommands_options_and_values() {
    let Some(bash) = shell("bash") else { return };
    let home = Home::new();
    let script = home.script("bash", "ncp-usage.bash");
    let setup = format!("source '{}'", script.display());
    check_cases("bash", |line| bash_complete(&home, &bash, &setup, line));
}

#[test]
fn i12_2_zsh_completes_subcommands_options_and_values() {
    let Some(zsh) = shell("zsh") else { return };
    let home = Home::new();
    let dir = home.path().join("functions");
    std::fs::create_dir(&dir).unwrap();
    let script = home.script("zsh", "functions/_ncp-usage");
    assert!(script.is_file());
    let dir = dir.to_str().unwrap().to_string();
    check_cases("zsh", |line| {
        zsh_complete(&home, &zsh, &["fpath", &dir], line)
    });
}

#[test]
fn i12_2_fish_completes_subcommands_options_and_values() {
    let Some(fish) = shell("fish") else { return };
    let home = Home::new();
    let script = home.script("fish", "ncp-usage.fish");
    let setup = format!("source '{}'", script.display());
    check_cases("fish", |line| {
        fish_complete(&home, &fish, &setup, true, line)
    });
}

/// The README's install block for `shell`: the lines after `# shell` up to the next blank
/// line, in the "Shell completions" section.
fn readme_lines(shell: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("### Shell completions")
        .nth(1)
        .expect("README has a Shell completions section");
    let block = section.split("```sh\n").nth(1).unwrap();
    let block = block.split("```").next().unwrap();
    let header = format!("# {shell}");
    let lines: Vec<&str> = block
        .split("\n\n")
        .find(|part| part.trim_start().starts_with(&header))
        .unwrap_or_else(|| panic!("no `{header}` install lines in the README"))
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    assert!(!lines.is_empty());
    lines.join("\n")
}

#[test]
fn i12_8_readme_install_lines_work_on_an_empty_home() {
    // bash: the lines run in bash; bash-completion (as a Debian ~/.bashrc loads it) finds the
    // file on demand.
    if let Some(bash) = shell("bash") {
        let loader = Path::new("/usr/share/bash-completion/bash_completion");
        if loader.is_file() {
            let home = Home::new();
            let mut cmd = home.command(&bash);
            cmd.args(["--norc", "--noprofile", "-e", "-c", &readme_lines("bash")]);
            run(cmd);
            let setup = format!("source {}; __load_completion ncp-usage", loader.display());
            assert_eq!(
                bash_complete(&home, &bash, &setup, "ncp-usage pay --ins"),
                set(&["--instant"])
            );
            assert!(bash_complete(&home, &bash, &setup, "ncp-usage import ").contains("contracts"));
        } else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install bash-completion (see .ci/run)"
            );
            eprintln!("SKIPPED: no bash-completion here");
        }
    }
    // zsh: the lines run in zsh (the folder did not exist: `mkdir -p` makes it), then an
    // interactive zsh reads the ~/.zshrc they wrote.
    if let Some(zsh) = shell("zsh") {
        let home = Home::new();
        assert!(!home.path().join(".zfunc").exists());
        let mut cmd = home.command(&zsh);
        cmd.args(["-f", "-e", "-c", &readme_lines("zsh")]);
        run(cmd);
        assert!(home.path().join(".zfunc/_ncp-usage").is_file());
        assert_eq!(
            zsh_complete(&home, &zsh, &["rc"], "ncp-usage pay --ins"),
            set(&["--instant"])
        );
        assert_eq!(
            zsh_complete(&home, &zsh, &["rc"], "ncp-usage --format "),
            set(&["table", "json", "csv", "focus"])
        );
    }
    // fish: the lines run in fish; fish autoloads the file from its completions folder.
    if let Some(fish) = shell("fish") {
        let home = Home::new();
        let mut cmd = home.command(&fish);
        cmd.args(["--no-config", "-c", &readme_lines("fish")]);
        run(cmd);
        assert_eq!(
            fish_complete(&home, &fish, "", false, "ncp-usage pay --ins"),
            set(&["--instant"])
        );
        assert!(fish_complete(&home, &fish, "", false, "ncp-usage import ").contains("usage"));
    }
}
