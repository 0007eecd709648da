//! Many NCP accounts in one ledger (issue 15, docs/ACCOUNTS.md): how an account is named and
//! how a command finds the one it works for.
//!
//! Every billing rule is per account; these two rules decide which account that is, before
//! anything is read, so that no command ever guesses.

use crate::error::{Error, Result};

/// The longest account name.
pub const MAX_NAME: usize = 40;

/// The name of the account an older, one-account ledger becomes, and of `init`'s default.
pub const MAIN: &str = "main";

/// An account as the ledger lists it: what a choice needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRef {
    /// Its row in the ledger.
    pub id: i64,
    /// Its short name (unique).
    pub name: String,
    /// Its NCP member number, when known (unique).
    pub member_no: Option<String>,
}

/// An account name: 1 to 40 letters, digits, `-` or `_` (it is typed on command lines and
/// named in file names and JSON, so nothing that needs quoting).
pub fn check_name(name: &str) -> Result<()> {
    let fine = (1..=MAX_NAME).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "account name {name:?} is not usable: give 1 to {MAX_NAME} letters, digits, '-' or '_' (e.g. main, shop-kr)"
        )))
    }
}

/// The refusal of a name another account has.
pub fn name_taken(name: &str) -> Error {
    Error::invalid(format!(
        "an account is already named {name:?}; choose another name (ncp-usage accounts lists them)"
    ))
}

/// The refusal of an NCP member number another account (`holder`) has.
pub fn member_taken(member_no: &str, holder: &str) -> Error {
    Error::invalid(format!(
        "NCP member {member_no} is already account {holder:?}: one account per NCP member"
    ))
}

/// The account a command works for: the one `selector` names (by name, else by NCP member
/// number), or the only one. With several and none chosen, or a selector that names none,
/// the error lists the names, so the fix is on the screen.
pub fn choose<'a>(accounts: &'a [AccountRef], selector: Option<&str>) -> Result<&'a AccountRef> {
    let names = || {
        accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match selector {
        Some(wanted) => accounts
            .iter()
            .find(|a| a.name == wanted)
            .or_else(|| {
                accounts
                    .iter()
                    .find(|a| a.member_no.as_deref() == Some(wanted))
            })
            .ok_or_else(|| {
                Error::invalid(format!(
                    "no account is named {wanted:?} or has that NCP member number; the ledger holds: {}",
                    names()
                ))
            }),
        None => match accounts {
            [only] => Ok(only),
            [] => Err(Error::invalid(
                "the ledger holds no account; create one with ncp-usage init",
            )),
            _ => Err(Error::invalid(format!(
                "the ledger holds {} accounts ({}); choose one with --account NAME (or NCP_USAGE_ACCOUNT)",
                accounts.len(),
                names()
            ))),
        },
    }
}

/// Where an NCP import sends the bodies of one member (issue 15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// To this account (its id), which holds the member.
    Held(i64),
    /// To this account (its id), which holds no member yet and becomes this member's.
    Bind(i64),
    /// To a new account, so named, made for the member.
    Create(String),
}

/// Where the bodies of NCP member `member` go: to the account holding it (`accounts` give
/// each account's member: the number it was given, else the one its NCP figures name);
/// else, when it is the one member of the import no account holds (`only_member`), to the
/// chosen account if it holds no member yet (a ledger's first import, as before accounts,
/// or the last member of an organisation whose other members have their accounts); else to a new
/// account named after the member ([`name_for_member`]), unless `create` is false: then the
/// import is refused, naming the member and the command that adds its account.
pub fn route(
    accounts: &[AccountRef],
    chosen: Option<i64>,
    member: &str,
    only_member: bool,
    create: bool,
) -> Result<Route> {
    if let Some(a) = accounts
        .iter()
        .find(|a| a.member_no.as_deref() == Some(member))
    {
        return Ok(Route::Held(a.id));
    }
    let unbound_chosen = chosen.filter(|id| {
        accounts
            .iter()
            .any(|a| a.id == *id && a.member_no.is_none())
    });
    match unbound_chosen {
        Some(id) if only_member => Ok(Route::Bind(id)),
        _ if create => Ok(Route::Create(name_for_member(accounts, member))),
        _ => Err(Error::invalid(format!(
            "NCP member {member} has no account in this ledger and --no-create keeps the import from making one; nothing was written"
        ))
        .with_hint(format!(
            "add its account first: ncp-usage accounts add NAME --member-no {member}"
        ))),
    }
}

/// The name of the account an NCP import makes for `member`: the member number itself, or,
/// when an account already has that name, the number with the first free `-2`, `-3`… after
/// it.
pub fn name_for_member(accounts: &[AccountRef], member: &str) -> String {
    let taken = |name: &str| accounts.iter().any(|a| a.name == name);
    if !taken(member) {
        return member.to_string();
    }
    (2..)
        .map(|n| format!("{member}-{n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| member.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: i64, name: &str, member_no: Option<&str>) -> AccountRef {
        AccountRef {
            id,
            name: name.to_string(),
            member_no: member_no.map(str::to_string),
        }
    }

    #[test]
    fn a_name_is_short_and_needs_no_quoting() {
        for good in ["main", "shop-kr", "A_1", &"x".repeat(40)] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        for bad in ["", "two words", "ünï", "a/b", &"x".repeat(41)] {
            let err = check_name(bad).unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::Invalid, "{bad}");
        }
        assert_eq!(
            check_name("a b").unwrap_err().message,
            "account name \"a b\" is not usable: give 1 to 40 letters, digits, '-' or '_' (e.g. main, shop-kr)"
        );
    }

    #[test]
    fn an_ncp_member_goes_to_its_account_else_to_a_new_one_named_after_it() {
        let accounts = [
            account(1, "main", None),
            account(2, "shop", Some("1000002")),
            account(3, "1000003", None),
        ];
        // Held: whichever account is chosen.
        assert_eq!(
            route(&accounts, Some(1), "1000002", false, false).unwrap(),
            Route::Held(2)
        );
        // The import's only member binds the chosen account that holds none.
        assert_eq!(
            route(&accounts, Some(1), "1000001", true, false).unwrap(),
            Route::Bind(1)
        );
        // Several members, or a chosen account holding one: a new account for the member.
        assert_eq!(
            route(&accounts, Some(1), "1000001", false, true).unwrap(),
            Route::Create("1000001".into())
        );
        assert_eq!(
            route(&accounts, Some(2), "1000001", true, true).unwrap(),
            Route::Create("1000001".into())
        );
        assert_eq!(
            route(&accounts, None, "1000001", true, true).unwrap(),
            Route::Create("1000001".into())
        );
        // A name already taken gets the first free suffix.
        assert_eq!(
            route(&accounts, Some(2), "1000003", true, true).unwrap(),
            Route::Create("1000003-2".into())
        );
        let e = route(&accounts, Some(2), "1000001", true, false).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Invalid);
        assert_eq!(
            e.message,
            "NCP member 1000001 has no account in this ledger and --no-create keeps the import from making one; nothing was written"
        );
        assert_eq!(
            e.hint(),
            Some("add its account first: ncp-usage accounts add NAME --member-no 1000001")
        );
    }

    #[test]
    fn one_account_is_implied_and_several_need_a_choice() {
        let one = [account(1, "main", None)];
        assert_eq!(choose(&one, None).unwrap().id, 1);
        let three = [
            account(1, "main", Some("1000001")),
            account(2, "shop", Some("1000002")),
            account(3, "1000001", None),
        ];
        assert_eq!(
            choose(&three, None).unwrap_err().message,
            "the ledger holds 3 accounts (main, shop, 1000001); choose one with --account NAME (or NCP_USAGE_ACCOUNT)"
        );
        assert_eq!(choose(&three, Some("shop")).unwrap().id, 2);
        assert_eq!(choose(&three, Some("1000002")).unwrap().id, 2);
        // A name wins over a member number that spells the same.
        assert_eq!(choose(&three, Some("1000001")).unwrap().id, 3);
        assert_eq!(
            choose(&three, Some("nope")).unwrap_err().message,
            "no account is named \"nope\" or has that NCP member number; the ledger holds: main, shop, 1000001"
        );
    }
}
