//! `check` per account: a second account's faults are its own.

use std::collections::BTreeSet;

use super::*;
use crate::as_of::{self, AccountId};
use crate::Ledger;

/// A second account whose rows break every invariant and hold a card number; its
/// references are whole, so SQLite's own checks find nothing.
const BROKEN_OTHER: &str = "
    INSERT INTO accounts (id, name, created_at) VALUES (2, 'other', '2024-01-01T00:00:00+09:00');
    -- VAT one won off (bill_totals), issued inside its month (bill_issued_early), and no
    -- latest instant at all (latest_instant).
    INSERT INTO bills (account_id, month, used_amount, discount_amount, rounddown_discount_amount,
                       vat_amount, billed_amount, overdue_ratio, source, issued_at)
    VALUES (2, '2024-02', 10000, 0, 0, 999, 11000, '0', 'rated', '2024-02-20T00:00:00+09:00');
    -- Overdue below zero (bill_negative) with a credit it does not leave (credit_balance).
    INSERT INTO bill_adjustments (account_id, id, month, amount, reason, recorded_at, carried_into)
    VALUES (2, 1, '2024-02', -20000, 'r', '2024-03-01T00:00:00+09:00', '2024-02');
    INSERT INTO credits (account_id, id, month, amount, reason, recorded_at)
    VALUES (2, 1, '2024-02', 500, 'r', '2024-03-01T00:00:00+09:00');
    -- A keyed payment without its request (idempotency) and a card number in its
    -- reference (card_number), paid before the bill it pays was issued
    -- (payment_before_issue), applied beyond its amount (payment_overapplied), before the
    -- bill was issued (application_time), with a penalty never charged (bill_overpaid).
    INSERT INTO payments (account_id, id, kind, method, amount, paid_at, reference, idempotency_key)
    VALUES (2, 1, 'instant', 'card', 100, '2024-02-10T00:00:00+09:00', 'card 4111 1111 1111 1111', 'k');
    INSERT INTO payment_applications (account_id, id, payment_id, month, principal, penalty, applied_at)
    VALUES (2, 1, 1, '2024-02', 199, 1, '2024-02-10T00:00:00+09:00');
    -- An approved attempt without its payment (auto_attempts).
    INSERT INTO auto_attempts (account_id, month, attempt_on, at, amount, outcome)
    VALUES (2, '2024-02', '2024-03-16', '2024-03-16T00:00:00+09:00', 1000, 'approved');
    -- A penalty off its day (penalty_dates).
    INSERT INTO penalties (account_id, month, charged_on, source, base, amount)
    VALUES (2, '2024-02', '2024-04-15', 'p10', 11000, 100);
    -- Usage before its contract (usage_in_contract) and missing from the monthly summary
    -- (usage_monthly).
    INSERT INTO contracts (account_id, contract_no, service, region, plan, price, unit, start_date)
    VALUES (2, 'C-1', 'Server', 'KR', 'metered', '1', 'hour', '2024-03-01');
    INSERT INTO usage (account_id, date, contract_no, quantity_milli)
    VALUES (2, '2024-02-14', 'C-1', 1000);
    -- A fee line whose estimate is not used − discount (fee_lines).
    INSERT INTO fee_lines (account_id, month, region, service, contract_no, item, quantity, unit,
                           unit_price, used_amount, discount_amount, estimated_payment_amount)
    VALUES (2, '2023-12', 'KR', 'Server', 'C-1', 'Monthly flat rate', '1', 'month', '1000',
            1000, 100, 1000);
    -- A card with a negative limit (negative_amounts) and more than four digits (last4).
    INSERT INTO payment_methods (account_id, id, kind, label, last4, expiry, monthly_limit, registered_at)
    VALUES (2, 1, 'card', 'VISA', '12a4', '2027-12', -1, '2024-01-02T00:00:00+09:00');
    -- An instant that is not one (instant_text).
    INSERT INTO notifications (account_id, kind, channel, month, sent_at, recipient, subject)
    VALUES (2, 'due', 'email', '2024-02', 'yesterday', 'a@example.com', 's');
    -- NCP's bill in won without the ledger's (ncp_demand_costs).
    INSERT INTO ncp_demand_costs (account_id, month, api, currency, use_amount,
        promise_discount_amount, promotion_discount_amount, etc_discount_amount,
        savings_plan_discount_amount, customer_discount_amount, product_discount_amount,
        credit_discount_amount, member_price_discount_amount, member_promise_discount_amount,
        rounddown_discount_amount, currency_discount_amount, coin_discount_amount,
        default_amount, vat_amount, paid_up, imported_at)
    VALUES (2, '2024-03', 'v2', 'KRW', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0',
            '0', '0', '0', '0', 0, '2024-04-02T00:00:00+09:00');";

/// Every check reads the running account's rows only: another account's faults are all
/// found in its own scope and none in `main`'s.
#[test]
fn each_check_reads_the_running_account_only() {
    let mut ledger = Ledger::in_memory().unwrap();
    ledger
        .conn
        .pragma_update(None, "ignore_check_constraints", true)
        .unwrap();
    let checks = |tx: &Connection| -> Result<BTreeSet<&'static str>> {
        Ok(run(tx)?.into_iter().map(|f| f.check).collect())
    };
    ledger
        .read(|tx| -> Result<()> {
            tx.execute_batch(BROKEN_OTHER)?;
            assert_eq!(checks(tx)?, BTreeSet::new(), "main's check");
            as_of::set_scope(tx, AccountId(2))?;
            let every: BTreeSet<&str> = INVARIANTS
                .iter()
                .map(|i| i.name)
                .chain(["card_number"])
                .collect();
            assert_eq!(checks(tx)?, every, "the other account's check");
            Ok(())
        })
        .unwrap();
}
