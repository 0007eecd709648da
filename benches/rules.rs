//! Benchmarks of the pure billing rules (no ledger, no I/O): rating and proration (H3),
//! late penalties (P10), a month's statement (M2, M3) and promotions (PR1, PR2).
//!
//! ```sh
//! cargo bench --bench rules
//! ```

// criterion's macros generate the undocumented `benches` and `main`.
#![allow(missing_docs)]

use std::collections::HashMap;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rust_decimal::Decimal;

use ncp_usage_core::billing::facts::{Contract, FeeLine, Plan, Quantities};
use ncp_usage_core::billing::penalty::{self, default_ratio};
use ncp_usage_core::billing::period::{usage_period, Period};
use ncp_usage_core::billing::promotion::{apply, CreditUse, Cumulative, Promotion};
use ncp_usage_core::billing::rating::{month_lines, prorate, rate};
use ncp_usage_core::billing::statement::summarize;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::money::Krw;

const REGIONS: [&str; 6] = ["KR", "SGN", "JPN", "USWN", "DEN", "HK"];
const SERVICES: [&str; 8] = [
    "Server",
    "Load Balancer",
    "Object Storage",
    "Cloud DB for MySQL",
    "Global CDN",
    "NAS",
    "Public IP",
    "Cloud Functions",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn won(n: i64) -> Krw {
    n.to_string().parse().expect("whole won")
}

/// `n` contracts, a fifth of them monthly, some starting or ending inside February 2024.
fn contracts(n: usize) -> Vec<Contract> {
    (0..n)
        .map(|i| {
            let monthly = i % 5 == 0;
            Contract {
                contract_no: format!("{}-C-{i:07}", REGIONS[i % REGIONS.len()]),
                service: SERVICES[i % SERVICES.len()].to_string(),
                region: REGIONS[i % REGIONS.len()].to_string(),
                plan: if monthly {
                    Plan::Monthly
                } else {
                    Plan::Metered
                },
                price: if monthly {
                    Decimal::from(60_000 + (i as i64 % 7) * 10_000)
                } else {
                    Decimal::new(1_080_000 + i as i64 % 1000, 4)
                },
                unit: if monthly { "month" } else { "hour" }.to_string(),
                start_date: date(2024, if i % 7 == 0 { 2 } else { 1 }, 1 + (i % 28) as u32),
                end_date: (i % 11 == 0).then(|| date(2024, 2, 10 + (i % 19) as u32)),
            }
        })
        .collect()
}

fn february() -> (Month, Period) {
    let month: Month = "2024-02".parse().expect("a month");
    let period = usage_period(month, date(2024, 3, 5)).expect("a past month");
    (month, period)
}

fn quantities(contracts: &[Contract]) -> Quantities {
    contracts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.plan == Plan::Metered)
        .map(|(i, c)| {
            (
                c.contract_no.clone(),
                Decimal::new(696_000 - i as i64 % 5000, 3),
            )
        })
        .collect()
}

fn rating(c: &mut Criterion) {
    let (month, period) = february();
    let mut group = c.benchmark_group("rating");
    let one = &contracts(5)[0];
    group.bench_function("prorate", |b| {
        b.iter(|| prorate(black_box(Decimal::from(60_000)), black_box(20), month))
    });
    group.bench_function("rate one monthly contract", |b| {
        b.iter(|| rate(black_box(one), month, &period, Decimal::ZERO))
    });
    for n in [100, 10_000] {
        let all = contracts(n);
        let q = quantities(&all);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("month_lines {n} contracts"), |b| {
            b.iter(|| month_lines(black_box(&all), &q, month, &period))
        });
    }
    group.finish();
}

fn penalty(c: &mut Criterion) {
    let ratio = default_ratio();
    c.bench_function("penalty/late_penalty", |b| {
        b.iter(|| penalty::due(black_box(won(1_234_567)), black_box(ratio)))
    });
}

fn lines(n: usize) -> Vec<FeeLine> {
    let (month, period) = february();
    let all = contracts(n);
    month_lines(&all, &quantities(&all), month, &period)
}

fn statement(c: &mut Criterion) {
    let mut group = c.benchmark_group("statement");
    for n in [100, 10_000, 100_000] {
        let l = lines(n);
        group.throughput(Throughput::Elements(l.len() as u64));
        group.bench_function(format!("summarize {n} lines"), |b| {
            b.iter(|| summarize(black_box(&l)))
        });
    }
    group.finish();
}

fn promotions() -> Vec<Promotion> {
    let mut out = Vec::new();
    for (i, service) in SERVICES.iter().enumerate() {
        out.push(Promotion {
            name: format!("Discount {i}"),
            service: service.to_string(),
            provision_type: "discount".to_string(),
            pricing_plan: if i % 2 == 0 { "metered" } else { "all" }.to_string(),
            provided: 1,
            used: 0,
            discount_rate: Some(Decimal::from(10 + i as i64)),
            credit: None,
            valid_from: date(2024, 1, 1),
            valid_to: date(2024, 12, 31),
        });
        out.push(Promotion {
            name: format!("Credit {i}"),
            service: service.to_string(),
            provision_type: "credit".to_string(),
            pricing_plan: "all".to_string(),
            provided: 1,
            used: 0,
            discount_rate: None,
            credit: Some(won(500_000)),
            valid_from: date(2024, 1, 1),
            valid_to: date(2024, 6, 30),
        });
    }
    out
}

fn promotion(c: &mut Criterion) {
    let (_, period) = february();
    let promos = promotions();
    let mut group = c.benchmark_group("promotion");
    for n in [100, 10_000] {
        let all = contracts(n);
        let plans: HashMap<String, Plan> = all
            .iter()
            .map(|c| (c.contract_no.clone(), c.plan))
            .collect();
        let l = lines(n);
        group.throughput(Throughput::Elements(l.len() as u64));
        group.bench_function(format!("apply {n} lines"), |b| {
            b.iter_batched_ref(
                || l.clone(),
                |lines| {
                    apply(
                        lines,
                        &plans,
                        &promos,
                        &period,
                        &Cumulative::new(),
                        &CreditUse::new(),
                    )
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, rating, penalty, statement, promotion);
criterion_main!(benches);
