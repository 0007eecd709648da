//! The member and the payment methods they may register (SPEC A1, A2, P11).
//!
//! A card is kept only as brand, last four digits and expiry, and an account only as bank and
//! last four digits: anything that looks like a full card number is refused before it can
//! reach the ledger.

use serde::Serialize;

use crate::calendar::Month;
use crate::money::Krw;

/// A2: the kind of member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum MemberType {
    /// A private person.
    Individual,
    /// A company: tax invoices, account transfer and direct deposit.
    Business,
}

impl MemberType {
    /// The spelling used in the ledger and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberType::Individual => "individual",
            MemberType::Business => "business",
        }
    }

    /// Reads the spelling used in the ledger.
    pub fn parse(text: &str) -> Option<MemberType> {
        match text {
            "individual" => Some(MemberType::Individual),
            "business" => Some(MemberType::Business),
            _ => None,
        }
    }
}

/// The member behind the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// First name (A1: at least 2 letters).
    pub first_name: String,
    /// Last name (A1: at least 1 letter).
    pub last_name: String,
    /// Login email.
    pub email: String,
    /// Individual or business (A2).
    pub member_type: MemberType,
    /// An international resident: instant payment by card only (P7), cards only (P11).
    pub expatriate: bool,
    /// Where bills are sent (P11); the login email until changed.
    pub billing_email: String,
    /// Where SMS notices go, if registered.
    pub phone: Option<String>,
}

/// A registered way of paying (P11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentMethod {
    /// A credit card: automatic payment, instant payment.
    Card {
        /// Issuer brand (`VISA`).
        brand: String,
        /// The last four digits, never more.
        last4: String,
        /// The last month the card is valid.
        expiry: Month,
        /// What the local gateway lets it charge per month, if known.
        limit: Option<Krw>,
    },
    /// An account transfer: automatic payment, real-time transfer.
    Transfer {
        /// Bank name.
        bank: String,
        /// The last four digits of the account.
        last4: String,
        /// What the local gateway knows of the balance, if anything.
        balance: Option<Krw>,
    },
    /// Direct deposit to the fee deposit account (a dedicated virtual account).
    Deposit,
}

impl PaymentMethod {
    /// The method's kind: `card`, `transfer` or `deposit`.
    pub fn kind(&self) -> &'static str {
        match self {
            PaymentMethod::Card { .. } => "card",
            PaymentMethod::Transfer { .. } => "transfer",
            PaymentMethod::Deposit => "deposit",
        }
    }

    /// How the portal names it: `VISA ****4242 (expires 2027-12)`.
    pub fn label(&self) -> String {
        match self {
            PaymentMethod::Card {
                brand,
                last4,
                expiry,
                ..
            } => format!("{brand} card ****{last4} (expires {expiry})"),
            PaymentMethod::Transfer { bank, last4, .. } => {
                format!("{bank} account transfer ****{last4}")
            }
            PaymentMethod::Deposit => "Direct deposit (fee deposit account)".to_string(),
        }
    }

    /// Whether payments happen by themselves in the automatic payment period (P2).
    pub fn is_automatic(&self) -> bool {
        !matches!(self, PaymentMethod::Deposit)
    }
}

/// A rule about the member or the payment method that input broke.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccountError {
    /// A1 on names.
    #[error("A1: {field} must have at least {min} letter(s) and no digits or special characters (got '{value}')")]
    Name {
        /// `first name` or `last name`.
        field: &'static str,
        /// The minimum number of characters.
        min: usize,
        /// What was given.
        value: String,
    },
    /// A1 on emails.
    #[error("A1: '{0}' is not a valid email; write it as name@example.com")]
    Email(String),
    /// Not a phone number.
    #[error("'{0}' is not a phone number; write it like 010-1234-5678 or +82 10 1234 5678")]
    Phone(String),
    /// Only the last four digits are ever taken.
    #[error("--last4 takes exactly the last 4 digits (got {0}); ncp-usage never stores a full card or account number")]
    Last4(String),
    /// A label with digits could carry a card number.
    #[error(
        "{field} '{value}' is not a name: use letters and spaces only, e.g. VISA or KB Kookmin"
    )]
    Label {
        /// `--brand` or `--bank`.
        field: &'static str,
        /// What was given.
        value: String,
    },
    /// P11: not a method this member may register.
    #[error("P11: {member} cannot register {method}; {allowed}")]
    NotAllowed {
        /// Who the member is, in words.
        member: String,
        /// The method refused.
        method: &'static str,
        /// What they may register instead.
        allowed: String,
    },
    /// A card past its expiry month.
    #[error("the card expired at the end of {expiry}; register a card that is still valid")]
    Expired {
        /// Its last valid month.
        expiry: Month,
    },
}

impl AccountError {
    /// Whether this is a billing rule refusing valid input (exit 3) rather than bad input.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            AccountError::NotAllowed { .. } | AccountError::Expired { .. }
        )
    }
}

/// A1: a name of letters only (any script: 민지 is as good as Minji), at least `min` of them.
pub fn validate_name(field: &'static str, value: &str, min: usize) -> Result<String, AccountError> {
    let v = value.trim();
    let letters = v.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= min && v.chars().all(char::is_alphabetic) {
        Ok(v.to_string())
    } else {
        Err(AccountError::Name {
            field,
            min,
            value: value.to_string(),
        })
    }
}

/// A1: a plain, sane email: one `@`, a local part, a dotted domain, no spaces.
pub fn validate_email(value: &str) -> Result<String, AccountError> {
    let v = value.trim();
    let bad = || AccountError::Email(value.to_string());
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if v.len() <= 254 && local_ok && domain_ok {
        Ok(v.to_string())
    } else {
        Err(bad())
    }
}

/// A phone number for SMS: digits with optional `+`, spaces and dashes, 8–15 digits.
pub fn validate_phone(value: &str) -> Result<String, AccountError> {
    let v = value.trim();
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let ok = (8..=15).contains(&digits)
        && v.chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '-' || c == ' ' || (c == '+' && i == 0));
    if ok {
        Ok(v.to_string())
    } else {
        Err(AccountError::Phone(value.to_string()))
    }
}

/// Exactly four digits: the only part of a card or account number that is kept.
pub fn validate_last4(value: &str) -> Result<String, AccountError> {
    let v = value.trim();
    if v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(v.to_string())
    } else {
        let shown = if v.len() > 4 {
            format!("{} characters", v.chars().count())
        } else {
            format!("'{v}'")
        };
        Err(AccountError::Last4(shown))
    }
}

/// A brand or bank name: letters, spaces and a little punctuation, never digits.
pub fn validate_label(field: &'static str, value: &str) -> Result<String, AccountError> {
    let v = value.trim();
    let ok = !v.is_empty()
        && v.chars().count() <= 40
        && v.chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '&' || c == '.');
    if ok {
        Ok(v.to_string())
    } else {
        Err(AccountError::Label {
            field,
            value: if v.chars().any(|c| c.is_ascii_digit()) {
                "(contains digits)".to_string()
            } else {
                v.to_string()
            },
        })
    }
}

/// P11: may this member register this kind of method? `has_automatic` says whether a card or
/// account transfer has been registered before (direct deposit needs one).
pub fn check_method_allowed(
    member: &Member,
    method: &PaymentMethod,
    has_automatic: bool,
) -> Result<(), AccountError> {
    let (who, allowed): (&str, &[&str]) = if member.expatriate {
        ("an expatriate member", &["card"])
    } else {
        match member.member_type {
            MemberType::Individual => ("an individual member", &["card"]),
            MemberType::Business => ("a business member", &["card", "transfer", "deposit"]),
        }
    };
    let kind = method.kind();
    let refuse = |allowed: String| AccountError::NotAllowed {
        member: who.to_string(),
        method: match kind {
            "card" => "a credit card",
            "transfer" => "account transfer",
            _ => "direct deposit",
        },
        allowed,
    };
    if !allowed.contains(&kind) {
        return Err(refuse(
            "register a credit card instead (ncp-usage account payment-method card …)".to_string(),
        ));
    }
    if kind == "deposit" && !has_automatic {
        return Err(refuse(
            "register a card or account transfer first; direct deposit is offered once an automatic method exists".to_string(),
        ));
    }
    Ok(())
}

/// Refuses a card whose expiry month is before the month of `today`.
pub fn check_card_valid(expiry: Month, today_month: Month) -> Result<(), AccountError> {
    if expiry < today_month {
        Err(AccountError::Expired { expiry })
    } else {
        Ok(())
    }
}

/// P11: the last four digits of the first full card number in `text`, if it holds one: a
/// run of 13 to 19 digits (single spaces or dashes between them allowed, as card numbers are
/// written) that starts like a card of a major network and passes the Luhn check. Used to
/// refuse card numbers wherever they could enter the ledger, and by `check`.
pub fn find_card_number(text: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_digit() || (i > 0 && text[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // A run of digit groups joined by single spaces or dashes, starting at i.
        let mut groups: Vec<Vec<u8>> = vec![Vec::new()];
        let mut j = i;
        while j < text.len() {
            if text[j].is_ascii_digit() {
                if let Some(g) = groups.last_mut() {
                    g.push(text[j] - b'0');
                }
                j += 1;
            } else if (text[j] == b' ' || text[j] == b'-')
                && j + 1 < text.len()
                && text[j + 1].is_ascii_digit()
            {
                groups.push(Vec::new());
                j += 1;
            } else {
                break;
            }
        }
        // Any sequence of whole groups with 13–19 digits is a candidate: "4111 1111 1111
        // 1111" after a date is found, a 20-digit number is not read as a card.
        for first in 0..groups.len() {
            let mut digits: Vec<u8> = Vec::new();
            for g in &groups[first..] {
                digits.extend_from_slice(g);
                if digits.len() > 19 {
                    break;
                }
                if digits.len() >= 13 && card_like(&digits) {
                    let last4: String = digits[digits.len() - 4..]
                        .iter()
                        .map(|d| char::from(b'0' + d))
                        .collect();
                    return Some(last4);
                }
            }
        }
        i = j.max(i + 1);
    }
    None
}

/// A card network's prefix and a valid Luhn check digit.
fn card_like(d: &[u8]) -> bool {
    let prefix = |n: usize| d.iter().take(n).fold(0u32, |a, &x| a * 10 + u32::from(x));
    let network = match d[0] {
        4 => true,
        5 => (1..=5).contains(&d[1]),
        2 => (2221..=2720).contains(&prefix(4)),
        3 => matches!(prefix(2), 34 | 35 | 36 | 37 | 38 | 30),
        6 => prefix(4) == 6011 || matches!(prefix(2), 62 | 64 | 65),
        _ => false,
    };
    let luhn: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    network && luhn % 10 == 0
}

/// A business member's company name and business registration number, both optional; a
/// usage confirmation shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Business {
    /// The company name.
    pub company: Option<String>,
    /// The business registration number, `NNN-NN-NNNNN`.
    pub business_no: Option<String>,
}

impl Business {
    /// Whether neither is set.
    pub fn is_empty(&self) -> bool {
        self.company.is_none() && self.business_no.is_none()
    }
}

/// A company name: 1–100 characters, no control characters.
pub fn validate_company(value: &str) -> crate::error::Result<String> {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > 100 || v.chars().any(char::is_control) {
        return Err(crate::error::Error::invalid(format!(
            "--company '{}' is not a company name; give 1 to 100 characters, e.g. --company \"Example Co., Ltd.\"",
            v.escape_debug()
        )));
    }
    Ok(v.to_string())
}

/// A business registration number: 10 digits written `NNN-NN-NNNNN` (the digits alone are
/// accepted and written with the dashes).
pub fn validate_business_no(value: &str) -> crate::error::Result<String> {
    let v = value.trim();
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let shaped = v.len() == 12
        && v.char_indices().all(|(i, c)| {
            if i == 3 || i == 6 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let bare = v.len() == 10 && digits.len() == 10;
    if shaped || bare {
        Ok(format!(
            "{}-{}-{}",
            &digits[..3],
            &digits[3..5],
            &digits[5..]
        ))
    } else {
        Err(crate::error::Error::invalid(format!(
            "--business-no '{}' is not a business registration number; write its 10 digits as NNN-NN-NNNNN, e.g. 123-45-67890",
            v.escape_debug()
        )))
    }
}

/// The company details may be given only to a business member.
pub fn check_business_allowed(member_type: MemberType, b: &Business) -> crate::error::Result<()> {
    if member_type != MemberType::Business && !b.is_empty() {
        return Err(crate::error::Error::invalid(
            "--company and --business-no are for business members; add --member-type business",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i12_23_business_numbers_are_ten_digits_written_nnn_nn_nnnnn() {
        assert_eq!(
            validate_business_no("123-45-67890").unwrap(),
            "123-45-67890"
        );
        assert_eq!(
            validate_business_no(" 1234567890 ").unwrap(),
            "123-45-67890"
        );
        for bad in [
            "",
            "123-45-6789",
            "12-345-67890",
            "123 45 67890",
            "123-45-6789O",
            "１２３-45-67890",
        ] {
            assert!(validate_business_no(bad).is_err(), "{bad}");
        }
        assert!(validate_company("Example Co., Ltd.").is_ok());
        assert!(validate_company("주식회사 예시").is_ok());
        assert!(validate_company("  ").is_err());
        assert!(validate_company("a\u{7}b").is_err());
        let b = Business {
            company: Some("X".into()),
            business_no: None,
        };
        assert!(check_business_allowed(MemberType::Individual, &b).is_err());
        assert!(check_business_allowed(MemberType::Business, &b).is_ok());
        assert!(check_business_allowed(MemberType::Individual, &Business::default()).is_ok());
    }

    fn member(t: MemberType, expatriate: bool) -> Member {
        Member {
            first_name: "Minji".into(),
            last_name: "Kim".into(),
            email: "minji@example.com".into(),
            member_type: t,
            expatriate,
            billing_email: "minji@example.com".into(),
            phone: None,
        }
    }

    fn card() -> PaymentMethod {
        PaymentMethod::Card {
            brand: "VISA".into(),
            last4: "4242".into(),
            expiry: "2027-12".parse().unwrap(),
            limit: None,
        }
    }

    fn transfer() -> PaymentMethod {
        PaymentMethod::Transfer {
            bank: "KB Kookmin".into(),
            last4: "1234".into(),
            balance: None,
        }
    }

    #[test]
    fn a1_names() {
        assert_eq!(validate_name("first name", "Minji", 2).unwrap(), "Minji");
        assert_eq!(validate_name("first name", "민지", 2).unwrap(), "민지");
        assert!(validate_name("first name", "M", 2).is_err());
        assert!(validate_name("first name", "Min1", 2).is_err());
        assert!(validate_name("last name", "O'Neil", 1).is_err());
        assert_eq!(validate_name("last name", "K", 1).unwrap(), "K");
        assert!(validate_name("last name", "", 1).is_err());
    }

    #[test]
    fn a1_emails() {
        assert!(validate_email("minji@example.com").is_ok());
        assert!(validate_email("a.b+billing@corp.co.kr").is_ok());
        for bad in [
            "minji",
            "minji@",
            "@example.com",
            "minji@example",
            "mi nji@example.com",
            "a@b..c",
            "a@@b.com",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_four_digits_are_ever_kept() {
        assert_eq!(validate_last4("4242").unwrap(), "4242");
        let e = validate_last4("4242424242424242").unwrap_err();
        assert!(!e.to_string().contains("4242424242424242"));
        assert!(validate_label("--brand", "VISA 4111111111111111").is_err());
    }

    #[test]
    fn p11_who_may_register_what() {
        let ind = member(MemberType::Individual, false);
        let biz = member(MemberType::Business, false);
        let exp = member(MemberType::Business, true);
        assert!(check_method_allowed(&ind, &card(), false).is_ok());
        assert!(check_method_allowed(&ind, &transfer(), false).is_err());
        assert!(check_method_allowed(&ind, &PaymentMethod::Deposit, true).is_err());
        assert!(check_method_allowed(&biz, &transfer(), false).is_ok());
        assert!(check_method_allowed(&biz, &PaymentMethod::Deposit, false).is_err());
        assert!(check_method_allowed(&biz, &PaymentMethod::Deposit, true).is_ok());
        assert!(check_method_allowed(&exp, &card(), false).is_ok());
        assert!(check_method_allowed(&exp, &transfer(), false).is_err());
    }

    #[test]
    fn p11_card_numbers_are_found_wherever_they_are() {
        for (text, last4) in [
            ("4111111111111111", "1111"),
            ("5555555555554444", "4444"),
            ("378282246310005", "0005"),
            ("ref 4111 1111 1111 1111 paid", "1111"),
            ("5555-5555-5555-4444", "4444"),
            ("x,4111111111111111,y", "1111"),
            ("2024-02-01 4111 1111 1111 1111", "1111"),
        ] {
            assert_eq!(
                find_card_number(text.as_bytes()).as_deref(),
                Some(last4),
                "{text}"
            );
        }
        for text in [
            "4111111111111112",
            "2024-05-06",
            "KR-SVR-1001",
            "1000000000000000",
            "20240520123456",
            "9223372036854775808",
            "18446744073709551615",
            "010-1234-5678",
            "4242",
            "",
        ] {
            assert_eq!(find_card_number(text.as_bytes()), None, "{text}");
        }
    }
}
