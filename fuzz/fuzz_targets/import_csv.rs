//! Every CSV importer on arbitrary bytes, into an in-memory ledger: it may refuse the file,
//! never panic, and a refused file leaves the ledger as it was.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ncp_usage_app::exchange::import::{import, Kind};
use ncp_usage_ledger::Ledger;

const KINDS: [Kind; 5] = [
    Kind::Contracts,
    Kind::Usage,
    Kind::Fees,
    Kind::Promotions,
    Kind::Holidays,
];

/// A contract for usage rows to refer to, so the usage importer gets past its first check.
const CONTRACTS: &[u8] = b"contract_no,service,region,plan,price,unit,start_date,end_date\n\
KR-LB-1,Load Balancer,KR,metered,12,hour,2024-01-01,\n";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let mut ledger = Ledger::in_memory().expect("an in-memory ledger");
    let now = ncp_usage_core::clock::parse_as_of("2024-03-20T10:00").expect("an instant");
    ledger
        .write(now, |tx| import(tx, Kind::Contracts, CONTRACTS).map(|_| ()))
        .expect("the seed contract imports");
    let _ = ledger.write(now, |tx| import(tx, kind, bytes));
});
