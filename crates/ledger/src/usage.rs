//! Storing daily usage rows fast: many rows per `INSERT OR IGNORE`, which says how many were
//! new, and an `UPDATE` for a row only when some of its batch were not — and, for a batch
//! stored before, only when one `SELECT` found a quantity that differs (a file imported again
//! costs a lookup per row, not a statement per row). The import checks every row before it
//! gets here; this module only writes.

use rusqlite::{params, Connection, Statement};

use crate::error::Result;

/// How many usage rows one INSERT statement carries.
pub const BATCH: usize = 64;

/// Writes usage rows (and their monthly sums) inside the command's transaction.
pub struct UsageWriter<'c> {
    conn: &'c Connection,
    insert: Statement<'c>,
    differing: Statement<'c>,
    update: Statement<'c>,
    add_monthly: Statement<'c>,
}

impl<'c> UsageWriter<'c> {
    /// Prepares the statements.
    pub fn new(conn: &'c Connection) -> Result<UsageWriter<'c>> {
        Ok(UsageWriter {
            conn,
            insert: conn.prepare(&insert_sql(BATCH))?,
            differing: conn.prepare(&differing_sql(BATCH))?,
            update: conn.prepare(concat!(
                "UPDATE usage SET quantity_milli = ?3
                 WHERE account_id = ",
                crate::ledger_account!(),
                " AND date = ?1 AND contract_no = ?2 AND quantity_milli <> ?3"
            ))?,
            add_monthly: conn.prepare(concat!(
                "INSERT INTO usage_monthly (account_id, month, contract_no, quantity_milli, recorded_at)
                 VALUES (",
                crate::ledger_account!(),
                ", ?1, ?2, ?3, ",
                crate::ledger_recorded!(),
                ")
                 ON CONFLICT (account_id, month, contract_no)
                 DO UPDATE SET quantity_milli = quantity_milli + excluded.quantity_milli,
                     recorded_at = excluded.recorded_at"
            ))?,
        })
    }

    /// Inserts those of `rows` (date `YYYY-MM-DD`, contract, quantity in thousandths; at
    /// most [`BATCH`]) that are not stored yet, and says how many were new.
    pub fn insert_new<'r>(
        &mut self,
        rows: impl ExactSizeIterator<Item = (&'r str, &'r str, i64)>,
    ) -> Result<usize> {
        let n = rows.len();
        if n == 0 {
            return Ok(0);
        }
        let mut partial;
        let insert = if n == BATCH {
            &mut self.insert
        } else {
            partial = self.conn.prepare(&insert_sql(n))?;
            &mut partial
        };
        bind_rows(insert, rows)?;
        Ok(insert.raw_execute()?)
    }

    /// How many of `rows` (as for [`UsageWriter::insert_new`]) are stored with another
    /// quantity: 0 when a batch `insert_new` found stored already is unchanged.
    pub fn differing<'r>(
        &mut self,
        rows: impl ExactSizeIterator<Item = (&'r str, &'r str, i64)>,
    ) -> Result<usize> {
        let n = rows.len();
        if n == 0 {
            return Ok(0);
        }
        let mut partial;
        let select = if n == BATCH {
            &mut self.differing
        } else {
            partial = self.conn.prepare(&differing_sql(n))?;
            &mut partial
        };
        bind_rows(select, rows)?;
        let mut rows = select.raw_query();
        let count: i64 = match rows.next()? {
            Some(r) => r.get(0)?,
            None => 0,
        };
        Ok(usize::try_from(count).unwrap_or(usize::MAX))
    }

    /// Gives a stored row a new quantity; says whether it differed (1) or not (0).
    pub fn update(&mut self, date: &str, contract_no: &str, milli: i64) -> Result<usize> {
        Ok(self.update.execute(params![date, contract_no, milli])?)
    }

    /// Adds new rows' quantity to a month's summary.
    pub fn add_monthly(&mut self, month: &str, contract_no: &str, milli: i64) -> Result<()> {
        self.add_monthly
            .execute(params![month, contract_no, milli])?;
        Ok(())
    }
}

fn differing_sql(rows: usize) -> String {
    // Each row is found by the table's key (account, date, contract_no); `quantity_milli`
    // compares as the per-row UPDATE's `<>` does.
    let mut sql = String::from("SELECT count(*) FROM (VALUES ");
    for i in 0..rows {
        sql.push_str(if i == 0 { "(?,?,?)" } else { ",(?,?,?)" });
    }
    sql.push_str(concat!(
        ") AS v JOIN usage AS u ON u.account_id = ",
        crate::ledger_account!(),
        " AND u.date = v.column1 AND u.contract_no = v.column2
         WHERE u.quantity_milli <> v.column3"
    ));
    sql
}

/// Binds a batch's rows (date, contract, quantity in thousandths) to a statement's
/// placeholders, three per row, in order: the insert and the comparison read them alike.
fn bind_rows<'r>(
    stmt: &mut rusqlite::Statement<'_>,
    rows: impl Iterator<Item = (&'r str, &'r str, i64)>,
) -> Result<()> {
    for (i, (date, contract_no, milli)) in rows.enumerate() {
        stmt.raw_bind_parameter(3 * i + 1, date)?;
        stmt.raw_bind_parameter(3 * i + 2, contract_no)?;
        stmt.raw_bind_parameter(3 * i + 3, milli)?;
    }
    Ok(())
}

fn insert_sql(rows: usize) -> String {
    // T2: every row carries the account and the instant of the import (the connection's
    // `temp.scope` and `temp.as_of`), read once per statement.
    let mut sql = String::from(concat!(
        "INSERT OR IGNORE INTO usage (account_id, date, contract_no, quantity_milli, recorded_at) SELECT ",
        crate::ledger_account!(),
        ", *, ",
        crate::ledger_recorded!(),
        " FROM (VALUES "
    ));
    for i in 0..rows {
        sql.push_str(if i == 0 { "(?,?,?)" } else { ",(?,?,?)" });
    }
    sql.push(')');
    sql
}
