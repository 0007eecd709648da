//! The demo account (`init --demo`, `--demo`): a realistic sample business from `fixtures/`,
//! loaded through the same importers a user's files go through.
//!
//! Ten services across KR, SGN and JPN from June 2023 to June 2024: monthly and metered
//! contracts, some starting or ending mid-month, two credits and two discount promotions. `scripts/make-demo-fixtures.py` regenerates
//! the files.

use ncp_usage_ledger::Connection;

use super::import::{import, Kind};
use ncp_usage_core::billing::account::{Member, MemberType, PaymentMethod};
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::account;

const CONTRACTS: &str = include_str!("../../../../fixtures/demo/contracts.csv");
const USAGE: &str = include_str!("../../../../fixtures/demo/usage.csv");
const PROMOTIONS: &str = include_str!("../../../../fixtures/demo/promotions.csv");

/// The demo member: a small business paying by card.
pub fn member() -> Member {
    Member {
        first_name: "Seoyeon".to_string(),
        last_name: "Park".to_string(),
        email: "seoyeon.park@haneul.example".to_string(),
        member_type: MemberType::Business,
        expatriate: false,
        billing_email: "billing@haneul.example".to_string(),
        phone: Some("010-2024-0601".to_string()),
    }
}

/// The demo payment method.
pub fn payment_method() -> PaymentMethod {
    PaymentMethod::Card {
        brand: "VISA".to_string(),
        last4: "4242".to_string(),
        expiry: ncp_usage_core::calendar::Month::new(2027, 12).expect("2027-12 is a month"),
        limit: None,
    }
}

/// When the demo account was opened and its card registered: before its first usage, so
/// its bills have been issued and paid month by month ever since.
pub fn opened_at() -> Instant {
    ncp_usage_core::clock::parse_as_of("2023-06-01T09:00:00+09:00").expect("a valid instant")
}

/// Loads the demo account into an empty ledger, inside the caller's transaction.
pub fn load(conn: &Connection) -> Result<()> {
    account::create(conn, &member(), opened_at())?;
    account::register_method(conn, &payment_method(), opened_at())?;
    import(conn, Kind::Contracts, CONTRACTS.as_bytes())?;
    import(conn, Kind::Usage, USAGE.as_bytes())?;
    import(conn, Kind::Promotions, PROMOTIONS.as_bytes())?;
    Ok(())
}
