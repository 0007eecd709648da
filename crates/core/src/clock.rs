//! The one clock (SPEC T1).
//!
//! Every rule is evaluated at a single instant "now" in Korea Standard Time. The command line
//! decides that instant once — from `--as-of`, `NCP_USAGE_NOW` or the system clock — and
//! passes it down; this is the only module allowed to read the system clock (clippy.toml
//! bans `now()` elsewhere), which is what makes `--as-of`, replays and tests possible.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::error::Error;

/// An instant, always carried in KST (UTC+09:00).
pub type Instant = DateTime<FixedOffset>;

/// Korea Standard Time: UTC+09:00 all year, no daylight saving.
pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("UTC+09:00 is a valid offset")
}

/// The system clock, in KST. Used only when neither `--as-of` nor `NCP_USAGE_NOW` is given.
#[allow(clippy::disallowed_methods)] // the one place the clock is read
pub fn system_now() -> Instant {
    Utc::now().with_timezone(&kst())
}

/// Milliseconds since the Unix epoch by the wall clock: the NCP API gateway's request
/// timestamp, which must be real time (it refuses one 5 minutes off), whatever `--as-of` says.
#[allow(clippy::disallowed_methods)] // the one place the clock is read
pub fn wall_clock_millis() -> String {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis().to_string())
        .unwrap_or_default()
}

/// Why a text is not an instant.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "'{0}' is not a date or time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 with an offset"
)]
pub struct AsOfError(pub String);

/// The first day "now" may fall on, in KST: NCP's billing starts long after it.
pub const FIRST_DAY: (i32, u32, u32) = (2000, 1, 1);
/// The last day "now" may fall on, in KST: NCP's own "open end" is 2999-12-31, and a ledger
/// catching up past it would walk ten thousand months of bills.
pub const LAST_DAY: (i32, u32, u32) = (2999, 12, 31);

/// An instant outside the range "now" may take.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "T1: '{text}' is {kst} in KST, outside the range the ledger keeps (2000-01-01 to 2999-12-31 KST); give an --as-of inside it"
)]
pub struct OutOfRange {
    /// What was given.
    pub text: String,
    /// It, in KST.
    pub kst: String,
}

/// T1: whether `now` is inside 2000-01-01 00:00 .. 2999-12-31 23:59:59 KST.
pub fn in_range(now: Instant) -> bool {
    let day = now.with_timezone(&kst()).date_naive();
    let (fy, fm, fd) = FIRST_DAY;
    let (ly, lm, ld) = LAST_DAY;
    NaiveDate::from_ymd_opt(fy, fm, fd).is_some_and(|f| day >= f)
        && NaiveDate::from_ymd_opt(ly, lm, ld).is_some_and(|l| day <= l)
}

/// T1: "now" from `--as-of` / `NCP_USAGE_NOW` (any form [`parse_as_of`] reads), range-checked
/// after its conversion to KST, so `9999-12-31T23:00:00-05:00` (10000-01-01 in KST) is
/// refused rather than recorded.
pub fn parse_now(text: &str) -> Result<Instant, NowError> {
    let at = parse_as_of(text).map_err(NowError::NotATime)?;
    check_now(text, at)
}

/// T1: refuses an instant outside [`in_range`]; `text` is how it was given.
pub fn check_now(text: &str, at: Instant) -> Result<Instant, NowError> {
    if in_range(at) {
        Ok(at)
    } else {
        Err(NowError::OutOfRange(OutOfRange {
            text: text.to_string(),
            kst: at
                .with_timezone(&kst())
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        }))
    }
}

/// Why a text cannot be "now".
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NowError {
    /// Not a date or time at all.
    #[error(transparent)]
    NotATime(AsOfError),
    /// A time outside the ledger's range.
    #[error(transparent)]
    OutOfRange(OutOfRange),
}

/// How far past the ledger's latest instant one command may catch up, in years. Each month
/// an unpaid bill is carried adds a penalty (P10), so the catch-up's work grows with the
/// square of the months walked; a typo'd `--as-of 2999-12-31` would run for hours.
pub const MAX_YEARS_AHEAD: u32 = 10;

/// T2: a command that writes runs at a `now` no earlier than the latest instant the ledger
/// recorded (`latest`, `None` for a new ledger): the ledger's clock only moves forward.
pub fn check_monotonic(latest: Option<Instant>, now: Instant) -> Result<(), Error> {
    match latest {
        Some(latest) if now < latest => Err(Error::refused(format!(
            "T2: the ledger already records {}; a command that writes cannot run at the earlier --as-of {} (read-only commands can)",
            rfc3339(latest),
            rfc3339(now)
        ))),
        _ => Ok(()),
    }
}

/// T1: a command whose `now` is more than [`MAX_YEARS_AHEAD`] years after the ledger's
/// latest instant is refused (exit 2) before anything is caught up; `writing` says whether
/// the command would move the ledger there or only look.
pub fn check_within_reach(
    latest: Option<Instant>,
    now: Instant,
    writing: bool,
) -> Result<(), Error> {
    let Some(latest) = latest else {
        return Ok(());
    };
    let (from, to) = (
        latest.with_timezone(&kst()).date_naive(),
        now.with_timezone(&kst()),
    );
    let limit = latest
        .with_timezone(&kst())
        .checked_add_months(chrono::Months::new(12 * MAX_YEARS_AHEAD));
    if limit.is_none_or(|l| to <= l) {
        return Ok(());
    }
    let years = to.date_naive().years_since(from).unwrap_or(0);
    let what = if writing {
        "a writing command may move the ledger"
    } else {
        "a command may look ahead"
    };
    // Just past the bound the whole years are still 10: say "more than", and give both
    // instants to the second, so the message never reads as refusing what it allows.
    let how_far = if years <= MAX_YEARS_AHEAD {
        format!("more than {MAX_YEARS_AHEAD} years")
    } else {
        format!("{years} years")
    };
    Err(Error::invalid(format!(
        "T1: --as-of {} is {how_far} after the ledger's latest entry ({}); {what} at most {MAX_YEARS_AHEAD} years at once: give a nearer --as-of",
        rfc3339(now),
        rfc3339(latest)
    )))
}

/// Parses `--as-of`: `YYYY-MM-DD` (00:00 KST), `YYYY-MM-DDTHH:MM[:SS]` (KST) or RFC 3339 with
/// an offset (converted to KST). A space may stand for the `T`.
pub fn parse_as_of(text: &str) -> Result<Instant, AsOfError> {
    let t = text.trim();
    let err = || AsOfError(text.to_string());
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&kst()));
    }
    let local = if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        strict_date(t, d).ok_or_else(err)?.and_time(NaiveTime::MIN)
    } else {
        let normal = t.replacen(' ', "T", 1);
        NaiveDateTime::parse_from_str(&normal, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(&normal, "%Y-%m-%dT%H:%M"))
            .map_err(|_| err())?
    };
    // year_ce() calls year 0 "1 BCE"; months and the ledger know years 1 to 9999 only.
    if !(1..=9999).contains(&local.date().year()) {
        return Err(err());
    }
    kst().from_local_datetime(&local).single().ok_or_else(err)
}

use chrono::Datelike;

/// chrono accepts `2024-2-5`; files and the command line want the zero-padded form only.
fn strict_date(text: &str, d: NaiveDate) -> Option<NaiveDate> {
    (d.format("%Y-%m-%d").to_string() == text).then_some(d)
}

/// Parses a date written `YYYY-MM-DD` exactly (zero-padded, a real calendar day).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(digits) = plain_date(t) {
        return digits;
    }
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()?;
    strict_date(t, d).filter(|d| d.year() >= 1)
}

/// The common case of [`parse_date`] without chrono's format parser and the formatting that
/// checks it (a ledger read parses two dates per contract): ten bytes, `DDDD-DD-DD`. `None`
/// when the text is not of that shape (the general parser decides then); `Some(None)` when
/// it is but names no calendar day of years 1 to 9999.
fn plain_date(t: &str) -> Option<Option<NaiveDate>> {
    let b = t.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let n = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |v, c| v * 10 + u32::from(c - b'0'));
    let year = i32::try_from(n(0..4)).ok()?;
    Some(NaiveDate::from_ymd_opt(year, n(5..7), n(8..10)).filter(|_| year >= 1))
}

/// Formats an instant as RFC 3339 in KST, to the second (`2024-02-15T09:00:00+09:00`).
pub fn rfc3339(at: Instant) -> String {
    at.with_timezone(&kst())
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Serializes an instant as [`rfc3339`], for `#[serde(serialize_with = "clock::serde_rfc3339")]`:
/// JSON shows an instant as the ledger stores it and the tables show it, never in chrono's
/// own form (which writes fractions and `+09:00` differently).
pub fn serde_rfc3339<S: serde::Serializer>(at: &Instant, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_parse_as_the_general_parser_does() {
        for t in [
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-01-32",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "2024-04-31",
            " 2024-05-06 ",
            "2024-5-06",
        ] {
            let general = NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| strict_date(t.trim(), d))
                .filter(|d| d.year() >= 1);
            assert_eq!(parse_date(t), general, "{t}");
        }
    }

    #[test]
    fn json_writes_an_instant_as_the_ledger_stores_it() {
        #[derive(serde::Serialize)]
        struct At(#[serde(serialize_with = "serde_rfc3339")] Instant);
        let at = parse_as_of("2024-02-15T09:00:00.250+00:00").unwrap();
        assert_eq!(
            serde_json::to_string(&At(at)).unwrap(),
            "\"2024-02-15T18:00:00+09:00\""
        );
    }

    #[test]
    fn t1_parses_every_documented_form_into_kst() {
        assert_eq!(
            rfc3339(parse_as_of("2024-02-15").unwrap()),
            "2024-02-15T00:00:00+09:00"
        );
        assert_eq!(
            rfc3339(parse_as_of("2024-02-15T09:00").unwrap()),
            "2024-02-15T09:00:00+09:00"
        );
        assert_eq!(
            rfc3339(parse_as_of("2024-02-15T09:00:30").unwrap()),
            "2024-02-15T09:00:30+09:00"
        );
        assert_eq!(
            rfc3339(parse_as_of("2024-02-15T00:30:00Z").unwrap()),
            "2024-02-15T09:30:00+09:00"
        );
        assert_eq!(
            rfc3339(parse_as_of("2024-02-14T23:00:00-01:00").unwrap()),
            "2024-02-15T09:00:00+09:00"
        );
    }

    #[test]
    fn t1_refuses_what_is_not_a_time() {
        for bad in [
            "",
            "2024-13-01",
            "2024-02-30",
            "2024-2-5",
            "yesterday",
            "0000-00-00",
            "0000-01-01",
            "2024-02-15T25:00",
        ] {
            assert!(parse_as_of(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn t1_as_of_is_range_checked_after_conversion_to_kst() {
        // The instant: 9999-12-31 in New York is 10000-01-01 in Seoul.
        assert!(matches!(
            parse_now("9999-12-31T23:00:00-05:00"),
            Err(NowError::OutOfRange(_))
        ));
        // The edges, in KST.
        assert!(parse_now("2999-12-31T23:59:59").is_ok());
        assert!(parse_now("2999-12-31T15:00:00Z").is_err());
        assert!(parse_now("2999-12-31T14:59:59Z").is_ok());
        assert!(parse_now("2000-01-01").is_ok());
        assert!(parse_now("1999-12-31T15:00:00Z").is_ok());
        assert!(parse_now("1999-12-31T14:59:59Z").is_err());
        assert!(parse_now("1999-12-31").is_err());
        assert!(parse_now("3000-01-01").is_err());
        assert!(matches!(parse_now("yesterday"), Err(NowError::NotATime(_))));
        let e = parse_now("9999-12-31T23:00:00-05:00")
            .unwrap_err()
            .to_string();
        assert!(e.contains("10000-01-01T13:00:00"), "{e}");
    }

    #[test]
    fn t2_a_writer_never_runs_before_the_latest_instant() {
        let latest = parse_as_of("2024-03-01T10:00").unwrap();
        assert!(check_monotonic(None, latest).is_ok());
        assert!(check_monotonic(Some(latest), latest).is_ok());
        assert!(check_monotonic(Some(latest), parse_as_of("2024-03-02").unwrap()).is_ok());
        let e =
            check_monotonic(Some(latest), parse_as_of("2024-03-01T09:59").unwrap()).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Refused);
        assert!(
            e.message
                .starts_with("T2: the ledger already records 2024-03-01T10:00:00+09:00"),
            "{}",
            e.message
        );
    }

    #[test]
    fn t1_a_command_reaches_at_most_ten_years_past_the_latest_instant() {
        let latest = parse_as_of("2024-03-01T10:00").unwrap();
        let far = |t: &str| parse_as_of(t).unwrap();
        assert!(check_within_reach(None, far("2999-12-31"), true).is_ok());
        assert!(check_within_reach(Some(latest), far("2034-03-01T10:00"), true).is_ok());
        // Looking back is never out of reach (T2 refuses a writer there, not T1).
        assert!(check_within_reach(Some(latest), far("2000-01-01"), false).is_ok());
        let e = check_within_reach(Some(latest), far("2034-03-01T10:01"), true).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Invalid);
        assert!(
            e.message.contains("--as-of 2034-03-01T10:01:00+09:00 is more than 10 years after the ledger's latest entry (2024-03-01T10:00:00+09:00); a writing command may move"),
            "{}",
            e.message
        );
        let e = check_within_reach(Some(latest), far("2999-12-31"), false).unwrap_err();
        assert!(
            e.message.contains("975 years") && e.message.contains("a command may look ahead"),
            "{}",
            e.message
        );
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-2-9"), None);
    }
}
