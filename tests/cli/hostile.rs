//! Hostile input (SPEC O2, §11): a corpus of named bad inputs across every parser — months,
//! amounts, instants, dates, names, options, and CSV files of every import kind. Each must
//! exit non-zero with one line naming the problem, print nothing on stdout, and leave the
//! ledger byte for byte as it was.

use crate::common::Env;

/// Where a case's data comes from.
enum Input {
    None,
    /// Written to a file whose path replaces `@FILE` in the arguments.
    File(Vec<u8>),
    /// Fed on standard input.
    Stdin(Vec<u8>),
}

struct Case {
    name: String,
    args: Vec<String>,
    input: Input,
    code: i32,
    fragment: String,
}

fn case(name: &str, args: &[&str], code: i32, fragment: &str) -> Case {
    Case {
        name: name.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
        input: Input::None,
        code,
        fragment: fragment.to_string(),
    }
}

/// An import of `kind` reading `bytes` from a file.
fn import(name: &str, kind: &str, bytes: impl AsRef<[u8]>, fragment: &str) -> Case {
    Case {
        input: Input::File(bytes.as_ref().to_vec()),
        ..case(name, &["import", kind, "@FILE"], 2, fragment)
    }
}

const CONTRACTS: &str = "contract_no,service,region,plan,price,unit,start_date,end_date\n";
const USAGE: &str = "contract_no,date,quantity\n";
const FEES: &str = "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n";
const PROMOTIONS: &str =
    "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n";
const HOLIDAYS: &str = "date,name\n";

const MONTH: &str = "is not a month; write YYYY-MM";
const AMOUNT: &str = "is not a whole amount of won";
const AS_OF: &str = "is not a date or time";

fn corpus() -> Vec<Case> {
    let mut c = Vec::new();
    // Months, wherever a month is taken.
    for (name, bad) in [
        ("month 13", "2024-13"),
        ("month zero", "0000-00"),
        ("month 00", "2024-00"),
        ("two-digit year", "24-01"),
        ("unpadded month", "2024-1"),
        ("slash month", "2024/01"),
        ("a date for a month", "2024-01-01"),
        ("five-digit year", "10000-01"),
        ("negative year", "=-2024-01"),
        ("fullwidth digits", "２０２４-０１"),
        ("empty month", ""),
        ("month words", "January"),
        ("sql in a month", "2024-01'; DROP TABLE bills; --"),
    ] {
        let arg = match bad.strip_prefix('=') {
            Some(b) => format!("--month={b}"),
            None => format!("--month={bad}"),
        };
        c.push(case(
            &format!("history --month: {name}"),
            &["history", &arg],
            2,
            MONTH,
        ));
    }
    for (cmd, args) in [
        (
            "export",
            vec!["export", "--output", "x.csv", "--month", "2024-13"],
        ),
        (
            "confirmation",
            vec!["confirmation", "--output", "x.html", "--month", "0000-00"],
        ),
        (
            "receipt list",
            vec!["receipt", "list", "--month", "2024-13"],
        ),
        ("notifications", vec!["notifications", "--month", "2024-13"]),
        (
            "pay --instant",
            vec!["pay", "--instant", "--yes", "--month", "2024-13"],
        ),
        (
            "card expiry",
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA",
                "--last4",
                "4242",
                "--expiry",
                "2024-13",
            ],
        ),
    ] {
        c.push(case(&format!("{cmd}: month 13"), &args, 2, MONTH));
    }
    // Amounts.
    for (name, bad, fragment) in [
        (
            "negative deposit",
            "-1",
            "the amount must be more than 0 won",
        ),
        ("zero deposit", "0", "the amount must be more than 0 won"),
        (
            "i64 overflow",
            "9223372036854775808",
            "too large an amount of won",
        ),
        ("over the ledger's maximum", "1000000000000001", "too large"),
        ("float overflow", "1e309", AMOUNT),
        ("exponent", "1e3", AMOUNT),
        ("NaN", "NaN", AMOUNT),
        ("infinity", "inf", AMOUNT),
        ("thousands separator", "1,000", AMOUNT),
        ("fraction", "1000.5", AMOUNT),
        ("plus sign", "+5", AMOUNT),
        ("hex", "0x10", AMOUNT),
        ("underscore", "1_000", AMOUNT),
        ("fullwidth digits", "１０００", AMOUNT),
        ("empty", "", AMOUNT),
        ("spaces", "   ", AMOUNT),
        ("won suffix", "1000원", AMOUNT),
        ("sql", "1; DELETE FROM payments", AMOUNT),
    ] {
        c.push(case(
            &format!("pay --deposit: {name}"),
            &["pay", "--deposit", bad, "--yes"],
            2,
            fragment,
        ));
    }
    c.push(case(
        "card --limit: negative",
        &[
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            "4242",
            "--expiry",
            "2027-12",
            "--limit=-5",
        ],
        2,
        "is negative",
    ));
    c.push(case(
        "card --limit: words",
        &[
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            "4242",
            "--expiry",
            "2027-12",
            "--limit",
            "lots",
        ],
        2,
        AMOUNT,
    ));
    // Instants.
    for (name, bad) in [
        ("month 13", "2024-13-01"),
        ("zero date", "0000-00-00"),
        ("30 February", "2024-02-30"),
        ("words", "yesterday"),
        ("hour 25", "2024-02-15T25:00"),
        ("minute 61", "2024-02-15T10:61"),
        ("second 61", "2024-06-30T23:59:61"),
        ("unpadded", "2024-2-5"),
        ("time zone name", "2024-03-20 10:00 KST"),
        ("offset out of range", "2024-03-20T10:00:00+25:00"),
        ("float", "1e309"),
        ("unix time", "1710900000"),
        ("year zero", "0000-01-01"),
        ("sql", "2024-03-20'; DROP TABLE meta; --"),
    ] {
        c.push(case(
            &format!("--as-of: {name}"),
            &["--as-of", bad, "status"],
            2,
            AS_OF,
        ));
    }
    c.push(case("--as-of: empty", &["--as-of", "", "status"], 2, AS_OF));
    c.push(case(
        "--as-of: before the ledger's latest write",
        &[
            "--as-of",
            "2024-02-01",
            "calendar",
            "add",
            "2025-10-10",
            "Founding day",
        ],
        3,
        "the ledger already records",
    ));
    // Dates, names and other arguments.
    for (name, args, code, fragment) in [
        (
            "calendar add: 30 February",
            vec!["calendar", "add", "2024-02-30", "Nope"],
            2,
            "",
        ),
        (
            "calendar add: unpadded date",
            vec!["calendar", "add", "2024-2-3", "Nope"],
            2,
            "",
        ),
        (
            "calendar list: year words",
            vec!["calendar", "list", "--year", "abc"],
            2,
            "abc",
        ),
        ("trend: zero months", vec!["trend", "--months", "0"], 2, ""),
        (
            "trend: negative months",
            vec!["trend", "--months=-3"],
            2,
            "",
        ),
        (
            "trend: huge months",
            vec!["trend", "--months", "99999999999"],
            2,
            "",
        ),
        (
            "account set: digits in a name",
            vec!["account", "set", "--first-name", "M1nji"],
            2,
            "and no digits or special characters",
        ),
        (
            "account set: sql in a name",
            vec![
                "account",
                "set",
                "--last-name",
                "Kim'; DROP TABLE account; --",
            ],
            2,
            "and no digits or special characters",
        ),
        (
            "account set: one-letter first name",
            vec!["account", "set", "--first-name", "M"],
            2,
            "and no digits or special characters",
        ),
        (
            "account set: bad email",
            vec!["account", "set", "--email", "minji@"],
            2,
            "not a valid email",
        ),
        (
            "account set: email with a space",
            vec!["account", "set", "--email", "min ji@example.com"],
            2,
            "not a valid email",
        ),
        (
            "account set: phone words",
            vec!["account", "set", "--phone", "call me"],
            2,
            "not a phone number",
        ),
        (
            "account set: unknown member type",
            vec!["account", "set", "--member-type", "robot"],
            2,
            "robot",
        ),
        (
            "account set: expatriate not a bool",
            vec!["account", "set", "--expatriate", "maybe"],
            2,
            "maybe",
        ),
        (
            "account set: nothing",
            vec!["account", "set"],
            2,
            "nothing to change",
        ),
        (
            "billing-email: sql",
            vec![
                "account",
                "billing-email",
                "x'; DELETE FROM account; --@example.com",
            ],
            2,
            "not a valid email",
        ),
        (
            "card: five digits",
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA",
                "--last4",
                "12345",
                "--expiry",
                "2027-12",
            ],
            2,
            "--last4 takes exactly the last 4 digits",
        ),
        (
            "card: letters in last4",
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA",
                "--last4",
                "12a4",
                "--expiry",
                "2027-12",
            ],
            2,
            "--last4 takes exactly the last 4 digits",
        ),
        (
            "card: digits in the brand",
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA1",
                "--last4",
                "4242",
                "--expiry",
                "2027-12",
            ],
            2,
            "--brand",
        ),
        (
            "card: expired",
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA",
                "--last4",
                "4242",
                "--expiry",
                "2024-02",
            ],
            3,
            "the card expired",
        ),
        (
            "transfer: individual member",
            vec![
                "account",
                "payment-method",
                "transfer",
                "--bank",
                "KB",
                "--last4",
                "1234",
            ],
            3,
            "an individual member cannot register account transfer",
        ),
        (
            "pay --instant: unknown method",
            vec!["pay", "--instant", "--yes", "--method", "bitcoin"],
            2,
            "bitcoin",
        ),
        (
            "pay: --month without --instant",
            vec!["pay", "--month", "2024-02"],
            2,
            "--instant",
        ),
        (
            "pay: --reference without --deposit",
            vec!["pay", "--reference", "x"],
            2,
            "--deposit",
        ),
        (
            "pay: two actions",
            vec!["pay", "--auto", "--deposit", "100"],
            2,
            "cannot be used with",
        ),
        (
            "pay --deposit: no terminal, no --yes",
            vec!["pay", "--deposit", "1000"],
            2,
            "--yes",
        ),
        (
            "pay --instant: a month not billed yet",
            vec!["pay", "--instant", "--yes", "--month", "2024-03"],
            3,
            "nothing is payable now",
        ),
        (
            "pay --instant: closed window",
            vec!["--as-of", "2024-04-12T10:00", "pay", "--instant", "--yes"],
            3,
            "instant payment is closed now",
        ),
        ("receipt apply: no consent", vec!["receipt", "apply"], 2, ""),
        (
            "export: unknown extension",
            vec!["export", "--month", "2024-02", "--output", "fees.txt"],
            2,
            "name the output file .xlsx or .csv",
        ),
        (
            "export: missing folder",
            vec![
                "export",
                "--month",
                "2024-02",
                "--output",
                "/nonexistent/dir/fees.csv",
            ],
            1,
            "cannot write",
        ),
        (
            "confirmation: unknown extension",
            vec!["confirmation", "--month", "2024-02", "--output", "c.doc"],
            2,
            "",
        ),
        (
            "format: unknown",
            vec!["status", "--format", "xml"],
            2,
            "xml",
        ),
        (
            "format: --json and --format",
            vec!["status", "--json", "--format", "csv"],
            2,
            "--json",
        ),
        ("unknown subcommand", vec!["frobnicate"], 2, "frobnicate"),
        ("unknown option", vec!["status", "--colour"], 2, "--colour"),
        (
            "import: unknown kind",
            vec!["import", "bananas", "x.csv"],
            2,
            "bananas",
        ),
        (
            "import: missing file",
            vec!["import", "contracts", "/nonexistent/contracts.csv"],
            2,
            "cannot read",
        ),
        (
            "import: a folder",
            vec!["import", "contracts", "/"],
            2,
            "cannot read",
        ),
        ("--db: empty", vec!["--db", "", "status"], 2, "--db"),
        (
            "completions: unknown shell",
            vec!["completions", "tcsh"],
            2,
            "tcsh",
        ),
    ] {
        c.push(case(name, &args, code, fragment));
    }
    // CSV structure, every import kind.
    for (kind, header, row) in [
        (
            "contracts",
            CONTRACTS,
            "KR-X-1,Server,KR,monthly,1000,month,2024-03-01,\n",
        ),
        ("usage", USAGE, "KR-LB-1,2024-03-01,1\n"),
        (
            "fees",
            FEES,
            "2023-11,KR,Server,KR-X-1,Monthly flat rate,1,month,1000,1000,0,1000\n",
        ),
        (
            "promotions",
            PROMOTIONS,
            "Welcome,Server,credit,monthly,1,0,,10000,2024-03-01,2024-12-31\n",
        ),
        ("holidays", HOLIDAYS, "2025-10-10,Founding day\n"),
    ] {
        let fields = header.trim_end().split(',').count();
        c.push(import(&format!("{kind}: empty file"), kind, "", "empty"));
        c.push(import(
            &format!("{kind}: only a byte-order mark"),
            kind,
            "\u{feff}",
            "empty",
        ));
        c.push(import(
            &format!("{kind}: unknown column"),
            kind,
            format!(
                "{},colour\n{}",
                header.trim_end(),
                row.trim_end().to_string() + ",red\n"
            ),
            "unknown column 'colour'",
        ));
        let (first, rest) = header.split_once(',').unwrap();
        c.push(import(
            &format!("{kind}: missing column"),
            kind,
            format!("{rest}{row}"),
            &format!("missing column {first}"),
        ));
        c.push(import(
            &format!("{kind}: a row too short"),
            kind,
            format!("{header}{row}{}\n", row.split(',').next().unwrap()),
            &format!("line 3: has 1 field but the header has {fields}"),
        ));
        c.push(import(
            &format!("{kind}: a row too long"),
            kind,
            format!("{header}{},extra\n", row.trim_end()),
            "line 2: has",
        ));
        c.push(import(
            &format!("{kind}: unterminated quote"),
            kind,
            format!("{header}{row}\"{row}"),
            "a quoted field is never closed",
        ));
        c.push(import(
            &format!("{kind}: NUL byte in a row"),
            kind,
            format!("{header}{}\0\n", row.trim_end()),
            "NUL",
        ));
        c.push(import(
            &format!("{kind}: NUL byte in the header"),
            kind,
            format!("{}\0\n{row}", header.trim_end()),
            "NUL",
        ));
        let mut latin1 = header.as_bytes().to_vec();
        latin1.extend_from_slice(row.trim_end().as_bytes());
        latin1.extend_from_slice(b"\xff\xfe\n");
        c.push(import(
            &format!("{kind}: invalid UTF-8"),
            kind,
            latin1,
            "not valid UTF-8",
        ));
        c.push(import(
            &format!("{kind}: JSON instead of CSV"),
            kind,
            "{\"contract_no\": \"KR-X-1\", \"rows\": [1, 2, 3]}\n",
            "unknown column",
        ));
        c.push(import(
            &format!("{kind}: a good row, then a bad one"),
            kind,
            format!("{header}{row}{}\n", vec!["%%"; fields].join(",")),
            "line 3",
        ));
        c.push(Case {
            input: Input::Stdin(format!("{header}{row}{row}").into_bytes()),
            ..case(
                &format!("{kind}: the same row twice, on stdin"),
                &["import", kind, "-"],
                2,
                "appears twice",
            )
        });
    }
    let long = "x".repeat(100_000);
    for (name, kind, body, fragment) in [
        (
            "contracts: sql in the contract number",
            "contracts",
            format!("{CONTRACTS}'; DROP TABLE contracts; --,Server,KR,monthly,1000,month,2024-03-01,\n"),
            "column contract_no: expected an identifier",
        ),
        (
            "contracts: a 100,000-character service",
            "contracts",
            format!("{CONTRACTS}KR-X-1,{long},KR,monthly,1000,month,2024-03-01,\n"),
            "column service: expected a text of 1 to 100 characters",
        ),
        (
            "contracts: lowercase region",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,kr,monthly,1000,month,2024-03-01,\n"),
            "column region",
        ),
        (
            "contracts: yearly plan",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,KR,yearly,1000,month,2024-03-01,\n"),
            "column plan: expected monthly or metered",
        ),
        (
            "contracts: negative price",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,KR,monthly,-1000,month,2024-03-01,\n"),
            "column price",
        ),
        (
            "contracts: price with a separator",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,KR,monthly,\"1,000\",month,2024-03-01,\n"),
            "column price",
        ),
        (
            "contracts: metered price with 5 decimals",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,KR,metered,0.00001,hour,2024-03-01,\n"),
            "column price",
        ),
        (
            "contracts: end before start",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,KR,monthly,1000,month,2024-03-01,2024-02-01\n"),
            "column end_date",
        ),
        (
            "contracts: 31 April",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Server,KR,monthly,1000,month,2024-04-31,\n"),
            "column start_date: expected a date YYYY-MM-DD",
        ),
        (
            "contracts: control character in a name",
            "contracts",
            format!("{CONTRACTS}KR-X-1,Ser\u{7}ver,KR,monthly,1000,month,2024-03-01,\n"),
            "without control characters",
        ),
        (
            "usage: unknown contract",
            "usage",
            format!("{USAGE}KR-NOPE,2024-03-01,1\n"),
            "a contract already in the ledger",
        ),
        (
            "usage: a monthly contract",
            "usage",
            format!("{USAGE}KR-SVR-1,2024-03-01,1\n"),
            "a metered contract",
        ),
        (
            "usage: before the contract",
            "usage",
            format!("{USAGE}KR-LB-1,2024-01-01,1\n"),
            "within contract KR-LB-1's period",
        ),
        (
            "usage: negative quantity",
            "usage",
            format!("{USAGE}KR-LB-1,2024-03-01,-3\n"),
            "column quantity",
        ),
        (
            "usage: 4 decimals",
            "usage",
            format!("{USAGE}KR-LB-1,2024-03-01,1.2345\n"),
            "column quantity",
        ),
        (
            "usage: NaN",
            "usage",
            format!("{USAGE}KR-LB-1,2024-03-01,NaN\n"),
            "column quantity",
        ),
        (
            "usage: 1e309",
            "usage",
            format!("{USAGE}KR-LB-1,2024-03-01,1e309\n"),
            "column quantity",
        ),
        (
            "usage: a billion units a day",
            "usage",
            format!("{USAGE}KR-LB-1,2024-03-01,1000000001\n"),
            "column quantity",
        ),
        (
            "usage: sql in the date",
            "usage",
            format!("{USAGE}KR-LB-1,2024-03-01' OR '1'='1,1\n"),
            "column date",
        ),
        (
            "fees: estimate is not used - discount",
            "fees",
            format!("{FEES}2023-11,KR,Server,KR-X-1,Flat,1,month,1000,1000,100,1000\n"),
            "column estimated_payment_amount",
        ),
        (
            "fees: discount above used",
            "fees",
            format!("{FEES}2023-11,KR,Server,KR-X-1,Flat,1,month,1000,1000,2000,0\n"),
            "column discount_amount",
        ),
        (
            "fees: month 13",
            "fees",
            format!("{FEES}2023-13,KR,Server,KR-X-1,Flat,1,month,1000,1000,0,1000\n"),
            "column month",
        ),
        (
            "fees: amount overflow",
            "fees",
            format!("{FEES}2023-11,KR,Server,KR-X-1,Flat,1,month,1000,9223372036854775808,0,9223372036854775808\n"),
            "column used_amount",
        ),
        (
            "promotions: used above provided",
            "promotions",
            format!("{PROMOTIONS}Welcome,Server,credit,monthly,1,2,,10000,2024-03-01,2024-12-31\n"),
            "column used",
        ),
        (
            "promotions: 101 percent",
            "promotions",
            format!("{PROMOTIONS}Welcome,Server,discount,monthly,1,0,101,,2024-03-01,2024-12-31\n"),
            "column discount_rate",
        ),
        (
            "promotions: ends before it starts",
            "promotions",
            format!("{PROMOTIONS}Welcome,Server,credit,monthly,1,0,,10000,2024-03-01,2024-02-01\n"),
            "column valid_to",
        ),
        (
            "promotions: negative credit",
            "promotions",
            format!("{PROMOTIONS}Welcome,Server,credit,monthly,1,0,,-5,2024-03-01,2024-12-31\n"),
            "column credit",
        ),
        (
            "holidays: 30 February",
            "holidays",
            format!("{HOLIDAYS}2025-02-30,Nope\n"),
            "column date",
        ),
        (
            "holidays: a 100,000-character name",
            "holidays",
            format!("{HOLIDAYS}2025-10-10,{long}\n"),
            "column name",
        ),
    ] {
        c.push(import(name, kind, body, fragment));
    }
    // Card numbers, wherever they are given (P11).
    for (name, args) in [
        (
            "deposit reference",
            vec![
                "pay",
                "--deposit",
                "1000",
                "--yes",
                "--reference",
                "4111111111111111",
            ],
        ),
        (
            "idempotency key",
            vec![
                "pay",
                "--instant",
                "--yes",
                "--idempotency-key",
                "5555555555554444",
            ],
        ),
        (
            "phone",
            vec!["account", "set", "--phone", "378282246310005"],
        ),
        (
            "email",
            vec!["account", "billing-email", "4111111111111111@example.com"],
        ),
        (
            "holiday name",
            vec!["calendar", "add", "2025-10-10", "card 4111 1111 1111 1111"],
        ),
        ("--as-of", vec!["--as-of", "4111111111111111", "status"]),
        (
            "--brand",
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA 4111-1111-1111-1111",
                "--last4",
                "1111",
                "--expiry",
                "2027-12",
            ],
        ),
    ] {
        c.push(case(
            &format!("card number in the {name}"),
            &args,
            2,
            "looks like a full card number",
        ));
    }
    c.push(import(
        "contracts: a card number as a contract number",
        "contracts",
        format!("{CONTRACTS}4111111111111111,Server,KR,monthly,1000,month,2024-03-01,\n"),
        "line 2: holds what looks like a full card number (ending 1111)",
    ));
    c.push(import(
        "usage: a card number as a contract number",
        "usage",
        format!("{USAGE}5555555555554444,2024-03-01,1\n"),
        "looks like a full card number",
    ));
    c.push(import(
        "promotions: a card number in a name",
        "promotions",
        format!("{PROMOTIONS}Card 378282246310005,Server,credit,monthly,1,0,,10000,2024-03-01,2024-12-31\n"),
        "looks like a full card number",
    ));
    c
}

fn sidecar(db: &std::path::Path, suffix: &str) -> std::path::PathBuf {
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
    assert!(corpus.len() >= 100, "{} cases", corpus.len());
    let mut names = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for (i, case) in corpus.iter().enumerate() {
        assert!(
            names.insert(case.name.clone()),
            "two cases named {}",
            case.name
        );
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
                case.name,
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
