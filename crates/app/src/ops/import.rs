//! `import KIND FILE…`: interchange files (SPEC §11) or NCP Billing API bodies into the
//! ledger, all files in one transaction: all or nothing.
//!
//! The command line opens the files (and draws the progress); this module reads them into
//! the ledger, re-rates the months they touched and turns what changed an issued bill into
//! adjustments (P1).

use std::io::Read;

use ncp_usage_core::billing::accounts::{choose, route, AccountRef, Route};
use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::ncp::{by_member, MemberPages, Page};
use ncp_usage_core::choice::Choice;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{
    accounts as ledger_accounts, ncp as ledger_ncp, work_for, AccountId, Connection,
};

use crate::exchange::import::{check_month_ceilings, import_from, Kind as CsvKind, Summary};
use crate::exchange::ncp;
use crate::ops::catch_up::{
    adjust_issued_bills, catch_up_after_import, catch_up_for_write, charge_missed_penalties,
};
use crate::report::import::{AccountPart, Imported, NcpImported};

/// What the files hold: one of the interchange files, or NCP's Billing API bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A CSV interchange file, streamed row by row.
    Csv(CsvKind),
    /// JSON bodies of NCP's Billing API, each parsed whole before anything is stored.
    Ncp,
}

impl Choice for Kind {
    const ALL: &'static [Kind] = &[
        Kind::Csv(CsvKind::Contracts),
        Kind::Csv(CsvKind::Usage),
        Kind::Csv(CsvKind::Fees),
        Kind::Csv(CsvKind::Promotions),
        Kind::Csv(CsvKind::Holidays),
        Kind::Ncp,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Csv(CsvKind::Contracts) => "contracts",
            Kind::Csv(CsvKind::Usage) => "usage",
            Kind::Csv(CsvKind::Fees) => "fees",
            Kind::Csv(CsvKind::Promotions) => "promotions",
            Kind::Csv(CsvKind::Holidays) => "holidays",
            Kind::Ncp => "ncp",
        }
    }

    /// The columns each file has, as `--help` lists them.
    fn help(self) -> &'static str {
        match self {
            Kind::Csv(CsvKind::Contracts) => {
                "`contract_no,service,region,plan,price,unit,start_date,end_date`"
            }
            Kind::Csv(CsvKind::Usage) => "`contract_no,date,quantity`",
            Kind::Csv(CsvKind::Fees) => {
                "`month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount`"
            }
            Kind::Csv(CsvKind::Promotions) => {
                "`name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to`"
            }
            Kind::Csv(CsvKind::Holidays) => "`date,name`",
            Kind::Ncp => {
                "JSON bodies of NCP's Billing API (getDemandCostList, getProductDemandCostList, getContractDemandCostList, getContractSummaryList, getContractUsageListByDaily; v2 demand-costs, billing-item-group-costs, billing-item-costs, cost-relation-codes)"
            }
        }
    }
}

/// Where a CSV import has got to, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// Reading the file so named.
    Reading(&'a str),
    /// Re-rating the months the files touched.
    UpdatingBills,
}

/// CSV files of one kind, opened by the caller.
pub struct CsvRequest<'a> {
    /// What the files hold.
    pub kind: CsvKind,
    /// Each file's name (`-` for standard input) and its contents as a stream.
    pub files: Vec<(String, Box<dyn Read + 'a>)>,
    /// Told as each step starts.
    pub progress: &'a dyn Fn(Step),
}

/// Imports CSV files: streamed into the transaction, millions of rows in constant memory.
pub fn run(tx: &Connection, now: Instant, request: CsvRequest) -> Result<Imported> {
    let names: Vec<&str> = request.files.iter().map(|(n, _)| n.as_str()).collect();
    let file = names.join(", ");
    let mut total = Summary::default();
    for (name, input) in request.files {
        (request.progress)(Step::Reading(&name));
        let s = import_from(tx, request.kind, input).map_err(|e| e.context(&name))?;
        total.rows += s.rows;
        total.added += s.added;
        total.updated += s.updated;
        total.unchanged += s.unchanged;
        if let Some(m) = s.first_month {
            total.touch(m);
        }
    }
    if let Some(from) = total.first_month {
        check_month_ceilings(tx, from, now).map_err(|e| e.context(&file))?;
    }
    (request.progress)(Step::UpdatingBills);
    let reason = format!("{file} imported after the bill was issued");
    let adjusted_bills = adjust_issued_bills(tx, now, &reason)?;
    Ok(Imported {
        kind: request.kind,
        file,
        summary: total,
        adjusted_bills,
    })
}

/// NCP bodies read and checked, ready to store.
pub struct NcpRequest<'a> {
    /// The files read.
    pub files: Vec<String>,
    /// Their bodies, by NCP member ([`by_member`]).
    pub groups: Vec<MemberPages>,
    /// Who charges a bill NCP reopened.
    pub gateway: &'a dyn Gateway,
    /// Whether a member with no account gets one (`false`: `--no-create` refuses instead).
    pub create: bool,
    /// Why an issued bill is adjusted, as its adjustment says.
    pub reason: String,
}

impl<'a> NcpRequest<'a> {
    /// Parses and checks every file before anything is stored (and before the ledger is
    /// opened): one bad body changes nothing, and each member's files are one answer
    /// ([`by_member`], [`ncp_usage_core::billing::ncp::one_answer`]).
    /// `read` gives the bytes of the file so named, when its turn comes: each body is read,
    /// parsed and its text dropped before the next is read, so that only the parsed rows
    /// are held.
    pub fn parse(
        now: Instant,
        names: Vec<String>,
        mut read: impl FnMut(usize) -> Result<Vec<u8>>,
        gateway: &'a dyn Gateway,
    ) -> Result<NcpRequest<'a>> {
        let pages = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let page = ncp::parse(&read(i)?, name)?;
                page.check(now, name)?;
                Ok(page)
            })
            .collect::<Result<Vec<_>>>()?;
        let groups = by_member(pages, &names)?;
        let reason = format!("{} imported after the bill was issued", names.join(", "));
        Ok(NcpRequest {
            files: names,
            groups,
            gateway,
            create: true,
            reason,
        })
    }
}

/// Imports NCP bodies, each member's into its account (issue 15), in the one transaction:
/// an account holding the member, else the chosen one when it holds no member and this is
/// the one member of the import that no account holds, else a new account named after the member (refused instead
/// when `request.create` is false). Bodies naming no member go to the chosen account
/// (`chosen`; `None` when the ledger holds several and none was chosen). The chosen account
/// was caught up by the command; every other account is caught up here before its bodies
/// are stored, as a command for it would be.
pub fn run_ncp(
    tx: &Connection,
    now: Instant,
    request: &NcpRequest,
    chosen: Option<AccountId>,
) -> Result<NcpImported> {
    let reason = &request.reason;
    let mut known = ledger_accounts::with_members(tx)?;
    // The members no account holds yet: when one, it may take the chosen account.
    let homeless = request
        .groups
        .iter()
        .filter_map(|g| g.member.as_deref())
        .filter(|m| !known.iter().any(|a| a.member_no.as_deref() == Some(*m)))
        .count();
    // Every member's account is found (or made) before anything is stored.
    let mut targets: Vec<(AccountId, &MemberPages)> = Vec::new();
    let mut created: Vec<AccountPart> = Vec::new();
    for group in &request.groups {
        let id = match &group.member {
            None => match chosen {
                Some(id) => id,
                None => {
                    // Several accounts, none chosen: the choice rule says so, naming them.
                    let all = ledger_accounts::list(tx)?;
                    choose(&all, None)?;
                    AccountId::MAIN
                }
            },
            Some(member) => {
                match route(
                    &known,
                    chosen.map(|c| c.0),
                    member,
                    homeless == 1,
                    request.create,
                )? {
                    Route::Held(id) => AccountId(id),
                    Route::Bind(id) => {
                        ledger_accounts::set_member_no(tx, AccountId(id), member)?;
                        AccountId(id)
                    }
                    Route::Create(name) => {
                        let id = ledger_accounts::add(tx, &name, Some(member), now)?;
                        known.push(AccountRef {
                            id: id.0,
                            name: name.clone(),
                            member_no: Some(member.clone()),
                        });
                        created.push(AccountPart::new(name, Some(member.clone())));
                        id
                    }
                }
            }
        };
        // An account whose member was not recorded when its bodies came records it now.
        if let Some(member) = &group.member {
            if ledger_accounts::list(tx)?
                .iter()
                .any(|a| a.id == id.0 && a.member_no.is_none())
            {
                ledger_accounts::set_member_no(tx, id, member)?;
            }
        }
        targets.push((id, group));
    }
    let mut stored = ledger_ncp::Stored::default();
    let mut parts: Vec<AccountPart> = Vec::new();
    for (id, group) in targets {
        work_for(tx, id)?;
        if Some(id) != chosen {
            catch_up_for_write(tx, now, request.gateway)?;
        }
        let part = store_ncp(tx, now, &group.pages, reason, request.gateway)?;
        let account = ledger_accounts::running(tx)?;
        match parts.iter_mut().find(|p| p.name == account.name) {
            Some(p) => p.add(&part),
            None => {
                let mut p = AccountPart::new(account.name, account.member_no);
                p.add(&part);
                parts.push(p);
            }
        }
        stored.merge(part);
    }
    if let Some(id) = chosen {
        work_for(tx, id)?;
    }
    // The parts are listed when the import wrote for an account other than the chosen one.
    let chosen_name = match chosen {
        Some(id) => ledger_accounts::list(tx)?
            .into_iter()
            .find(|a| a.id == id.0)
            .map(|a| a.name),
        None => None,
    };
    if parts.iter().all(|p| Some(&p.name) == chosen_name.as_ref()) {
        parts.clear();
    }
    Ok(NcpImported {
        kind: "ncp",
        files: request.files.clone(),
        skipped: Vec::new(),
        accounts_created: created,
        accounts: parts,
        stored,
    })
}

/// Stores NCP bodies (`import ncp`, `sync`); `reason` says why an issued bill is adjusted.
///
/// P1: NCP's per-service and per-contract lines win over the fees CSV and over rating, so
/// where they change what an issued month rates at, the difference becomes an adjustment
/// carried into the next bill, as `import fees` does. A month whose NCP bill is stored is
/// not adjusted again: NCP's bill figures govern it (see `ledger::ncp::store`).
pub fn store_ncp(
    tx: &Connection,
    now: Instant,
    pages: &[Page],
    reason: &str,
    gateway: &dyn Gateway,
) -> Result<ledger_ncp::Stored> {
    let mut stored = ledger_ncp::store(tx, pages, now)?;
    if !stored.months.is_empty() {
        for month in adjust_issued_bills(tx, now, reason)? {
            if !stored.adjusted_bills.contains(&month) {
                stored.adjusted_bills.push(month);
            }
        }
        stored.adjusted_bills.sort();
    }
    // A bill NCP reopened is outstanding from now on, and notified now (P9).
    catch_up_after_import(tx, now, gateway)?;
    charge_missed_penalties(tx, now, &stored.bills)?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `import KIND` names a CSV kind as its JSON view spells it (`"kind": "usage"`).
    #[test]
    fn csv_kinds_are_named_as_the_view_spells_them() {
        for kind in Kind::ALL {
            if let Kind::Csv(csv) = kind {
                assert_eq!(serde_json::to_value(csv).unwrap(), kind.name());
            }
            assert_eq!(Kind::from_name(kind.name()), Some(*kind));
        }
    }
}
