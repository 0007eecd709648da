//! M1, the ledger's one ceiling (10^15 won): an import is checked against every month it can
//! change as the whole month will bill, not only the days elapsed of the running month, and
//! a month's totals are exact sums, never held at the ceiling.

use crate::common::Env;

const HEADER: &str = "contract_no,service,region,plan,price,unit,start_date,end_date\n";

fn business() -> Env {
    Env::business("2024-01-01")
}

fn contracts(env: &Env, name: &str, rows: &str) -> String {
    env.file(name, format!("{HEADER}{rows}"))
        .display()
        .to_string()
}

/// The outside tester's pair: 7 × 10^14 won a month each, open-ended from 1 January.
const PAIR: &str = "A,Server,KR,monthly,700000000000000,month,2024-01-01,\n\
                    B,Server,KR,monthly,700000000000000,month,2024-01-01,\n";

#[test]
fn m1_a_pair_past_the_ceiling_is_refused_mid_month_and_on_the_first() {
    let env = business();
    let file = contracts(&env, "mm.csv", PAIR);
    let before = env.dump();
    // Mid-month only 14 days had elapsed; the whole of January bills 1.4 × 10^15.
    for as_of in ["2024-01-15", "2024-01-01"] {
        let err = env.fail(as_of, &["import", "contracts", &file], 2);
        assert!(
            err.contains(
                "the 2024-01 bill would come to more than 10^15 won, more than the ledger holds; correct the prices, quantities or amounts imported for 2024-01"
            ),
            "{as_of}: {err}"
        );
        assert!(err.contains("mm.csv"), "{err}");
        assert_eq!(env.dump(), before, "nothing written at {as_of}");
    }
    // The ledger stays empty and sound: January bills nothing.
    let h = env.json("2024-02-05", &["history", "--month", "2024-01"]);
    assert_eq!(h["totals"]["used_amount"], 0);
    assert_eq!(h["totals"]["billed_amount"], 0);
    env.ok("2024-02-05", &["check"]);
}

#[test]
fn m1_a_pair_just_under_the_ceiling_is_accepted_with_exact_totals() {
    let env = business();
    // 2 × 454,545,454,545,450 = 909,090,909,090,900, + 10 % VAT = 999,999,999,999,990.
    let file = contracts(
        &env,
        "under.csv",
        "A,Server,KR,monthly,454545454545450,month,2024-01-01,\n\
         B,Server,KR,monthly,454545454545450,month,2024-01-01,\n",
    );
    env.ok("2024-01-15", &["import", "contracts", &file]);
    let h = env.json("2024-02-05", &["history", "--month", "2024-01", "--detail"]);
    let lines = h["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    for l in lines {
        assert_eq!(l["used_amount"], 454_545_454_545_450_i64);
    }
    let t = &h["totals"];
    assert_eq!(t["used_amount"], 909_090_909_090_900_i64);
    assert_eq!(t["estimated_payment_amount"], 909_090_909_090_900_i64);
    assert_eq!(t["rounddown_discount_amount"], 0);
    assert_eq!(t["vat_amount"], 90_909_090_909_090_i64);
    assert_eq!(t["billed_amount"], 999_999_999_999_990_i64);
    env.ok("2024-02-05", &["check"]);
}

#[test]
fn m1_later_months_are_rated_in_full() {
    let env = business();
    // Started on the 20th and open-ended: January bills 12 of 31 days, but February the
    // whole 950 trillion, 1,045 trillion with VAT.
    let late = contracts(
        &env,
        "late.csv",
        "L,Server,KR,monthly,950000000000000,month,2024-01-20,\n",
    );
    let before = env.dump();
    let err = env.fail("2024-01-25", &["import", "contracts", &late], 2);
    assert!(
        err.contains("the 2024-02 bill would come to more than 10^15 won"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    // A pair starting after the running month is checked too, naming its month.
    let future = contracts(
        &env,
        "future.csv",
        "F1,Server,KR,monthly,700000000000000,month,2024-03-01,2024-03-31\n\
         F2,Server,KR,monthly,700000000000000,month,2024-03-01,\n",
    );
    let err = env.fail("2024-01-25", &["import", "contracts", &future], 2);
    assert!(
        err.contains("the 2024-03 bill would come to more than 10^15 won"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    // Contracts that never share a month are not added up: January for one, February on for
    // the other.
    let apart = contracts(
        &env,
        "apart.csv",
        "A,Server,KR,monthly,700000000000000,month,2024-01-01,2024-01-31\n\
         B,Server,KR,monthly,700000000000000,month,2024-02-01,\n",
    );
    env.ok("2024-01-15", &["import", "contracts", &apart]);
    // A third contract from 10 March would carry March past the ceiling: 700 trillion +
    // 22/31 of 300 trillion, with VAT.
    let third = contracts(
        &env,
        "third.csv",
        "C,Server,KR,monthly,300000000000000,month,2024-03-10,\n",
    );
    let before = env.dump();
    let err = env.fail("2024-01-15", &["import", "contracts", &third], 2);
    assert!(
        err.contains("the 2024-03 bill would come to more than 10^15 won"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    for month in ["2024-01", "2024-02"] {
        let h = env.json("2024-03-05", &["history", "--month", month]);
        assert_eq!(
            h["totals"]["used_amount"], 700_000_000_000_000_i64,
            "{month}"
        );
        assert_eq!(
            h["totals"]["billed_amount"], 770_000_000_000_000_i64,
            "{month}"
        );
    }
}
