//! Cash receipt issuance (SPEC R1) and usage confirmation numbers (H5).

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};

/// One application for automatic issuance: (applied at, cancelled at).
pub type Enrollment = (String, Option<String>);

/// Every application, oldest first.
pub fn enrollments(conn: &Connection) -> Result<Vec<Enrollment>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT applied_at, cancelled_at FROM cash_receipt_enrollments WHERE ",
        this_account!(),
        " ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.map(|r| r.map_err(Error::from)).collect()
}

/// Whether automatic issuance was on at `at`.
pub fn issuance_on(enrollments: &[Enrollment], at: &str) -> bool {
    enrollments
        .iter()
        .any(|(from, until)| from.as_str() <= at && until.as_deref().is_none_or(|u| at < u))
}

/// R1: applies for automatic issuance with the consent given. Refused when already on.
pub fn apply(conn: &Connection, consent: &str, now: Instant) -> Result<()> {
    let at = clock::rfc3339(now);
    if issuance_on(&enrollments(conn)?, &at) {
        return Err(Error::refused(
            "automatic issuance of cash receipts is already on; `ncp-usage receipt cancel` stops it",
        ));
    }
    conn.execute(
        concat!(
            "INSERT INTO cash_receipt_enrollments (account_id, applied_at, consent) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2)"
        ),
        params![at, consent],
    )?;
    Ok(())
}

/// R1: stops automatic issuance from `now` on. Refused when it is not on.
pub fn cancel(conn: &Connection, now: Instant) -> Result<()> {
    if !end_issuance(conn, now)? {
        return Err(Error::refused(
            "automatic issuance of cash receipts is not on; `ncp-usage receipt apply` starts it",
        ));
    }
    Ok(())
}

/// R1, R3: ends automatic issuance at `now` if it is on (the member became a business);
/// returns whether it was on.
pub fn end_issuance(conn: &Connection, now: Instant) -> Result<bool> {
    let changed = conn.execute(
        concat!(
            "UPDATE cash_receipt_enrollments SET cancelled_at = ?1 WHERE ",
            this_account!(),
            " AND cancelled_at IS NULL AND applied_at <= ?1"
        ),
        [clock::rfc3339(now)],
    )?;
    Ok(changed > 0)
}

/// A usage confirmation's number and issue record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ConfirmationRecord {
    /// The unique confirmation number.
    pub number: String,
    /// When it was first issued.
    pub first_issued_at: String,
    /// How many times it has been issued.
    pub times_issued: i64,
}

/// H5: records issuing the confirmation of `month`: a new number the first time, the same
/// number with a higher count after that.
pub fn issue_confirmation(
    conn: &Connection,
    month: Month,
    now: Instant,
) -> Result<ConfirmationRecord> {
    let at = clock::rfc3339(now);
    let existing: Option<(String, String, i64)> = conn
        .query_row(
            concat!(
                "SELECT number, first_issued_at, times_issued FROM confirmations WHERE ",
                this_account!(),
                " AND month = ?1"
            ),
            [month.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((number, first, times)) = existing {
        conn.execute(
            concat!(
                "UPDATE confirmations SET last_issued_at = ?2, times_issued = times_issued + 1 WHERE ",
                this_account!(),
                " AND month = ?1"
            ),
            params![month.to_string(), at],
        )?;
        return Ok(ConfirmationRecord {
            number,
            first_issued_at: first,
            times_issued: times + 1,
        });
    }
    // The ledger's next number, not the account's: a confirmation number is unique across
    // accounts (and its id is the row's).
    let next: i64 = conn.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM confirmations",
        [],
        |r| r.get(0),
    )?;
    let number = format!("UC-{}{:02}-{next:06}", month.year(), month.number());
    conn.execute(
        concat!(
            "INSERT INTO confirmations (account_id, id, number, month, first_issued_at,
                 last_issued_at, times_issued)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?4, 1)"
        ),
        params![next, number, month.to_string(), at],
    )?;
    Ok(ConfirmationRecord {
        number,
        first_issued_at: at,
        times_issued: 1,
    })
}
