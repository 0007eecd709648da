//! Hostile input (SPEC O2, §11): a corpus of named bad inputs across every parser — months,
//! amounts, instants, dates, names, options, and CSV files of every import kind. Each must
//! exit non-zero with one line naming the problem, print nothing on stdout, and leave the
//! ledger byte for byte as it was.
//!
//! The cases live in `tests/cli/hostile/*.txt`, one file per parser family; the format is
//! described in `tests/cli/hostile/README.md`. This file only loads and runs them.

use std::path::{Path, PathBuf};

use crate::common::Env;

/// The corpus has at least this many cases, so that a lost file or a parse slip that drops
/// cases fails here. Raise it when you add cases.
const AT_LEAST: usize = 200;

/// Where a case's data comes from.
#[derive(Debug, PartialEq)]
enum Input {
    None,
    /// Written to a file whose path replaces `@FILE` in the arguments.
    File(Vec<u8>),
    /// Fed on standard input.
    Stdin(Vec<u8>),
}

#[derive(Debug)]
struct Case {
    /// `file.txt:line name`, for failure messages.
    id: String,
    name: String,
    args: Vec<String>,
    input: Input,
    code: i32,
    fragment: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/hostile")
}

/// Every case of every `.txt` file in the corpus folder, files in name order.
fn corpus() -> Vec<Case> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let cases = parse(&file, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!cases.is_empty(), "{file} holds no case");
        all.extend(cases);
    }
    all
}

/// Parses one corpus file (format: `hostile/README.md`).
fn parse(file: &str, text: &str) -> Result<Vec<Case>, String> {
    struct Draft {
        line: usize,
        name: String,
        args: Option<Vec<String>>,
        input: Input,
        code: Option<i32>,
        fragment: Option<String>,
    }
    fn finish(file: &str, d: Draft) -> Result<Case, String> {
        let at = format!("{file}:{}", d.line);
        let missing = |key: &str| format!("{at}: case '{}' has no `{key}:` line", d.name);
        let names_file = d.args.iter().flatten().any(|a| a == "@FILE");
        if names_file != matches!(d.input, Input::File(_)) {
            return Err(format!(
                "{at}: case '{}': `@FILE` in args: goes with a `file:` block, and only with one",
                d.name
            ));
        }
        Ok(Case {
            id: format!("{at} {}", d.name),
            args: d.args.ok_or_else(|| missing("args"))?,
            code: d.code.ok_or_else(|| missing("exit"))?,
            fragment: d.fragment.ok_or_else(|| missing("stderr"))?,
            name: d.name,
            input: d.input,
        })
    }
    let mut cases = Vec::new();
    let mut draft: Option<Draft> = None;
    // Whether `|` lines may follow: right after `file:`/`stdin:` or another `|` line.
    let mut in_body = false;
    for (i, line) in text.lines().enumerate() {
        let at = format!("{file}:{}", i + 1);
        if let Some(body) = line.strip_prefix('|') {
            let d = draft.as_mut().filter(|_| in_body);
            let Some(Draft {
                input: Input::File(bytes) | Input::Stdin(bytes),
                ..
            }) = d
            else {
                return Err(format!("{at}: a `|` line outside a file: or stdin: block"));
            };
            let body = body.strip_prefix(' ').unwrap_or(body);
            // An odd number of final backslashes: the last one drops the line's newline.
            let trailing = body.len() - body.trim_end_matches('\\').len();
            let (body, newline) = if trailing % 2 == 1 {
                (&body[..body.len() - 1], false)
            } else {
                (body, true)
            };
            bytes.extend(unescape(body).map_err(|e| format!("{at}: {e}"))?);
            if newline {
                bytes.push(b'\n');
            }
            continue;
        }
        in_body = false;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("{at}: expected `key: value`, got {line:?}"));
        };
        let value = value.trim();
        if key == "case" {
            if let Some(d) = draft.take() {
                cases.push(finish(file, d)?);
            }
            draft = Some(Draft {
                line: i + 1,
                name: value.to_string(),
                args: None,
                input: Input::None,
                code: None,
                fragment: None,
            });
            continue;
        }
        let Some(d) = draft.as_mut() else {
            return Err(format!("{at}: `{key}:` before the first `case:` line"));
        };
        let twice = || format!("{at}: a second `{key}:` in case '{}'", d.name);
        match key {
            "args" if d.args.is_none() => {
                d.args = Some(words(value).map_err(|e| format!("{at}: {e}"))?);
            }
            "file" | "stdin" if d.input == Input::None && value.is_empty() => {
                d.input = if key == "file" {
                    Input::File(Vec::new())
                } else {
                    Input::Stdin(Vec::new())
                };
                in_body = true;
            }
            "exit" if d.code.is_none() => {
                d.code = Some(value.parse().map_err(|e| format!("{at}: exit: {e}"))?);
            }
            "stderr" if d.fragment.is_none() => d.fragment = Some(value.to_string()),
            "args" | "exit" | "stderr" => return Err(twice()),
            "file" | "stdin" => {
                return Err(format!(
                    "{at}: one `file:` or `stdin:` per case, with nothing after the colon"
                ))
            }
            _ => return Err(format!("{at}: unknown key `{key}`")),
        }
    }
    if let Some(d) = draft.take() {
        cases.push(finish(file, d)?);
    }
    Ok(cases)
}

/// Splits an `args:` value into words: spaces separate words, double quotes group (and
/// allow an empty word), and escapes work as in bodies.
fn words(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut started = false;
    let mut quoted = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // Kept for `unescape`; only the next character matters here (`\"`, `\ `).
                word.push('\\');
                word.extend(chars.next());
                started = true;
            }
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err(format!("unclosed quote in {s:?}"));
    }
    if started {
        out.push(word);
    }
    out.into_iter()
        .map(|w| String::from_utf8(unescape(&w)?).map_err(|_| format!("{w:?} is not UTF-8")))
        .collect()
}

/// The bytes a corpus text stands for: `\\`, `\"`, `\ `, `\0`, `\n`, `\r`, `\t`, `\xHH` (a byte),
/// `\u{HHHH}` (a character) and `\{TEXT*N}` (TEXT N times); anything else as written.
fn unescape(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let after = &rest[at + 1..];
        let bad = || format!("bad escape at {:?}", &rest[at..]);
        let mut next = after.chars();
        let used = match next.next().ok_or_else(bad)? {
            '\\' => {
                out.push(b'\\');
                1
            }
            '"' => {
                out.push(b'"');
                1
            }
            ' ' => {
                out.push(b' ');
                1
            }
            '0' => {
                out.push(0);
                1
            }
            'n' => {
                out.push(b'\n');
                1
            }
            'r' => {
                out.push(b'\r');
                1
            }
            't' => {
                out.push(b'\t');
                1
            }
            'x' => {
                let hex = after.get(1..3).ok_or_else(bad)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                3
            }
            'u' => {
                let end = after.find('}').ok_or_else(bad)?;
                let hex = after[1..end].strip_prefix('{').ok_or_else(bad)?;
                let c = u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(bad)?;
                out.extend_from_slice(c.to_string().as_bytes());
                end + 1
            }
            '{' => {
                let end = after.find('}').ok_or_else(bad)?;
                let (text, n) = after[1..end].rsplit_once('*').ok_or_else(bad)?;
                let n: usize = n.parse().map_err(|_| bad())?;
                out.extend(unescape(text)?.repeat(n));
                end + 1
            }
            _ => return Err(bad()),
        };
        rest = &after[used..];
    }
    out.extend_from_slice(rest.as_bytes());
    Ok(out)
}

/// The format itself: escapes, quoting, a body without a final newline, and the file and
/// line a case is named by.
#[test]
fn o2_the_corpus_format_reads_as_documented() {
    let text = "# a comment\n\
                \n\
                case: one\n\
                args: import @FILE \"a b\" \"\" x\\\"y \\u{feff}\n\
                file:\n\
                | h,\\0\\xff\\\\\\r\\t\n\
                |\n\
                | \\{ab*3}\\\n\
                exit: 2\n\
                stderr:   some words  \n\
                case: two\n\
                args: status\n\
                exit: 3\n\
                stderr:\n";
    let cases = parse("t.txt", text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].id, "t.txt:3 one");
    assert_eq!(
        cases[0].args,
        ["import", "@FILE", "a b", "", "x\"y", "\u{feff}"]
    );
    assert_eq!(
        cases[0].input,
        Input::File(b"h,\0\xff\\\r\t\n\nababab".to_vec())
    );
    assert_eq!(
        (cases[0].code, cases[0].fragment.as_str()),
        (2, "some words")
    );
    assert_eq!(cases[1].id, "t.txt:11 two");
    assert_eq!(cases[1].input, Input::None);
    assert_eq!((cases[1].code, cases[1].fragment.as_str()), (3, ""));
    for (bad, says) in [
        (
            "case: a\nargs: x\nexit: 2\n",
            "t.txt:1: case 'a' has no `stderr:` line",
        ),
        (
            "args: x\n",
            "t.txt:1: `args:` before the first `case:` line",
        ),
        (
            "case: a\nargs: x\nargs: y\n",
            "t.txt:3: a second `args:` in case 'a'",
        ),
        (
            "case: a\n| x\n",
            "t.txt:2: a `|` line outside a file: or stdin: block",
        ),
        ("case: a\nexpect: x\n", "t.txt:2: unknown key `expect`"),
        ("case: a\nargs: \"x\n", "t.txt:2: unclosed quote"),
        (
            "case: a\nfile:\n| \\q\n",
            "t.txt:3: bad escape at \"\\\\q\"",
        ),
        (
            "case: a\nargs: import usage @FILE\nexit: 2\nstderr:\n",
            "t.txt:1: case 'a': `@FILE` in args: goes with a `file:` block",
        ),
        (
            "case: a\nargs: import usage -\nfile:\n| x\nexit: 2\nstderr:\n",
            "t.txt:1: case 'a': `@FILE` in args: goes with a `file:` block",
        ),
    ] {
        let err = parse("t.txt", bad).unwrap_err();
        assert!(err.starts_with(says), "{bad:?}: {err}");
    }
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn o2_every_hostile_input_is_refused_and_changes_nothing() {
    let env = Env::new().with_member().with_february();
    // A write at the corpus's instant first, so that reads and refused writes see a ledger
    // already caught up.
    env.ok("2024-03-20T10:00", &["pay", "--auto"]);
    assert!(
        !sidecar(&env.db, "-wal").exists(),
        "the WAL is checkpointed on close"
    );
    let before = std::fs::read(&env.db).unwrap();
    let corpus = corpus();
    println!(
        "{} hostile cases from {}",
        corpus.len(),
        corpus_dir().display()
    );
    assert!(
        corpus.len() >= AT_LEAST,
        "{} cases, expected at least {AT_LEAST}",
        corpus.len()
    );
    let mut names = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for (i, case) in corpus.iter().enumerate() {
        if let Some(first) = names.insert(case.name.clone(), case.id.clone()) {
            panic!("two cases named '{}': {first} and {}", case.name, case.id);
        }
        let file = env.path(&format!("hostile-{i}.csv"));
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                if a == "@FILE" {
                    file.to_string_lossy().into_owned()
                } else {
                    a.clone()
                }
            })
            .collect();
        // The case's own --db or --as-of, else the ledger's and the corpus's instant.
        let mut cmd = assert_cmd::Command::cargo_bin("ncp-usage").unwrap();
        cmd.env_clear()
            .env("NO_COLOR", "1")
            .current_dir(env.dir.path());
        if !args.iter().any(|a| a == "--db") {
            cmd.arg("--db").arg(&env.db);
        }
        if !args.iter().any(|a| a == "--as-of") {
            cmd.args(["--as-of", "2024-03-20T10:00"]);
        }
        cmd.args(&args);
        match &case.input {
            Input::None => {}
            Input::File(bytes) => std::fs::write(&file, bytes).unwrap(),
            Input::Stdin(bytes) => {
                cmd.write_stdin(bytes.clone());
            }
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let mut problems = Vec::new();
        if out.status.code() != Some(case.code) {
            problems.push(format!(
                "exit {:?}, expected {}",
                out.status.code(),
                case.code
            ));
        }
        // With --json the one line is a JSON error (README "Exit codes").
        let start = if args.iter().any(|a| a == "--json") {
            "{\"error\":"
        } else {
            "error: "
        };
        if !stderr.starts_with(start) || stderr.lines().count() != 1 {
            problems.push("stderr is not one `error:` line".to_string());
        }
        if !stderr.contains(&case.fragment) {
            problems.push(format!("stderr does not say '{}'", case.fragment));
        }
        if !out.stdout.is_empty() {
            problems.push("stdout is not empty".to_string());
        }
        for pan in [
            "4111111111111111",
            "5555555555554444",
            "378282246310005",
            "4111 1111",
            "4111-1111",
        ] {
            if stderr.contains(pan) {
                problems.push("stderr shows a card number".to_string());
            }
        }
        if sidecar(&env.db, "-wal").exists() || std::fs::read(&env.db).unwrap() != before {
            problems.push("the ledger changed".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {} — {}",
                case.id,
                problems.join("; "),
                stderr.trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
    assert!(!env.path("x.csv").exists() && !env.path("fees.txt").exists());
}

const CONTRACTS: &str = "contract_no,service,region,plan,price,unit,start_date,end_date\n";

/// SQL-like text where text is allowed is data, stored as given: nothing runs.
#[test]
fn o2_sql_in_a_text_field_is_only_text() {
    let env = Env::new().with_member().with_february();
    let evil = "'; DROP TABLE contracts; --";
    let file = env.file(
        "contracts.csv",
        format!("{CONTRACTS}KR-X-1,\"{evil}\",KR,monthly,1000,month,2024-03-01,\n"),
    );
    env.ok(
        "2024-03-01",
        &["import", "contracts", file.to_str().unwrap()],
    );
    env.ok(
        "2024-03-01",
        &[
            "calendar",
            "add",
            "2025-10-10",
            "Robert'); DROP TABLE holidays;--",
        ],
    );
    let doc = env.json("2024-03-05", &["status"]);
    assert!(doc.to_string().contains("DROP TABLE contracts"), "{doc}");
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM contracts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
    let h: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM holidays WHERE name LIKE '%DROP TABLE%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(h, 1);
    let (code, _, out) = crate::check::check(&env.db);
    assert_eq!(code, Some(0), "{out}");
}
