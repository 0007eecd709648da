//! A month's statement: fee lines summed per service and region, then the month's totals
//! with the 100-won rounding discount and VAT (SPEC H1, M2, M3).
//!
//! Totals are sums of lines that were already truncated, so a total always equals the sum of
//! the rows shown; the only rounding at this level is M2's cut to a multiple of 100 won,
//! which is shown as its own discount.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facts::FeeLine;
use crate::money::{round_down_to_hundred, vat, Krw, MAX_WON_TEXT};

/// Where a month's fee lines came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Rated by ncp-usage from contracts and usage.
    Rated,
    /// Imported as a statement (`import fees`), shown as given.
    Imported,
    /// NCP's own figures (`import ncp`, `sync`): its bill, and its lines where it sent them.
    Ncp,
}

impl From<Source> for super::issued::BillSource {
    /// The bill a month's statement becomes (P1) is marked with where its lines came from.
    fn from(source: Source) -> Self {
        match source {
            Source::Rated => super::issued::BillSource::Rated,
            Source::Imported => super::issued::BillSource::Imported,
            Source::Ncp => super::issued::BillSource::Ncp,
        }
    }
}

/// The three amounts every row of the history shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Amounts {
    /// Monthly used amount.
    pub used_amount: Krw,
    /// Discounts.
    pub discount_amount: Krw,
    /// Used − discounts.
    pub estimated_payment_amount: Krw,
}

impl Amounts {
    /// Adds a line with checked arithmetic (M1); `None` when a sum would pass the ceiling.
    /// Never clamped: a sum held at the ceiling would hide the error (imports refuse such
    /// months).
    fn add_line(&mut self, line: &FeeLine) -> Option<()> {
        self.used_amount = self.used_amount.checked_add(line.used_amount)?;
        self.discount_amount = self.discount_amount.checked_add(line.discount_amount)?;
        self.estimated_payment_amount = self
            .estimated_payment_amount
            .checked_add(line.estimated_payment_amount)?;
        Some(())
    }
}

/// M1: a month whose totals would pass [`crate::money::MAX_WON`]. Imports refuse what could lead to one
/// (exit 2), so a stored month never does; if one is met, it is an error, never a total held
/// at the ceiling.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("M1: the {month} totals would come to more than {MAX_WON_TEXT} won, more than the ledger holds; correct the prices, quantities or amounts imported for {month}")]
pub struct OverCeiling {
    /// The month of the lines (`the month` when there were none).
    pub month: String,
}

/// One service in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRow {
    /// Service name.
    pub service: String,
    /// Region code.
    pub region: String,
    /// Its amounts.
    #[serde(flatten)]
    pub amounts: Amounts,
    /// How many contracts stand behind the row; `None` (JSON `null`) for NCP's per-service
    /// figures, which name no contract.
    pub contracts: Option<usize>,
    /// How many contracts and fee lines stand behind the row, in words.
    pub details: String,
}

/// One region's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionRow {
    /// Region code.
    pub region: String,
    /// Its amounts.
    #[serde(flatten)]
    pub amounts: Amounts,
}

/// The month's bill before payments: M2's rounding discount and M3's VAT.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sum of the used amounts.
    pub used_amount: Krw,
    /// Sum of the discounts.
    pub discount_amount: Krw,
    /// Used − discounts: the sum of the rows' estimated payment amounts.
    pub estimated_payment_amount: Krw,
    /// The part under 100 won cut off before VAT (M2).
    pub rounddown_discount_amount: Krw,
    /// 10 % of the rounded amount, truncated (M3).
    pub vat_amount: Krw,
    /// Rounded amount + VAT.
    pub billed_amount: Krw,
}

/// The month summed up from its fee lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// One row per (service, region), ordered by region then service.
    pub services: Vec<ServiceRow>,
    /// One row per region in use, ordered by region code.
    pub regions: Vec<RegionRow>,
    /// The month's totals over every region.
    pub totals: Totals,
}

/// M2, M3: totals of a month from the sum of its estimated payment amounts; `None` when the
/// bill with VAT would pass [`crate::money::MAX_WON`] (M1).
pub fn totals_of(amounts: Amounts) -> Option<Totals> {
    let (kept, rounddown) = round_down_to_hundred(amounts.estimated_payment_amount.clamp_zero());
    let vat_amount = vat(kept);
    Some(Totals {
        used_amount: amounts.used_amount,
        discount_amount: amounts.discount_amount,
        estimated_payment_amount: amounts.estimated_payment_amount,
        rounddown_discount_amount: rounddown,
        vat_amount,
        billed_amount: kept.checked_add(vat_amount)?,
    })
}

/// H1: sums fee lines per service and region, per region, and for the month. Every sum is
/// checked (M1): a month whose sums or bill would pass [`crate::money::MAX_WON`] is an error, never
/// clamped — what imports refuse, so a stored month never is one.
pub fn summarize(lines: &[FeeLine]) -> Result<Statement, OverCeiling> {
    let over = || OverCeiling {
        month: lines
            .first()
            .map_or_else(|| "the month".to_string(), |l| l.month.to_string()),
    };
    let mut services: BTreeMap<(&str, &str), (Amounts, Vec<&FeeLine>)> = BTreeMap::new();
    let mut regions: BTreeMap<&str, Amounts> = BTreeMap::new();
    let mut all = Amounts::default();
    // Lines come by region and service: each run of one service and region finds its
    // entries once, not a string-keyed search per line (a wide month has 34,000 lines and
    // 60 services). The sums are the same line by line, in the same order.
    for run in lines.chunk_by(|a, b| a.region == b.region && a.service == b.service) {
        let first = &run[0];
        let service = services
            .entry((first.region.as_str(), first.service.as_str()))
            .or_default();
        let region = regions.entry(first.region.as_str()).or_default();
        for line in run {
            service.0.add_line(line).ok_or_else(over)?;
            service.1.push(line);
            region.add_line(line).ok_or_else(over)?;
            all.add_line(line).ok_or_else(over)?;
        }
    }
    Ok(Statement {
        services: services
            .into_iter()
            .map(|((region, service), (amounts, lines))| ServiceRow {
                service: service.to_string(),
                region: region.to_string(),
                amounts,
                contracts: count_contracts(&lines),
                details: describe(&lines),
            })
            .collect(),
        regions: regions
            .into_iter()
            .map(|(region, amounts)| RegionRow {
                region: region.to_string(),
                amounts,
            })
            .collect(),
        totals: totals_of(all).ok_or_else(over)?,
    })
}

/// H1: the totals a month shows. A month NCP billed shows NCP's own totals (its rounding,
/// VAT and bill-level discounts), not ones recomputed from its per-service lines.
pub fn shown_totals(summed: Totals, ncp_billed: Option<Totals>) -> Totals {
    ncp_billed.unwrap_or(summed)
}

/// The levels of NCP's lines that stand for a whole service (v1 getProductDemandCostList,
/// v2 billing-item-group costs): NCP names no contract behind them. Its per-contract (v1) and
/// per-resource (v2 item) lines do.
const PER_SERVICE_LEVELS: [&str; 2] = ["product", "group"];

/// Whether a line is one of NCP's per-service figures: its detail's `level` (v1) says so, or,
/// as v2's details name no level, it is a billing-item group's line (a group code and no
/// item code, as v2's sums tell a group from an item). Such a line names no contract,
/// quantity or price: its `contract_no` holds NCP's service code, its quantity and price are
/// placeholders, and no view shows them as a contract's.
pub fn is_per_service(l: &FeeLine) -> bool {
    l.ncp.as_ref().is_some_and(|d| match d.text("level") {
        Some(level) => PER_SERVICE_LEVELS.contains(&level),
        None => d.text("group_code").is_some() && d.text("item_code").is_none(),
    })
}

/// The distinct contracts behind lines, leaving out NCP's per-service figures.
fn contracts_of<'a>(lines: &[&'a FeeLine]) -> Vec<&'a str> {
    let mut contracts: Vec<&str> = lines
        .iter()
        .filter(|l| !is_per_service(l))
        .map(|l| l.contract_no.as_str())
        .collect();
    contracts.sort_unstable();
    contracts.dedup();
    contracts
}

fn count_contracts(lines: &[&FeeLine]) -> Option<usize> {
    (!lines.iter().all(|l| is_per_service(l))).then(|| contracts_of(lines).len())
}

/// "2 contracts, 3 fee lines" — the portal's Details column, in words. A row of NCP's
/// per-service figures says what NCP gives: the service's code.
fn describe(lines: &[&FeeLine]) -> String {
    if lines.iter().all(|l| is_per_service(l)) {
        let mut codes: Vec<&str> = lines.iter().map(|l| l.contract_no.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        return format!("NCP service {}", codes.join(", "));
    }
    let contracts = contracts_of(lines);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if contracts.len() == lines.len() {
        plural(contracts.len(), "contract", "contracts")
    } else {
        format!(
            "{}, {}",
            plural(contracts.len(), "contract", "contracts"),
            plural(lines.len(), "fee line", "fee lines")
        )
    }
}

/// Splits `total` over rows in proportion to `weights`, in whole won, so that the shares add
/// up to `total` exactly: each share is truncated, and the won left over go one by one to
/// the rows with the largest remainders (earlier rows first on ties).
pub fn allocate_proportionally(total: Krw, weights: &[Krw]) -> Vec<Krw> {
    let sum: i128 = weights
        .iter()
        .map(|w| i128::from(w.clamp_zero().won()))
        .sum();
    if sum == 0 || weights.is_empty() {
        let mut out = vec![Krw::ZERO; weights.len()];
        if let Some(first) = out.first_mut() {
            *first = total;
        }
        return out;
    }
    let t = i128::from(total.won());
    let mut shares: Vec<(usize, i128, i128)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let num = t * i128::from(w.clamp_zero().won());
            (i, num / sum, num % sum)
        })
        .collect();
    let mut left = t - shares.iter().map(|s| s.1).sum::<i128>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].2.cmp(&shares[a].2).then(a.cmp(&b)));
    for i in order {
        if left <= 0 {
            break;
        }
        shares[i].1 += 1;
        left -= 1;
    }
    shares
        .into_iter()
        .map(|(_, s, _)| Krw::new(i64::try_from(s).unwrap_or(i64::MAX)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn line(region: &str, service: &str, contract: &str, used: i64, discount: i64) -> FeeLine {
        FeeLine {
            month: "2024-02".parse().unwrap(),
            region: region.into(),
            service: service.into(),
            contract_no: contract.into(),
            item: "x".into(),
            quantity: dec!(1),
            unit: "day".into(),
            unit_price: dec!(1),
            used_amount: Krw::new(used),
            discount_amount: Krw::new(discount),
            estimated_payment_amount: Krw::new(used - discount),
            ncp: None,
        }
    }

    #[test]
    fn m1_a_month_beyond_the_ceiling_is_not_a_statement() {
        let max = crate::money::MAX_WON;
        let over = Err(OverCeiling {
            month: "2024-02".to_string(),
        });
        // The wrap: sums that pass i64 no longer come back negative or as 0 won.
        let lines: Vec<FeeLine> = (0..10_000)
            .map(|i| line("KR", "Server", &format!("C{i}"), max, 0))
            .collect();
        assert_eq!(summarize(&lines), over);
        // Two lines of 7×10^14: their sum is an error, never held at the ceiling.
        let pair = [
            line("KR", "Server", "A", 700_000_000_000_000, 0),
            line("KR", "Server", "B", 700_000_000_000_000, 0),
        ];
        assert_eq!(summarize(&pair), over);
        // Two lines of half the ceiling fit as a month, but their bill with VAT does not.
        let two = [
            line("KR", "Server", "A", max / 2, 0),
            line("KR", "Server", "B", max / 2, 0),
        ];
        assert_eq!(summarize(&two), over);
        let ok = [line("KR", "Server", "A", max / 2, 0)];
        assert_eq!(
            summarize(&ok).unwrap().totals.billed_amount,
            Krw::new(550_000_000_000_000)
        );
        // Just under: 909,090,909,090,900 + 10 % VAT = 999,999,999,999,990.
        let under = [
            line("KR", "Server", "A", 454_545_454_545_450, 0),
            line("KR", "Server", "B", 454_545_454_545_450, 0),
        ];
        let t = summarize(&under).unwrap().totals;
        assert_eq!(t.used_amount, Krw::new(909_090_909_090_900));
        assert_eq!(t.vat_amount, Krw::new(90_909_090_909_090));
        assert_eq!(t.billed_amount, Krw::new(999_999_999_999_990));
    }

    #[test]
    fn h5_shares_add_up_to_the_total() {
        let w = [Krw::new(41_379), Krw::new(8_400)];
        let vat = allocate_proportionally(Krw::new(4_970), &w);
        assert_eq!(vat, [Krw::new(4_131), Krw::new(839)]);
        let cut = allocate_proportionally(Krw::new(79), &w);
        assert_eq!(cut.iter().copied().sum::<Krw>(), Krw::new(79));
        assert_eq!(
            allocate_proportionally(Krw::new(10), &[Krw::ZERO, Krw::ZERO]),
            [Krw::new(10), Krw::ZERO]
        );
        assert_eq!(
            allocate_proportionally(Krw::new(3), &[Krw::new(1), Krw::new(1), Krw::new(1)]),
            [Krw::new(1); 3]
        );
    }

    #[test]
    fn m2_m3_february_figures() {
        let s = summarize(&[
            line("KR", "Server", "A", 41_379, 0),
            line("KR", "Load Balancer", "B", 8_400, 0),
        ])
        .unwrap();
        assert_eq!(
            s.totals,
            Totals {
                used_amount: Krw::new(49_779),
                discount_amount: Krw::ZERO,
                estimated_payment_amount: Krw::new(49_779),
                rounddown_discount_amount: Krw::new(79),
                vat_amount: Krw::new(4_970),
                billed_amount: Krw::new(54_670),
            }
        );
    }

    #[test]
    fn h1_rows_per_service_and_region_add_up_to_totals() {
        let s = summarize(&[
            line("SGN", "Server", "S1", 1_000, 100),
            line("KR", "Server", "K1", 2_000, 0),
            line("KR", "Server", "K2", 3_050, 50),
            line("KR", "CDN+", "K3", 999, 0),
        ])
        .unwrap();
        let keys: Vec<_> = s
            .services
            .iter()
            .map(|r| {
                (
                    r.region.as_str(),
                    r.service.as_str(),
                    r.amounts.estimated_payment_amount.won(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("KR", "CDN+", 999),
                ("KR", "Server", 5_000),
                ("SGN", "Server", 900)
            ]
        );
        assert_eq!(s.services[1].details, "2 contracts");
        assert_eq!(s.regions.len(), 2);
        assert_eq!(s.regions[0].amounts.used_amount, Krw::new(6_049));
        let sum: Krw = s
            .services
            .iter()
            .map(|r| r.amounts.estimated_payment_amount)
            .sum();
        assert_eq!(sum, s.totals.estimated_payment_amount);
        assert_eq!(s.totals.estimated_payment_amount, Krw::new(6_899));
        assert_eq!(s.totals.rounddown_discount_amount, Krw::new(99));
        assert_eq!(s.totals.billed_amount, Krw::new(6_800 + 680));
    }

    #[test]
    fn h1_a_month_ncp_billed_shows_ncp_totals() {
        let summed = summarize(&[line("KR", "Server", "1", 1_250, 0)])
            .unwrap()
            .totals;
        let ncp = Totals {
            billed_amount: Krw::new(1_100),
            ..summed
        };
        assert_eq!(shown_totals(summed, Some(ncp)), ncp);
        assert_eq!(shown_totals(summed, None), summed);
    }
}
