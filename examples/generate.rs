//! Generates large, realistic interchange files for benchmarks (not a user command):
//! `contracts.csv`, `usage.csv` and, with `--fee-lines`, `fees.csv`, in the formats of
//! SPEC §11.
//!
//! ```sh
//! cargo run --release --example generate -- --out target/bench-data/10m --rows 10000000
//! ```
//!
//! The ledger it describes: `--metered` slots of metered contracts and `--monthly` slots of
//! monthly ones, spread over regions (KR, SGN, JPN, USWN, DEN, HK) and services. Each slot
//! holds one contract at a time; when it ends, the next one starts the following day, so every
//! day has exactly one usage row per metered slot and the number of days grows with `--rows`
//! (a bigger file is a longer history, not a bigger month). Usage is written day by day, as
//! daily usage accumulates, and ends on `--end`. The same `--seed` gives the same files.
//!
//! The wide shape (issue 17): `--contracts N --months M` is N metered slots and no monthly
//! ones, with usage for every day of the M calendar months ending with `--end`'s month — a
//! bigger number is a bigger month, not a longer history:
//!
//! ```sh
//! cargo run --release --example generate -- --out target/bench-data/wide-34k \
//!     --contracts 34000 --months 1 --end 2024-11-30   # 1,020,000 rows, November 2024
//! ```
//!
//! `--v2-lines N` also writes NCP v2's resource-level cost lines of `--fee-month` as the
//! `billingItemCosts` body of fixtures/ncp/v2/billing-item-costs-2026-06.json, in pages of
//! 1,000 chained by `nextToken`: `ncp-v2/billing-item-costs-00001.json` and on.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::{Datelike, Days, NaiveDate};

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// One of `items`, by weight.
    fn weighted<'a, T>(&mut self, items: &'a [(T, u64)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut pick = self.next() % total;
        for (item, w) in items {
            if pick < *w {
                return item;
            }
            pick -= w;
        }
        &items[0].0
    }
}

const REGIONS: &[(&str, u64)] = &[
    ("KR", 70),
    ("SGN", 10),
    ("JPN", 8),
    ("USWN", 5),
    ("DEN", 4),
    ("HK", 3),
];

/// Metered services: name, code, unit, price in ten-thousandths of a won, typical daily
/// quantity in thousandths.
const METERED: &[(&str, &str, &str, u64, u64)] = &[
    ("Server", "SVR", "hour", 1_080_000, 24_000),
    ("Load Balancer", "LB", "hour", 120_000, 24_000),
    ("Object Storage", "OBJ", "GB", 280_000, 850_000),
    ("Block Storage", "BLK", "GB", 4_500, 2_000_000),
    ("Cloud DB for MySQL", "CDB", "hour", 2_150_000, 24_000),
    ("Cloud Functions", "FN", "request", 23, 5_000_000),
    ("Global CDN", "CDN", "GB", 1_105_000, 120_500),
    ("NAS", "NAS", "GB", 10_000, 500_000),
    ("Public IP", "PIP", "hour", 55_000, 24_000),
    ("Cloud Log Analytics", "CLA", "GB", 3_000_000, 3_250),
];

/// Monthly services: name, code, price in won.
const MONTHLY: &[(&str, &str, u64)] = &[
    ("Server", "SVRM", 60_000),
    ("Cloud DB for Redis", "RDS", 145_000),
    ("Security Monitoring", "SEC", 300_000),
    ("Cloud Hadoop", "HDP", 900_000),
    ("Ncloud Kubernetes Service", "NKS", 72_000),
];

struct Args {
    out: PathBuf,
    rows: u64,
    seed: u64,
    metered: u64,
    monthly: u64,
    end: NaiveDate,
    fee_lines: u64,
    fee_month: String,
    /// `--months`: usage covers these calendar months up to `--end` (the wide shape).
    months: Option<u32>,
    /// `--v2-lines`: NCP v2 resource-level cost lines of `fee_month`.
    v2_lines: u64,
}

fn usage() -> ! {
    eprintln!(
        "usage: generate --out DIR [--rows N (1000000)] [--seed S (1)] [--metered SLOTS (2500)]\n\
         \x20               [--monthly SLOTS (500)] [--end YYYY-MM-DD (2024-12-31)]\n\
         \x20               [--fee-lines N (0)] [--fee-month YYYY-MM (2024-06)] [--v2-lines N (0)]\n\
         \x20      generate --out DIR --contracts N --months M [--end YYYY-MM-DD] (the wide shape)"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        out: PathBuf::new(),
        rows: 1_000_000,
        seed: 1,
        metered: 2_500,
        monthly: 500,
        end: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default(),
        fee_lines: 0,
        fee_month: "2024-06".to_string(),
        months: None,
        v2_lines: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        let number = || {
            value
                .replace('_', "")
                .parse::<u64>()
                .unwrap_or_else(|_| usage())
        };
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(&value),
            "--rows" => args.rows = number(),
            "--seed" => args.seed = number(),
            "--metered" => args.metered = number().max(1),
            "--monthly" => args.monthly = number(),
            "--fee-lines" => args.fee_lines = number(),
            "--v2-lines" => args.v2_lines = number(),
            "--fee-month" => args.fee_month = value.clone(),
            "--contracts" => {
                args.metered = number().max(1);
                args.monthly = 0;
            }
            "--months" => args.months = Some(u32::try_from(number().max(1)).unwrap_or(1)),
            "--end" => {
                args.end = NaiveDate::parse_from_str(&value, "%Y-%m-%d").unwrap_or_else(|_| usage())
            }
            _ => usage(),
        }
    }
    if args.out.as_os_str().is_empty() {
        usage()
    }
    if let Some(months) = args.months {
        // Every day of the months ending with `--end`'s month, up to `--end`.
        let mut first = args.end.with_day(1).unwrap_or(args.end);
        for _ in 1..months {
            first = (first - Days::new(1)).with_day(1).unwrap_or(first);
        }
        let days = (args.end - first).num_days().unsigned_abs() + 1;
        args.rows = args.metered * days;
    }
    args
}

/// A contract as the contracts file has it.
struct Contract {
    no: String,
    service: &'static str,
    region: &'static str,
    metered: bool,
    /// Ten-thousandths of a won for metered prices, won for monthly ones.
    price: u64,
    unit: &'static str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    /// Daily quantity around which usage varies, in thousandths.
    daily: u64,
}

/// `value / 10^scale` written with no trailing zeros.
fn decimal(out: &mut String, value: u64, scale: u32) {
    let unit = 10u64.pow(scale);
    let _ = write!(out, "{}", value / unit);
    let mut frac = value % unit;
    if frac != 0 {
        let mut digits = scale;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let _ = write!(out, ".{frac:0width$}", width = digits as usize);
    }
}

/// Lines of NCP v2's `billingItemCosts` in one page.
const V2_PAGE: u64 = 1_000;

/// NCP v2 resource-level cost lines, field by field as the documented example
/// (fixtures/ncp/v2/billing-item-costs-2026-06.json) has them: pages of [`V2_PAGE`] lines,
/// each naming the next in `nextToken` (`null` on the last).
fn v2_item_costs(args: &Args, rng: &mut Rng) -> std::io::Result<()> {
    let dir = args.out.join("ncp-v2");
    std::fs::create_dir_all(&dir)?;
    let pages = args.v2_lines.div_ceil(V2_PAGE);
    let mut line = String::new();
    for page in 1..=pages {
        let mut out = BufWriter::new(File::create(
            dir.join(format!("billing-item-costs-{page:05}.json")),
        )?);
        out.write_all(b"{\"billingItemCosts\": [\n")?;
        let first = (page - 1) * V2_PAGE;
        let last = args.v2_lines.min(page * V2_PAGE);
        for i in first..last {
            let region = *rng.weighted(REGIONS);
            let hours = rng.range(1, 744);
            let price = rng.range(10, 900);
            let used = hours * price;
            line.clear();
            let _ = write!(
                line,
                "{}{{\"billingItemCostId\": \"{}\", \"demandMonth\": \"{month}\", \"memberNo\": 2001234, \"regionCode\": \"{region}\", \
                 \"serviceCode\": \"VSVR\", \"serviceName\": \"Server (VPC)\", \"billingItemGroupCode\": \"VSVR\", \"billingItemGroupName\": \"Server (VPC)\", \
                 \"billingItemCode\": \"VSVR-VSVR\", \"billingItemName\": \"VPC Server\", \"aggregated\": false, \"resourceId\": \"{}\", \
                 \"resourceLineSequence\": 1, \"instanceNo\": {}, \"resourceName\": \"server-{i:07}\", \"priceNo\": 30001, \
                 \"unitUsageQuantity\": {hours}.0, \"freeUnitUsageQuantity\": 0.0, \"totalUnitUsageQuantity\": {hours}.0, \
                 \"usageUnitCode\": \"USAGE_HH\", \"usageUnitName\": \"Hour(s)\", \"unitPrice\": {price}.0, \
                 \"pricingFactors\": [{{\"type\": \"PRODUCT_COUNT\", \"value\": 1}}], \
                 \"payCurrency\": \"KRW\", \"appliedExchangeRate\": 1.0, \"useAmount\": {used}.0, \"useAmountBreakdowns\": [], \
                 \"promiseDiscountAmount\": 0.0, \"promotionDiscountAmount\": 0.0, \"etcDiscountAmount\": 0.0, \"savingsPlanDiscountAmount\": 0.0, \
                 \"productDiscountAmount\": 0.0, \"creditDiscountAmount\": 0.0, \"memberPriceDiscountAmount\": 0.0, \"memberPromiseDiscountAddAmount\": 0.0, \
                 \"penaltyAmount\": 0.0, \"demandAmount\": {used}.0, \"createdDateTime\": \"{month}-28T18:12:05Z\"}}",
                if i == first { "  " } else { ",\n  " },
                880_000_000 + i,
                10_000_000 + i,
                22_000_000 + i,
                month = args.fee_month,
            );
            out.write_all(line.as_bytes())?;
        }
        let next = if page < pages {
            format!("\"{:05}\"", page + 1)
        } else {
            "null".to_string()
        };
        writeln!(out, "],\n \"nextToken\": {next}}}")?;
        out.flush()?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    std::fs::create_dir_all(&args.out)?;
    let mut rng = Rng(args.seed);

    // Days of usage: one row per metered slot and day, the last day possibly partial.
    let days = args.rows.div_ceil(args.metered).max(1);
    let start = args.end - Days::new(days - 1);

    // Each slot: a run of contracts back to back from (before) `start` to past `end`.
    let mut seq = 0u64;
    let mut slots: Vec<Vec<Contract>> = Vec::new();
    for slot in 0..args.metered + args.monthly {
        let metered = slot < args.metered;
        let region = *rng.weighted(REGIONS);
        let mut day = start - Days::new(rng.range(0, 400));
        let mut run = Vec::new();
        // The slot keeps its service across contracts (a server replaced by a server).
        let pick = rng.next() as usize;
        loop {
            seq += 1;
            let life = rng.range(120, 1_800);
            let end = day + Days::new(life - 1);
            let (service, code, unit, price, daily) = if metered {
                let (s, c, u, p, d) = METERED[pick % METERED.len()];
                // Prices vary a little by region and contract; daily use by workload.
                let price = p * rng.range(90, 130) / 100;
                (s, c, u, price, d * rng.range(10, 400) / 100)
            } else {
                let (s, c, p) = MONTHLY[pick % MONTHLY.len()];
                (s, c, "month", p * rng.range(1, 8), 0)
            };
            run.push(Contract {
                no: format!("{region}-{code}-{seq:07}"),
                service,
                region,
                metered,
                price,
                unit,
                start: day,
                end: (end < args.end).then_some(end),
                daily,
            });
            if end >= args.end {
                break;
            }
            day = end + Days::new(1);
        }
        slots.push(run);
    }

    let mut contracts = BufWriter::new(File::create(args.out.join("contracts.csv"))?);
    writeln!(
        contracts,
        "contract_no,service,region,plan,price,unit,start_date,end_date"
    )?;
    let mut line = String::new();
    let mut count = 0u64;
    for c in slots.iter().flatten() {
        line.clear();
        let _ = write!(line, "{},{},{},", c.no, c.service, c.region);
        if c.metered {
            line.push_str("metered,");
            decimal(&mut line, c.price, 4);
        } else {
            let _ = write!(line, "monthly,{}", c.price);
        }
        let _ = write!(line, ",{},{},", c.unit, c.start);
        if let Some(end) = c.end {
            let _ = write!(line, "{end}");
        }
        line.push('\n');
        contracts.write_all(line.as_bytes())?;
        count += 1;
    }
    contracts.flush()?;

    // Usage, day by day: each metered slot's contract of that day.
    let mut usage = BufWriter::with_capacity(1 << 20, File::create(args.out.join("usage.csv"))?);
    writeln!(usage, "contract_no,date,quantity")?;
    let mut current = vec![0usize; args.metered as usize];
    let mut written = 0u64;
    let mut date = start;
    'days: while date <= args.end {
        let date_text = date.format("%Y-%m-%d").to_string();
        // Weekends are quieter for request- and traffic-priced services.
        let weekend = date.weekday().num_days_from_monday() >= 5;
        for (slot, at) in current.iter_mut().enumerate() {
            if written == args.rows {
                break 'days;
            }
            let run = &slots[slot];
            while run[*at].end.is_some_and(|end| end < date) {
                *at += 1;
            }
            let c = &run[*at];
            let mut q = c.daily * rng.range(60, 140) / 100;
            if weekend && c.unit != "hour" {
                q = q * 7 / 10;
            }
            if c.unit == "hour" {
                // Servers mostly run all day; some stop for a few hours.
                q = if rng.range(0, 9) < 8 {
                    24_000
                } else {
                    rng.range(0, 24) * 1_000
                };
            }
            line.clear();
            let _ = write!(line, "{},{date_text},", c.no);
            decimal(&mut line, q, 3);
            line.push('\n');
            usage.write_all(line.as_bytes())?;
            written += 1;
        }
        date = date + Days::new(1);
    }
    usage.flush()?;

    let mut fees_written = 0;
    if args.fee_lines > 0 {
        let mut fees = BufWriter::with_capacity(1 << 20, File::create(args.out.join("fees.csv"))?);
        writeln!(fees, "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount")?;
        for i in 0..args.fee_lines {
            let region = *rng.weighted(REGIONS);
            line.clear();
            if rng.range(0, 4) == 0 {
                let (service, code, price) = MONTHLY[rng.next() as usize % MONTHLY.len()];
                let used = price * rng.range(1, 8);
                let discount = used * rng.range(0, 2) / 10;
                let _ = write!(
                    line,
                    "{},{region},{service},{region}-{code}-F{i:07},Monthly flat rate,1,month,{used},{used},{discount},{}",
                    args.fee_month,
                    used - discount
                );
            } else {
                let (service, code, unit, price, daily) =
                    METERED[rng.next() as usize % METERED.len()];
                let q = daily * 30 * rng.range(10, 200) / 100;
                let used = q * price / 10_000_000;
                let discount = used * rng.range(0, 2) / 10;
                let _ = write!(
                    line,
                    "{},{region},{service},{region}-{code}-F{i:07},Metered ({unit}),",
                    args.fee_month
                );
                decimal(&mut line, q, 3);
                let _ = write!(line, ",{unit},");
                decimal(&mut line, price, 4);
                let _ = write!(line, ",{used},{discount},{}", used - discount);
            }
            line.push('\n');
            fees.write_all(line.as_bytes())?;
            fees_written += 1;
        }
        fees.flush()?;
    }

    if args.v2_lines > 0 {
        v2_item_costs(&args, &mut rng)?;
    }

    println!(
        "start={start} end={} contracts={count} usage_rows={written} fee_lines={fees_written} v2_lines={}",
        args.end, args.v2_lines
    );
    Ok(())
}
