//! The member and the payment methods they may register (SPEC A1, A2, P11).
//!
//! A card is kept only as brand, last four digits and expiry, and an account only as bank and
//! last four digits: anything that looks like a full card number is refused before it can
//! reach the ledger.

use serde::Serialize;

use crate::calendar::Month;
use crate::money::Krw;
use crate::text;

/// A2: the kind of member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberType {
    /// A private person.
    Individual,
    /// A company: tax invoices, account transfer and direct deposit.
    Business,
}

impl crate::choice::Choice for MemberType {
    const ALL: &'static [MemberType] = &[MemberType::Individual, MemberType::Business];

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn help(self) -> &'static str {
        match self {
            MemberType::Individual => "A private person",
            MemberType::Business => "A company: tax invoices, account transfer and direct deposit",
        }
    }
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
    /// First name (A1: at least 2 characters; a Hangul syllable counts 2).
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

crate::choice::spelled! {
    /// The kind of method a payment was made with, as the ledger records it.
    pub enum MethodKind {
        /// A credit or debit card.
        Card = "card",
        /// An account transfer.
        Transfer = "transfer",
        /// Direct deposit.
        Deposit = "deposit",
        /// NCP's paid-up state, imported: NCP does not say how it was paid.
        Ncp = "ncp",
    }
}

impl PaymentMethod {
    /// The method's kind: a card, an account transfer or direct deposit.
    pub fn kind(&self) -> MethodKind {
        match self {
            PaymentMethod::Card { .. } => MethodKind::Card,
            PaymentMethod::Transfer { .. } => MethodKind::Transfer,
            PaymentMethod::Deposit => MethodKind::Deposit,
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
    #[error("A1: {field} must have at least {} and no digits or special characters (got '{value}')", crate::text::plural(*min, "letter", "letters"))]
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

/// The longest name kept, in characters.
pub const NAME_MAX: usize = 64;

/// What may stand between the letters of a name: one space, apostrophe or hyphen
/// ("Mary Ann", "O'Brien", "O’Brien", "Jean-Luc").
fn is_name_separator(c: char) -> bool {
    matches!(c, ' ' | '\'' | '\u{2019}' | '-' | '\u{2010}')
}

/// A Hangul syllable block (혁, 민).
fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A CJK ideograph (王, 伟).
fn is_cjk_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// How many characters a letter counts for A1's minimum. A Hangul syllable block is written
/// as one character but is made of at least two letters (혁 is ㅎ + ㅕ + ㄱ), and a CJK
/// ideograph is a whole syllable too: each counts as 2, so the one-syllable Korean first
/// name 혁 (or the Chinese 伟) passes "at least 2 characters", as its romanisation Hyeok does.
fn letter_weight(c: char) -> usize {
    if is_hangul_syllable(c) || is_cjk_ideograph(c) {
        2
    } else {
        1
    }
}

/// A1: a name: letters of any script (민지 is as good as Minji), with single spaces,
/// apostrophes or hyphens between them ("Mary Ann", "O'Brien", "Jean-Luc"), at least `min`
/// characters (see [`letter_weight`]), at most [`NAME_MAX`]. Digits and any other symbol are
/// refused. The name is trimmed and kept in NFC, so a name typed with combining marks
/// (`e` + U+0301) is the same name as the precomposed one.
pub fn validate_name(field: &'static str, value: &str, min: usize) -> Result<String, AccountError> {
    let bad = || AccountError::Name {
        field,
        min,
        value: text::printable(value),
    };
    let v = text::clean(value, NAME_MAX).map_err(|_| bad())?;
    let mut weight = 0;
    // Whether the previous character was a letter (or a mark on one).
    let mut after_letter = false;
    for c in v.chars() {
        if c.is_alphabetic() {
            weight += letter_weight(c);
            after_letter = true;
        } else if after_letter && unicode_normalization::char::is_combining_mark(c) {
            // A mark that NFC could not fold into its letter: part of that letter.
        } else if after_letter && is_name_separator(c) {
            after_letter = false;
        } else {
            return Err(bad());
        }
    }
    if after_letter && weight >= min {
        Ok(v)
    } else {
        Err(bad())
    }
}

/// Whether a name is written in Hangul or CJK characters (separators aside).
fn is_east_asian(name: &str) -> bool {
    let mut any = false;
    for c in name.chars() {
        if is_hangul_syllable(c)
            || is_cjk_ideograph(c)
            || ('\u{3040}'..='\u{30FF}').contains(&c)
            || ('\u{1100}'..='\u{11FF}').contains(&c)
        {
            any = true;
        } else if !is_name_separator(c) {
            return false;
        }
    }
    any
}

/// The member's full name as it is shown: a Hangul (or CJK) name family name first, without
/// a space (김민지), any other given name first (Minji Kim).
pub fn display_name(first: &str, last: &str) -> String {
    if is_east_asian(first) && is_east_asian(last) {
        format!("{last}{first}")
    } else {
        format!("{first} {last}")
    }
}

/// Characters an unquoted email local part may use besides letters and digits (RFC 5322
/// `atext`).
const ATEXT: &str = "!#$%&'*+/=?^_`{|}~-";

/// A1: an email as mail systems take it (RFC 5321/5322, RFC 6531 for non-ASCII letters):
/// a dot-atom local part of at most 64 bytes (no leading, trailing or double dot), `@`, and
/// a domain of at most 253 bytes with at least two labels, each 1–63 letters, digits or
/// hyphens, not starting or ending with a hyphen, the last not all digits; 254 bytes in all.
/// Quoted local parts and address literals (`user@[192.0.2.1]`) are not taken.
pub fn validate_email(value: &str) -> Result<String, AccountError> {
    let bad = || AccountError::Email(text::printable(value));
    let v = text::clean(value, 254).map_err(|_| bad())?;
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    let atom_ok = |atom: &str| {
        !atom.is_empty()
            && atom.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || ATEXT.contains(c)
                    || (!c.is_ascii() && c.is_alphanumeric())
            })
    };
    let local_ok = local.len() <= 64 && local.split('.').all(atom_ok);
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| {
                c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
            })
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| label_ok(l))
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    if v.len() <= 254 && local_ok && domain_ok {
        Ok(v)
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

/// A brand or bank name: letters, single spaces and a little punctuation (`-&.`), never
/// digits; trimmed, NFC, at most 40 characters.
pub fn validate_label(field: &'static str, value: &str) -> Result<String, AccountError> {
    let refuse = || AccountError::Label {
        field,
        value: if value.chars().any(|c| c.is_ascii_digit()) {
            "(contains digits)".to_string()
        } else {
            text::printable(value.trim())
        },
    };
    let v = text::clean(value, 40).map_err(|_| refuse())?;
    let mut after_letter = false;
    let ok = v.chars().all(|c| {
        let mark = after_letter && unicode_normalization::char::is_combining_mark(c);
        after_letter = c.is_alphabetic() || mark;
        after_letter || c == ' ' || c == '-' || c == '&' || c == '.'
    });
    if ok {
        Ok(v)
    } else {
        Err(refuse())
    }
}

/// P11: may this member register this kind of method? `has_automatic` says whether a card or
/// account transfer has been registered before (direct deposit needs one).
pub fn check_method_allowed(
    member: &Member,
    method: &PaymentMethod,
    has_automatic: bool,
) -> Result<(), AccountError> {
    let (who, allowed): (&str, &[MethodKind]) = if member.expatriate {
        ("an expatriate member", &[MethodKind::Card])
    } else {
        match member.member_type {
            MemberType::Individual => ("an individual member", &[MethodKind::Card]),
            MemberType::Business => (
                "a business member",
                &[MethodKind::Card, MethodKind::Transfer, MethodKind::Deposit],
            ),
        }
    };
    let kind = method.kind();
    let refuse = |allowed: String| AccountError::NotAllowed {
        member: who.to_string(),
        method: match kind {
            MethodKind::Card => "a credit card",
            MethodKind::Transfer => "account transfer",
            MethodKind::Deposit | MethodKind::Ncp => "direct deposit",
        },
        allowed,
    };
    if !allowed.contains(&kind) {
        return Err(refuse(
            "register a credit card instead (ncp-usage account payment-method card …)".to_string(),
        ));
    }
    if kind == MethodKind::Deposit && !has_automatic {
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
    use rstest::rstest;

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

    #[rstest]
    #[case::latin("first name", "Minji", 2, "Minji")]
    #[case::hangul("first name", "민지", 2, "민지")]
    #[case::one_hangul_syllable_first_name("first name", "혁", 2, "혁")]
    #[case::one_cjk_ideograph("first name", "伟", 2, "伟")]
    #[case::inner_space("first name", "Mary Ann", 2, "Mary Ann")]
    #[case::apostrophe("last name", "O'Brien", 1, "O'Brien")]
    #[case::typographic_apostrophe("last name", "O\u{2019}Brien", 1, "O\u{2019}Brien")]
    #[case::hyphen("first name", "Jean-Luc", 2, "Jean-Luc")]
    #[case::several("last name", "de la Cruz-O'Neil", 1, "de la Cruz-O'Neil")]
    #[case::one_latin_letter_last_name("last name", "K", 1, "K")]
    #[case::one_hangul_last_name("last name", "김", 1, "김")]
    #[case::trimmed("first name", "  Minji ", 2, "Minji")]
    #[case::decomposed_becomes_precomposed("first name", "Rene\u{301}e", 2, "Ren\u{e9}e")]
    #[case::decomposed_hangul("first name", "\u{1112}\u{1167}\u{11a8}", 2, "혁")]
    #[case::mark_without_precomposed_form("first name", "Aq\u{301}", 2, "Aq\u{301}")]
    #[case::cyrillic("first name", "Анна", 2, "Анна")]
    #[case::arabic("first name", "ليلى", 2, "ليلى")]
    fn a1_names_accepted(
        #[case] field: &'static str,
        #[case] input: &str,
        #[case] min: usize,
        #[case] kept: &str,
    ) {
        assert_eq!(validate_name(field, input, min), Ok(kept.to_string()));
    }

    #[rstest]
    #[case::one_latin_letter_first_name("M", 2)]
    #[case::one_kana("ミ", 2)]
    #[case::digit("Min1", 2)]
    #[case::empty("", 1)]
    #[case::spaces_only("   ", 1)]
    #[case::double_space("Mary  Ann", 2)]
    #[case::double_apostrophe("O''Brien", 1)]
    #[case::hyphen_then_space("Jean- Luc", 2)]
    #[case::leading_hyphen("-Luc", 2)]
    #[case::trailing_apostrophe("Brien'", 2)]
    #[case::sql("Kim'; DROP TABLE account; --", 1)]
    #[case::dot("J. R.", 2)]
    #[case::newline("Min\nji", 2)]
    #[case::tab("Min\tji", 2)]
    #[case::bidi_override("Min\u{202e}ji", 2)]
    #[case::emoji("Minji🙂", 2)]
    #[case::leading_mark("\u{301}Minji", 2)]
    #[case::too_long(&"a".repeat(65), 2)]
    fn a1_names_refused(#[case] input: &str, #[case] min: usize) {
        let e = validate_name("first name", input, min).unwrap_err();
        assert!(
            matches!(&e, AccountError::Name { min: m, .. } if *m == min),
            "{e}"
        );
        // The message stays on one line whatever was typed.
        assert!(!e.to_string().contains(['\n', '\t', '\u{202e}']), "{e}");
    }

    #[rstest]
    #[case::latin("Minji", "Kim", "Minji Kim")]
    #[case::hangul("민지", "김", "김민지")]
    #[case::one_syllable("혁", "이", "이혁")]
    #[case::two_syllable_family_name("민지", "남궁", "남궁민지")]
    #[case::chinese("伟", "王", "王伟")]
    #[case::mixed_scripts("민지", "Kim", "민지 Kim")]
    #[case::compound("Jean-Luc", "O'Brien", "Jean-Luc O'Brien")]
    fn a1_display_name(#[case] first: &str, #[case] last: &str, #[case] shown: &str) {
        assert_eq!(display_name(first, last), shown);
    }

    #[rstest]
    #[case::plain("minji@example.com")]
    #[case::plus_and_dots("a.b+billing@corp.co.kr")]
    #[case::atext("o'brien!#$%&*/=?^_`{|}~-@example.com")]
    #[case::hyphen_inside_label("m@my-example.com")]
    #[case::digits_label("m@123.example.com")]
    #[case::idn("민지@한국.kr")]
    #[case::trimmed("  minji@example.com ")]
    #[case::max_local(&format!("{}@example.com", "a".repeat(64)))]
    #[case::max_label(&format!("m@{}.com", "a".repeat(63)))]
    fn a1_emails_accepted(#[case] input: &str) {
        assert_eq!(validate_email(input), Ok(input.trim().to_string()));
    }

    #[rstest]
    #[case::no_at("minji")]
    #[case::no_domain("minji@")]
    #[case::no_local("@example.com")]
    #[case::no_dot_in_domain("minji@example")]
    #[case::space("mi nji@example.com")]
    #[case::double_dot_in_domain("a@b..c")]
    #[case::two_ats("a@@b.com")]
    #[case::at_in_local("a@b@example.com")]
    #[case::double_dot_in_local("a..b@example.com")]
    #[case::leading_dot_in_local(".ab@example.com")]
    #[case::trailing_dot_in_local("ab.@example.com")]
    #[case::label_starts_with_hyphen("m@-example.com")]
    #[case::label_ends_with_hyphen("m@example-.com")]
    #[case::trailing_dot_in_domain("m@example.com.")]
    #[case::leading_dot_in_domain("m@.example.com")]
    #[case::underscore_in_domain("m@ex_ample.com")]
    #[case::numeric_tld("m@192.168.0.1")]
    #[case::address_literal("m@[192.168.0.1]")]
    #[case::quoted_local("\"m n\"@example.com")]
    #[case::comma("a,b@example.com")]
    #[case::newline("minji@example.com\nBcc: x@example.com")]
    #[case::nul("minji@exam\0ple.com")]
    #[case::local_too_long(&format!("{}@example.com", "a".repeat(65)))]
    #[case::label_too_long(&format!("m@{}.com", "a".repeat(64)))]
    #[case::too_long(&format!("m@{}.com", ["a".repeat(60).as_str(); 5].join(".")))]
    fn a1_emails_refused(#[case] input: &str) {
        let e = validate_email(input).unwrap_err();
        assert!(matches!(e, AccountError::Email(_)), "{e}");
        assert!(!e.to_string().contains(['\n', '\0']), "{e}");
    }

    #[rstest]
    #[case::brand("VISA", "VISA")]
    #[case::bank("KB Kookmin", "KB Kookmin")]
    #[case::hangul_bank("국민은행", "국민은행")]
    #[case::decomposed(
        "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale",
        "Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale"
    )]
    #[case::punctuation("A&B Bank.", "A&B Bank.")]
    fn labels_accepted(#[case] input: &str, #[case] kept: &str) {
        assert_eq!(validate_label("--bank", input), Ok(kept.to_string()));
    }

    #[rstest]
    #[case::digits("VISA 4111111111111111")]
    #[case::newline("KB\nKookmin")]
    #[case::escape("KB\u{1b}[2J")]
    #[case::empty(" ")]
    #[case::too_long(&"a".repeat(41))]
    fn labels_refused(#[case] input: &str) {
        let e = validate_label("--bank", input).unwrap_err();
        assert!(!e.to_string().contains(['\n', '\u{1b}']), "{e}");
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
