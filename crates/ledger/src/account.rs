//! The member, the billing email and the payment methods, with the history of their changes
//! (SPEC A1, A2, P11).

use crate::values::RowExt;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use ncp_usage_core::billing::account::{Business, Member, MemberType, MethodKind, PaymentMethod};
use ncp_usage_core::clock::{self, Instant};

/// The member row of the running account: `account` is keyed by the account itself.
macro_rules! member_row {
    () => {
        concat!("id = ", crate::ledger_account!())
    };
}

/// The member, if the ledger has been initialised, as it stood at the running instant (T2):
/// a field changed later shows the value it had then.
pub fn member(conn: &Connection) -> Result<Option<Member>> {
    // Each field: its latest logged value up to the instant when the log has one and the
    // field changed after the instant, else the stored one.
    macro_rules! field {
        ($name:literal, $stored:literal) => {
            concat!(
                "CASE WHEN EXISTS (SELECT 1 FROM account_changes WHERE ",
                this_account!(),
                " AND field = '",
                $name,
                "' AND at > ",
                crate::ledger_visible!(),
                ") THEN COALESCE((SELECT value FROM account_changes WHERE ",
                this_account!(),
                " AND field = '",
                $name,
                "' AND at <= ",
                crate::ledger_visible!(),
                " ORDER BY id DESC LIMIT 1), ",
                $stored,
                ") ELSE ",
                $stored,
                " END"
            )
        };
    }
    let sql = concat!(
        "SELECT ",
        field!("first_name", "first_name"),
        ", ",
        field!("last_name", "last_name"),
        ", ",
        field!("email", "email"),
        ", ",
        field!("member_type", "member_type"),
        ", ",
        field!(
            "expatriate",
            "CASE expatriate WHEN 1 THEN 'true' ELSE 'false' END"
        ),
        ", ",
        field!("billing_email", "billing_email"),
        ", ",
        field!("phone", "COALESCE(phone, '')"),
        " FROM account WHERE ",
        member_row!()
    );
    let row = conn
        .query_row(sql, [], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)? == "true",
                r.get::<_, String>(5)?,
                Some(r.get::<_, String>(6)?).filter(|p| !p.is_empty()),
            ))
        })
        .optional()?;
    row.map(
        |(first_name, last_name, email, t, expatriate, billing_email, phone)| {
            Ok(Member {
                member_type: MemberType::parse(&t).ok_or_else(|| {
                    Error::ledger(format!("the ledger holds an unknown member type '{t}'"))
                })?,
                first_name,
                last_name,
                email,
                expatriate,
                billing_email,
                phone,
            })
        },
    )
    .transpose()
}

/// What a command that needs the member says when there is none yet.
pub const NO_ACCOUNT: &str = "this ledger has no account yet; run `ncp-usage init --first-name F --last-name L --email E` first (or `init --demo`)";

/// The member, or a refusal that says to run `init` first.
pub fn require_member(conn: &Connection) -> Result<Member> {
    member(conn)?.ok_or_else(|| Error::refused(NO_ACCOUNT))
}

/// When the account was created: bills start with that month.
pub fn created_at(conn: &Connection) -> Result<Option<Instant>> {
    let text: Option<String> = conn
        .query_row(
            concat!("SELECT created_at FROM account WHERE ", member_row!()),
            [],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| {
        clock::parse_as_of(&t)
            .map_err(|_| Error::ledger(format!("the account's creation time '{t}' is damaged")))
    })
    .transpose()
}

/// The business member's company name and registration number (empty if none is set).
pub fn business(conn: &Connection) -> Result<Business> {
    Ok(conn
        .query_row(
            concat!(
                "SELECT company, business_no FROM account WHERE ",
                member_row!()
            ),
            [],
            |r| {
                Ok(Business {
                    company: r.get(0)?,
                    business_no: r.get(1)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Stores the company details, logging each one that changed.
pub fn set_business(conn: &Connection, new: &Business, now: Instant) -> Result<()> {
    let old = business(conn)?;
    conn.execute(
        concat!(
            "UPDATE account SET company = ?1, business_no = ?2 WHERE ",
            member_row!()
        ),
        params![new.company, new.business_no],
    )?;
    if old.company != new.company {
        log_change(conn, now, "company", new.company.as_deref().unwrap_or(""))?;
    }
    if old.business_no != new.business_no {
        log_change(
            conn,
            now,
            "business_no",
            new.business_no.as_deref().unwrap_or(""),
        )?;
    }
    Ok(())
}

/// Creates the account (once).
pub fn create(conn: &Connection, m: &Member, now: Instant) -> Result<()> {
    if member(conn)?.is_some() {
        return Err(Error::refused(
            "this ledger already has an account; change it with `ncp-usage account set`, add another with `ncp-usage accounts add NAME`, or use another --db",
        ));
    }
    // The first account of a new ledger exists before its member does (migration 0014): it
    // is created with its member.
    conn.execute(
        concat!(
            "UPDATE accounts SET created_at = ?1 WHERE id = ",
            crate::ledger_account!(),
            " AND created_at = ''"
        ),
        [clock::rfc3339(now)],
    )?;
    conn.execute(
        concat!(
            "INSERT INTO account (id, first_name, last_name, email, member_type, expatriate,
                 billing_email, created_at, phone)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        params![
            m.first_name,
            m.last_name,
            m.email,
            m.member_type.as_str(),
            m.expatriate,
            m.billing_email,
            clock::rfc3339(now),
            m.phone
        ],
    )?;
    log_change(conn, now, "account", "created")?;
    // T2: the starting values, so that a read at any later instant can rebuild the member.
    let expatriate = m.expatriate.to_string();
    for (field, value) in [
        ("first_name", m.first_name.as_str()),
        ("last_name", &m.last_name),
        ("email", &m.email),
        ("billing_email", &m.billing_email),
        ("phone", m.phone.as_deref().unwrap_or("")),
        ("member_type", m.member_type.as_str()),
        ("expatriate", &expatriate),
    ] {
        conn.execute(
            concat!(
                "INSERT INTO account_changes (account_id, at, field, value, initial) VALUES (",
                crate::ledger_account!(),
                ", ?1, ?2, ?3, 1)"
            ),
            params![clock::rfc3339(now), field, value],
        )?;
    }
    Ok(())
}

/// Stores the member's new details, logging each field that changed.
pub fn update(conn: &Connection, old: &Member, new: &Member, now: Instant) -> Result<()> {
    conn.execute(
        concat!(
            "UPDATE account SET first_name = ?1, last_name = ?2, email = ?3, member_type = ?4,
                 expatriate = ?5, billing_email = ?6, phone = ?7 WHERE ",
            member_row!()
        ),
        params![
            new.first_name,
            new.last_name,
            new.email,
            new.member_type.as_str(),
            new.expatriate,
            new.billing_email,
            new.phone
        ],
    )?;
    let changes = [
        ("first_name", &old.first_name, &new.first_name),
        ("last_name", &old.last_name, &new.last_name),
        ("email", &old.email, &new.email),
        ("billing_email", &old.billing_email, &new.billing_email),
    ];
    for (field, before, after) in changes {
        if before != after {
            log_change(conn, now, field, after)?;
        }
    }
    if old.phone != new.phone {
        log_change(conn, now, "phone", new.phone.as_deref().unwrap_or(""))?;
    }
    if old.member_type != new.member_type {
        log_change(conn, now, "member_type", new.member_type.as_str())?;
    }
    if old.expatriate != new.expatriate {
        log_change(conn, now, "expatriate", &new.expatriate.to_string())?;
    }
    Ok(())
}

fn log_change(conn: &Connection, now: Instant, field: &str, value: &str) -> Result<()> {
    conn.execute(
        concat!(
            "INSERT INTO account_changes (account_id, at, field, value) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3)"
        ),
        params![clock::rfc3339(now), field, value],
    )?;
    Ok(())
}

/// The member type from each logged change of it (the starting value included), oldest
/// first, with the KST day it took effect, up to the running instant.
pub fn member_type_changes(conn: &Connection) -> Result<Vec<(chrono::NaiveDate, MemberType)>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT at, value FROM account_changes WHERE ",
        this_account!(),
        " AND field = 'member_type' AND at <= ",
        crate::ledger_visible!(),
        " ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (at, value) = row?;
        let damaged = || Error::ledger(format!("a damaged member type change '{at}' '{value}'"));
        let on = clock::parse_as_of(&at).map_err(|_| damaged())?.date_naive();
        out.push((on, MemberType::parse(&value).ok_or_else(damaged)?));
    }
    Ok(out)
}

/// One change of the account, for `account show`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// When.
    #[serde(serialize_with = "clock::serde_rfc3339")]
    pub at: Instant,
    /// What changed.
    pub field: String,
    /// Its new value.
    pub value: String,
}

/// Every change of the account up to `now`, oldest first.
pub fn changes(conn: &Connection, now: Instant) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT at, field, value FROM account_changes WHERE ",
        this_account!(),
        " AND initial = 0 ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(Change {
            at: r.instant(0, "account change time")?,
            field: r.get(1)?,
            value: r.get(2)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let c = row?;
        // T2: a read at an earlier instant shows the ledger as it stood then.
        if c.at <= now {
            out.push(c);
        }
    }
    Ok(out)
}

/// Registers a payment method; it replaces the current one from `now` on.
pub fn register_method(conn: &Connection, method: &PaymentMethod, now: Instant) -> Result<()> {
    let (label, last4, expiry, limit, balance) = match method {
        PaymentMethod::Card {
            brand,
            last4,
            expiry,
            limit,
        } => (
            Some(brand.as_str()),
            Some(last4.as_str()),
            Some(expiry.to_string()),
            *limit,
            None,
        ),
        PaymentMethod::Transfer {
            bank,
            last4,
            balance,
        } => (
            Some(bank.as_str()),
            Some(last4.as_str()),
            None,
            None,
            *balance,
        ),
        PaymentMethod::Deposit => (None, None, None, None, None),
    };
    conn.execute(
        concat!(
            "INSERT INTO payment_methods (account_id, kind, label, last4, expiry, monthly_limit,
                 balance, registered_at)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        ),
        params![
            method.kind().as_str(),
            label,
            last4,
            expiry,
            limit.map(ncp_usage_core::money::Krw::won),
            balance.map(ncp_usage_core::money::Krw::won),
            clock::rfc3339(now)
        ],
    )?;
    log_change(conn, now, "payment_method", &method.label())
}

/// The payment method registered as of `now`, if any.
pub fn current_method(conn: &Connection, now: Instant) -> Result<Option<PaymentMethod>> {
    Ok(method_at(conn, now, None)?.map(|(_, m)| m))
}

/// The method registered as of `now` with its id; with `kind`, the latest of that kind.
pub fn method_at(
    conn: &Connection,
    now: Instant,
    kind: Option<MethodKind>,
) -> Result<Option<(i64, PaymentMethod)>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT kind, label, last4, expiry, monthly_limit, balance, registered_at, id
         FROM payment_methods WHERE ",
        this_account!(),
        " AND registered_at <= ?1 AND (?2 IS NULL OR kind = ?2)
         ORDER BY id DESC LIMIT 1"
    ))?;
    let mut rows = stmt.query(params![clock::rfc3339(now), kind.map(MethodKind::as_str)])?;
    if let Some(r) = rows.next()? {
        let id: i64 = r.get(7)?;
        let kind: String = r.get(0)?;
        let label: Option<String> = r.get(1)?;
        let last4: Option<String> = r.get(2)?;
        let damaged =
            || Error::ledger("a payment method in the ledger is damaged; register it again");
        return Ok(Some((
            id,
            match kind.as_str() {
                "card" => PaymentMethod::Card {
                    brand: label.ok_or_else(damaged)?,
                    last4: last4.ok_or_else(damaged)?,
                    expiry: r
                        .get::<_, Option<String>>(3)?
                        .and_then(|e| e.parse().ok())
                        .ok_or_else(damaged)?,
                    limit: r.krw_opt(4)?,
                },
                "transfer" => PaymentMethod::Transfer {
                    bank: label.ok_or_else(damaged)?,
                    last4: last4.ok_or_else(damaged)?,
                    balance: r.krw_opt(5)?,
                },
                "deposit" => PaymentMethod::Deposit,
                _ => return Err(damaged()),
            },
        )));
    }
    Ok(None)
}

/// Whether a card or account transfer has ever been registered (P11: direct deposit needs one).
pub fn has_automatic_method(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        concat!(
            "SELECT EXISTS (SELECT 1 FROM payment_methods WHERE ",
            this_account!(),
            " AND kind IN ('card', 'transfer'))"
        ),
        [],
        |r| r.get(0),
    )?)
}
