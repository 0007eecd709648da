//! Reading NCP's own billing data: the JSON bodies of the Billing API (v1 and v2), as saved
//! files (`import ncp`) or fetched by `sync` (SPEC §11, `reference/ncp-billing-api.md`).
//!
//! The kind of body is told by its wrapper key. Every value is read as NCP's type pages type
//! it, and a value of another JSON type is refused, never converted (README, "NCP bodies are
//! read by their documented types"): amounts, quantities and rates are JSON numbers (v1
//! `Double`/`Float`, v2's examples), booleans JSON booleans, ids and codes texts (v2's
//! `memberNo` an integer), CommonCode fields `{code, codeName}` objects (v1), months v1
//! `yyyyMM` and v2 `yyyy-MM`, instants v1 `2024-06-01T08:00:00+0900` and v2 RFC 3339. What
//! real v1 bodies do send is kept: both field generations (`memberNo`/`loginId`,
//! `rounddownDiscountAmount`/`under100DiscountAmount` + `under1000DiscountAmount`), and `""`
//! or `{}` for an absent value (v2 writes null). Every error names the JSON path of the value
//! at fault.

use rust_decimal::Decimal;
use serde_json::Value;

use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::ncp::{Api, Body, ContractSummary, DemandCost, Discounts, Page};
use ncp_usage_core::billing::ncp_detail::{Detail, Details, NcpDetail};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;

/// A value at a JSON path, read by the types of the API its body belongs to.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) value: &'a Value,
    pub(super) path: &'a str,
    pub(super) api: Api,
}

pub(super) fn fail(path: &str, expected: &str, got: &Value) -> Error {
    let shown = match got {
        Value::Null => "null".to_string(),
        Value::String(s) => format!("the text {}", super::strict_csv::shown(s)),
        Value::Number(n) => format!("the number {n}"),
        Value::Bool(b) => format!("{b}"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    };
    Error::invalid(format!("{path}: expected {expected}, got {shown}"))
}

impl<'a> At<'a> {
    /// `value` at `path`, of the same body (read by the same API's types).
    pub(super) fn at<'b>(&self, value: &'b Value, path: &'b str) -> At<'b> {
        At {
            value,
            path,
            api: self.api,
        }
    }

    /// The field, `None` when absent: missing or null, and in v1 also `""` or `{}` (what
    /// real v1 bodies send for an absent value).
    pub(super) fn field(&self, name: &str) -> Option<&'a Value> {
        match self.value.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() && self.api == Api::V1 => None,
            Some(Value::Object(o)) if o.is_empty() && self.api == Api::V1 => None,
            Some(v) => Some(v),
        }
    }

    pub(super) fn path(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }

    pub(super) fn missing(&self, name: &str) -> Error {
        Error::invalid(format!("{}: a required field is missing", self.path(name)))
    }

    /// The field's value is not what its type says.
    fn wrong(&self, name: &str, expected: &str) -> Error {
        fail(
            &self.path(name),
            expected,
            self.value.get(name).unwrap_or(&Value::Null),
        )
    }

    /// `read(name)`, which must have found a value.
    pub(super) fn required<T>(&self, name: &str, read: Result<Option<T>>) -> Result<T> {
        read?.ok_or_else(|| self.missing(name))
    }

    /// A `String`: a JSON text only (a number is refused: ids are texts).
    pub(super) fn text(&self, name: &str) -> Result<Option<String>> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(_) => Err(self.wrong(name, "a text")),
        }
    }

    pub(super) fn required_text(&self, name: &str) -> Result<String> {
        self.required(name, self.text(name))
    }

    /// An `Integer` (int64), e.g. v2's `memberNo`, `resourceLineSequence`.
    pub(super) fn integer(&self, name: &str) -> Result<Option<i64>> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_str()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| self.wrong(name, "an integer")),
            Some(_) => Err(self.wrong(name, "an integer")),
        }
    }

    /// A `Double`, `Float` or `Integer` as an exact decimal: a JSON number only, its digits
    /// as NCP sent them (serde_json's arbitrary precision), never through a float.
    pub(super) fn decimal(&self, name: &str) -> Result<Option<Decimal>> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::Number(n)) => parse_number(n.as_str())
                .map(Some)
                .ok_or_else(|| self.wrong(name, OUT_OF_RANGE)),
            Some(_) => Err(self.wrong(name, "a number")),
        }
    }

    /// [`Self::decimal`] as an [`Exact`] figure, with no ceiling (quantities, v2 rows).
    pub(super) fn number(&self, name: &str) -> Result<Option<Exact>> {
        Ok(self.decimal(name)?.map(Exact))
    }

    pub(super) fn required_number(&self, name: &str) -> Result<Exact> {
        self.required(name, self.number(name))
    }

    /// A month: v1 `yyyyMM` (`202405`), v2 `yyyy-MM` (`2026-06`), as each API documents it.
    pub(super) fn month(&self, name: &str) -> Result<Month> {
        let text = self.required_text(name)?;
        let (parsed, format) = match self.api {
            Api::V1 => (parse_month(&text), "yyyyMM"),
            Api::V2 => (
                text.parse::<Month>()
                    .ok()
                    .filter(|_| text.len() == 7 && text.as_bytes()[4] == b'-'),
                "yyyy-MM",
            ),
        };
        parsed.ok_or_else(|| self.wrong(name, &format!("a month {format}")))
    }

    /// An instant as the API writes it ([`Api::parse_instant`]), with NCP's text.
    fn instant_and_text(&self, name: &str) -> Result<Option<(Instant, String)>> {
        let Some(text) = self.text(name)? else {
            return Ok(None);
        };
        match self.api.parse_instant(&text) {
            Some(at) => Ok(Some((at, text))),
            None => Err(self.wrong(
                name,
                &format!("a date and time like {}", self.api.instant_example()),
            )),
        }
    }

    pub(super) fn instant(&self, name: &str) -> Result<Option<Instant>> {
        Ok(self.instant_and_text(name)?.map(|(at, _)| at))
    }

    /// An instant checked, kept as NCP wrote it.
    pub(super) fn instant_text(&self, name: &str) -> Result<Option<String>> {
        Ok(self.instant_and_text(name)?.map(|(_, text)| text))
    }

    /// A `Boolean`: JSON `true` or `false` only; absent is false.
    pub(super) fn bool(&self, name: &str) -> Result<bool> {
        match self.field(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.wrong(name, "true or false")),
        }
    }

    /// An exact amount as NCP sent it (fractions kept), within the ledger's ceiling (M1).
    pub(super) fn exact(&self, name: &str) -> Result<Option<Exact>> {
        let Some(d) = self.decimal(name)? else {
            return Ok(None);
        };
        if d.abs() > Decimal::from(ncp_usage_core::money::MAX_WON) {
            return Err(self.wrong(
                name,
                &format!(
                    "an amount up to {} won",
                    ncp_usage_core::money::MAX_WON_TEXT
                ),
            ));
        }
        Ok(Some(Exact(d)))
    }

    /// An exact amount, 0 when NCP sent none.
    fn amount(&self, name: &str) -> Result<Exact> {
        Ok(self.exact(name)?.unwrap_or(Exact::ZERO))
    }

    pub(super) fn required_exact(&self, name: &str) -> Result<Exact> {
        self.required(name, self.exact(name))
    }

    /// A rate (VAT, late penalty) as the fraction the program works with (0.1): v1 sends the
    /// fraction itself, from 0 to 1; v2 a percent (10.0), from 0 to 100. A rate outside its
    /// range is refused naming the unit its API wants: 1.5 in v1 is a percent given where a
    /// fraction belongs (150 %), and a negative rate would pay the late payer.
    fn rate(&self, name: &str) -> Result<Option<Exact>> {
        let Some(rate) = self.exact(name)? else {
            return Ok(None);
        };
        let (top, unit) = match self.api {
            Api::V1 => (Decimal::ONE, "a fraction from 0 to 1 (0.1 is 10 %)"),
            Api::V2 => (
                Decimal::ONE_HUNDRED,
                "a percent from 0 to 100 (10.0 is 10 %)",
            ),
        };
        if rate.value().is_sign_negative() && !rate.is_zero() || rate.value() > top {
            return Err(self.wrong(name, unit));
        }
        Ok(Some(match self.api {
            Api::V1 => rate,
            Api::V2 => Exact((rate.value() / top).normalize()),
        }))
    }

    /// The first of `names` (the fields NCP's type page marks Required, in its order) this
    /// row lacks — absent, null, or in v1 `""` or `{}` — as an error at its path. Checked once
    /// the row is read, so a value of the wrong type earlier in the row is reported first.
    fn require(&self, names: &[&str]) -> Result<()> {
        match names.iter().find(|n| self.field(n).is_none()) {
            Some(name) => Err(self.missing(name)),
            None => Ok(()),
        }
    }

    /// A code field's code and name: in v1 a CommonCode `{code, codeName}` object (only an
    /// object: `common-vapidatatype-commoncode`), in v2 a plain code (its name, when NCP
    /// gives one, is a field of its own).
    pub(super) fn common_code(&self, name: &str) -> Result<Option<(String, Option<String>)>> {
        let Some(v) = self.field(name) else {
            return Ok(None);
        };
        if self.api == Api::V2 {
            return Ok(self.text(name)?.map(|code| (code, None)));
        }
        if !v.is_object() {
            return Err(self.wrong(name, "a CommonCode object {code, codeName}"));
        }
        let path = self.path(name);
        let o = self.at(v, &path);
        Ok(Some((o.required_text("code")?, o.text("codeName")?)))
    }

    /// The code of a [`Self::common_code`] field.
    pub(super) fn code(&self, name: &str) -> Result<Option<String>> {
        Ok(self.common_code(name)?.map(|(code, _)| code))
    }

    /// `payCurrency`: a CommonCode (v1) or a code (v2); KRW when absent. NCP sends ISO 4217
    /// codes in capitals (`KRW`, `USD`, `JPY`); anything else (`krw`, `won`) is a body NCP did
    /// not write, refused rather than guessed at.
    pub(super) fn currency(&self, name: &str) -> Result<Currency> {
        let Some(code) = self.code(name)? else {
            return Ok(Currency::krw());
        };
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            let path = if self.api == Api::V2 {
                self.path(name)
            } else {
                format!("{}.code", self.path(name))
            };
            return Err(fail(
                &path,
                "a currency code as NCP sends it, three capital letters (KRW, USD, JPY)",
                &Value::String(code),
            ));
        }
        Ok(Currency::new(&code))
    }

    /// A [`Self::common_code`] field as one label: the name, else the code.
    pub(super) fn label(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .common_code(name)?
            .map(|(code, label)| label.unwrap_or(code)))
    }

    /// The object under `name`, which must be there and be an object.
    pub(super) fn required_object(&self, name: &str) -> Result<&'a Value> {
        match self.field(name) {
            None => Err(self.missing(name)),
            Some(v) if v.is_object() => Ok(v),
            Some(_) => Err(self.wrong(name, "an object")),
        }
    }

    /// The list under `name` (empty when absent), for [`each`] with `self.path(name)`.
    pub(super) fn list(&self, name: &str) -> Result<&'a [Value]> {
        match self.field(name) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(self.wrong(name, "a list")),
        }
    }
}

/// The object under `name` of `at`, as an [`At`] with its own path (the path is kept in
/// `path`, which must outlive the result).
pub(super) fn inner<'a>(at: At<'a>, name: &str, path: &'a mut String) -> Result<At<'a>> {
    let value = at.required_object(name)?;
    *path = at.path(name);
    Ok(at.at(value, path))
}

/// A JSON number's text to an exact decimal; refuses huge exponents.
/// What a JSON number no exact decimal holds is refused as: too large, too small or too long
/// (1e30 is past rust_decimal's 79,228,162,514,264,337,593,543,950,335), whether written in
/// digits or with an exponent.
const OUT_OF_RANGE: &str = "a number of at most 28 digits, below 7.9e28 (out of range for an \
exact decimal, in digits or exponent notation)";

fn parse_number(text: &str) -> Option<Decimal> {
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    Decimal::from_str_exact(text)
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// `202405`: v1's months, and the form `sync` asks them in.
pub fn parse_month(text: &str) -> Option<Month> {
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{}-{}", &text[..4], &text[4..]).parse().ok();
    }
    None
}

/// Parses one body; `source` names it in messages (a file name or an API action).
pub fn parse(bytes: &[u8], source: &str) -> Result<Page> {
    // A body saved by a Windows editor starts with a byte order mark; JSON has none, so it is
    // dropped (as the CSV readers do) rather than reported as JSON that is not well-formed.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_eof() {
            "the JSON ends too early (a truncated body?)"
        } else {
            "not well-formed JSON"
        };
        Error::invalid(format!(
            "{source}: {what} at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    parse_value(&value).map_err(|e| e.context(source))
}

fn parse_value(value: &Value) -> Result<Page> {
    let Value::Object(top) = value else {
        return Err(fail("$", "an object", value));
    };
    if let Some(err) = top.get("error") {
        return Err(super::ncp_v2::error(err, None));
    }
    if let Some(page) = super::ncp_v2::parse_list(top)? {
        return Ok(page);
    }
    let known = [
        ("getDemandCostListResponse", "demandCostList"),
        ("getProductDemandCostListResponse", "productDemandCostList"),
        (
            "getContractDemandCostListResponse",
            "contractDemandCostList",
        ),
        ("getContractSummaryListResponse", "contractSummaryList"),
        (
            "getContractUsageListByDailyResponse",
            "contractUsageListByDaily",
        ),
        ("getCreditHistoryListResponse", "creditHistoryList"),
        ("getCoinHistoryListResponse", "coinHistoryList"),
        (
            "getProductDiscountHistoryListResponse",
            "productDiscountHistoryList",
        ),
        // The DiscountList type documents its list as `demandCostList` (SOURCES.md).
        ("getDiscountListResponse", "demandCostList"),
    ];
    let Some((wrapper, list_key, inner)) = known
        .iter()
        .find_map(|(w, l)| top.get(*w).map(|inner| (*w, *l, inner)))
    else {
        let keys: Vec<&str> = top.keys().map(String::as_str).take(5).collect();
        return Err(Error::invalid(format!(
            "$: not an NCP Billing API body this version reads (its keys: {}); expected getDemandCostListResponse, getProductDemandCostListResponse, getContractDemandCostListResponse, getContractSummaryListResponse, getContractUsageListByDailyResponse, getCreditHistoryListResponse, getCoinHistoryListResponse, getProductDiscountHistoryListResponse, getDiscountListResponse or a v2 body (demandCosts, billingItemGroupCosts, billingItemCosts, costRelationCodes, creditDiscounts, coinDiscounts, productDiscounts)",
            if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
        )));
    };
    let path = format!("$.{wrapper}");
    let at = At {
        value: inner,
        path: &path,
        api: Api::V1,
    };
    let code = at
        .text("returnCode")?
        .ok_or_else(|| at.missing("returnCode"))?;
    if code != "0" {
        // NCP's own message beside a failing code may still read "success": quote it as NCP's.
        let said = match at.text("returnMessage")? {
            Some(m) if !m.is_empty() => format!(" with the message '{m}'"),
            _ => String::new(),
        };
        return Err(Error::invalid(format!(
            "{path}.returnCode: NCP answered the error code {code}{said}; only code 0 is an answer with data, so nothing was read"
        )));
    }
    let total_rows = match at.decimal("totalRows")? {
        Some(d) => Some(
            rust_decimal::prelude::ToPrimitive::to_u64(&d)
                .ok_or_else(|| fail(&at.path("totalRows"), "a count", &Value::Null))?,
        ),
        None => None,
    };
    let list_path = format!("{path}.{list_key}");
    let list = inner.get(list_key).unwrap_or(&Value::Null);
    let list = if list.is_null() {
        &Value::Array(Vec::new())
    } else {
        list
    };
    let body = match (wrapper, list_key) {
        ("getCreditHistoryListResponse", _) => {
            Body::Credits(each(list, &list_path, super::ncp_discount::credit_history)?)
        }
        ("getCoinHistoryListResponse", _) => {
            Body::Coins(each(list, &list_path, super::ncp_discount::coin_history)?)
        }
        ("getProductDiscountHistoryListResponse", _) => Body::ProductDiscounts(each(
            list,
            &list_path,
            super::ncp_discount::product_discount_history,
        )?),
        ("getDiscountListResponse", _) => {
            Body::Discounts(each(list, &list_path, super::ncp_discount::discount)?)
        }
        (_, "demandCostList") => Body::DemandCosts(each(list, &list_path, demand_cost)?),
        (_, "productDemandCostList") => Body::ProductCosts(each(list, &list_path, product_cost)?),
        (_, "contractDemandCostList") => {
            Body::ContractCosts(each(list, &list_path, contract_cost)?)
        }
        (_, "contractSummaryList") => {
            Body::ContractSummaries(each(list, &list_path, contract_summary)?)
        }
        _ => Body::DailyUsage(each(list, &list_path, super::ncp_daily::row)?),
    };
    Ok(Page {
        body,
        total_rows,
        next_token: None,
        list_path,
    })
}

/// Each object of the v1 list `list` at `path`, read by `f` with its own path.
pub(super) fn each<T>(list: &Value, path: &str, f: impl Fn(At<'_>) -> Result<T>) -> Result<Vec<T>> {
    let Value::Array(items) = list else {
        return Err(fail(path, "a list", list));
    };
    each_of(items, path, Api::V1, f)
}

/// Each object of `items` (the list at `path` of an `api` body), read by `f` with its own path.
pub(super) fn each_of<T>(
    items: &[Value],
    path: &str,
    api: Api,
    f: impl Fn(At<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    items
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let p = format!("{path}[{i}]");
            if !value.is_object() {
                return Err(fail(&p, "an object", value));
            }
            f(At {
                value,
                path: &p,
                api,
            })
        })
        .collect()
}

fn demand_cost(at: At<'_>) -> Result<DemandCost> {
    // Read in the order of the body, so the first problem is the one reported.
    let month = at.month("demandMonth")?;
    let mut d = DemandCost::empty(month, Api::V1);
    d.use_amount = at.required_exact("useAmount")?;
    // Older bodies split the rounding discount in two.
    let rounddown = if at.field("rounddownDiscountAmount").is_some() {
        at.amount("rounddownDiscountAmount")?
    } else {
        let under100 = at.amount("under100DiscountAmount")?;
        add_exact(
            at,
            "under1000DiscountAmount",
            under100,
            at.amount("under1000DiscountAmount")?,
        )?
    };
    d.discounts = discounts(at, rounddown, "coinUseAmount")?;
    d.default_amount = at.amount("defaultAmount")?;
    // Documented as required, and NCP's own demand check needs it: never taken as absent.
    d.demand_amount = Some(at.required_exact("thisMonthDemandAmount")?);
    d.vat_rate = at.rate("thisMonthVatRatio")?;
    d.vat_amount = at.amount("thisMonthVatAmount")?;
    let billed = at.required_exact("thisMonthAmountIncludingVat")?;
    non_negative_bill(at, "thisMonthAmountIncludingVat", billed)?;
    d.including_vat = Some(billed);
    d.total_demand = at.exact("totalDemandAmount")?;
    d.overdue_plus = at.exact("overduePlusAmount")?;
    d.this_month_overdue = at.exact("thisMonthOverdueAmount")?;
    d.total_overdue = at.exact("totalOverdueAmount")?;
    d.overdue_ratio = at.rate("overdueRatio")?;
    d.member = match at.text("memberNo")? {
        Some(m) => Some(m),
        None => at.text("loginId")?,
    };
    d.demand_no = at.text("demandNo")?;
    d.integration_demand_no = at.text("integrationDemandNo")?;
    d.previous_demand_no = at.text("beforeMonthDemandNo")?;
    d.attribute = at.code("demandAttribute")?;
    d.currency = at.currency("payCurrency")?;
    d.exchange_rate = at.exact("thisMonthAppliedExchangeRate")?;
    d.paid_up = at.bool("isPaidUp")?;
    d.paid_up_at = at.instant("paidUpDate")?;
    d.overdue_at = at.instant("overdueOccurDate")?;
    d.written_at = at.instant("writeDate")?;
    at.require(V1_REQUIRED)?;
    // Each generation names the member and the rounding its own way; one of them is there.
    if at.field("memberNo").is_none() {
        at.require(&["loginId"])
            .map_err(|_| at.missing("memberNo"))?;
    }
    if at.field("rounddownDiscountAmount").is_none() {
        at.require(&["under100DiscountAmount", "under1000DiscountAmount"])
            .map_err(|_| at.missing("rounddownDiscountAmount"))?;
    }
    Ok(d)
}

/// What `common-vapidatatype-demandcost` marks Required and every real v1 body sends. Kept
/// out (README, "Required fields of a bill"): `memberNo` and `rounddownDiscountAmount`, which
/// older bodies send as `loginId` and `under100`/`under1000DiscountAmount` (checked above);
/// `currencyDiscountAmount`, `payCurrency` and `thisMonthAppliedExchangeRate`, which the
/// public 2022 response omits (fixtures/ncp/SOURCES.md); and the ids and dates whose `""`
/// means "none" (`integrationDemandNo`, `beforeMonthDemandNo`, `paidUpDate`,
/// `overdueOccurDate`).
const V1_REQUIRED: &[&str] = &[
    "demandMonth",
    "demandNo",
    "demandAttribute",
    "useAmount",
    "promiseDiscountAmount",
    "promotionDiscountAmount",
    "etcDiscountAmount",
    "customerDiscountAmount",
    "productDiscountAmount",
    "creditDiscountAmount",
    "coinUseAmount",
    "defaultAmount",
    "thisMonthDemandAmount",
    "thisMonthVatRatio",
    "thisMonthVatAmount",
    "thisMonthAmountIncludingVat",
    "totalDemandAmount",
    "isPaidUp",
    "overduePlusAmount",
    "overdueRatio",
    "thisMonthOverdueAmount",
    "totalOverdueAmount",
    "writeDate",
    "memberPriceDiscountAmount",
    "memberPromiseDiscountAddAmount",
];

/// The figures of `pub-billing-v2-type-demandcost` (its example gives each a value; the
/// type page marks them Required), and the bill's member, month, id and creation. Nullable
/// there, so not here: `integrationDemandCostId`, `previousMonthDemandCostId`,
/// `paidUpDateTime`, `overdueOccurDateTime`.
const V2_REQUIRED: &[&str] = &[
    "memberNo",
    "demandMonth",
    "demandCostId",
    "demandAttribute",
    "useAmount",
    "promiseDiscountAmount",
    "promotionDiscountAmount",
    "etcDiscountAmount",
    "savingsPlanDiscountAmount",
    "customerDiscountAmount",
    "productDiscountAmount",
    "creditDiscountAmount",
    "memberPriceDiscountAmount",
    "memberPromiseDiscountAddAmount",
    "roundDownDiscountAmount",
    "currencyDiscountAmount",
    "coinUseAmount",
    "penaltyAmount",
    "demandAmount",
    "vatRate",
    "vatAmount",
    "demandAmountIncludingVat",
    "totalDemandAmount",
    "paidUp",
    "overduePlusAmount",
    "overdueRate",
    "overdueAmount",
    "totalOverdueAmount",
    "payCurrency",
    "appliedExchangeRate",
    "createdDateTime",
];

/// One DemandCost of v2 `/demand-costs`, read by the same v2 types as every v2 row
/// (`pub-billing-v2-type-demandcost`).
pub(super) fn demand_cost_v2(at: At<'_>) -> Result<DemandCost> {
    let month = at.month("demandMonth")?;
    let mut d = DemandCost::empty(month, Api::V2);
    d.member = at.integer("memberNo")?.map(|m| m.to_string());
    d.demand_no = at.text("demandCostId")?;
    d.integration_demand_no = at.text("integrationDemandCostId")?;
    d.previous_demand_no = at.text("previousMonthDemandCostId")?;
    d.attribute = at.text("demandAttribute")?;
    d.use_amount = at.required_exact("useAmount")?;
    let rounddown = at.amount("roundDownDiscountAmount")?;
    d.discounts = discounts(at, rounddown, "coinUseAmount")?;
    // `penaltyAmount` stands where v1 has `defaultAmount` (위약금, a charge such as a
    // cancellation fee, before the demand); the late penalty is `overduePlusAmount` in both.
    d.default_amount = at.amount("penaltyAmount")?;
    d.demand_amount = at.exact("demandAmount")?;
    // v2's rates are percents (vatRate 10.0, overdueRate 1.0 is 1 %): fractions here.
    d.vat_rate = at.rate("vatRate")?;
    d.vat_amount = at.amount("vatAmount")?;
    let billed = at.required_exact("demandAmountIncludingVat")?;
    non_negative_bill(at, "demandAmountIncludingVat", billed)?;
    d.including_vat = Some(billed);
    d.total_demand = at.exact("totalDemandAmount")?;
    d.paid_up = at.bool("paidUp")?;
    d.paid_up_at = at.instant("paidUpDateTime")?;
    d.overdue_at = at.instant("overdueOccurDateTime")?;
    d.overdue_plus = at.exact("overduePlusAmount")?;
    d.overdue_ratio = at.rate("overdueRate")?;
    d.this_month_overdue = at.exact("overdueAmount")?;
    d.total_overdue = at.exact("totalOverdueAmount")?;
    d.currency = at.currency("payCurrency")?;
    d.exchange_rate = at.exact("appliedExchangeRate")?;
    d.written_at = at.instant("createdDateTime")?;
    at.require(V2_REQUIRED)?;
    Ok(d)
}

/// Every discount of a bill, both API generations (v1 has no savings plan, v2 no
/// under-100/under-1000 split); their sum must stay within the ledger's ceiling (M1),
/// refused at the field that carried it over.
fn discounts(at: At<'_>, rounddown: Exact, coin: &str) -> Result<Discounts> {
    let d = Discounts {
        promise: at.amount("promiseDiscountAmount")?,
        promotion: at.amount("promotionDiscountAmount")?,
        etc: at.amount("etcDiscountAmount")?,
        savings_plan: at.amount("savingsPlanDiscountAmount")?,
        customer: at.amount("customerDiscountAmount")?,
        product: at.amount("productDiscountAmount")?,
        credit: at.amount("creditDiscountAmount")?,
        member_price: at.amount("memberPriceDiscountAmount")?,
        member_promise: at.amount("memberPromiseDiscountAddAmount")?,
        rounddown,
        currency: at.amount("currencyDiscountAmount")?,
        coin: at.amount(coin)?,
    };
    let fields = [
        "promiseDiscountAmount",
        "promotionDiscountAmount",
        "etcDiscountAmount",
        "savingsPlanDiscountAmount",
        "customerDiscountAmount",
        "productDiscountAmount",
        "creditDiscountAmount",
        "memberPriceDiscountAmount",
        "memberPromiseDiscountAddAmount",
        "rounddownDiscountAmount",
        "currencyDiscountAmount",
        coin,
    ];
    let mut total = Exact::ZERO;
    for (field, (_, amount)) in fields.iter().zip(d.named()) {
        total = add_exact(at, field, total, amount)?;
    }
    Ok(d)
}

/// `a + b` of one row, or an error at `field` when the sum is beyond what the ledger holds.
fn add_exact(at: At<'_>, field: &str, a: Exact, b: Exact) -> Result<Exact> {
    a.checked_add(b)
        .filter(|t| t.value().abs() <= Decimal::from(ncp_usage_core::money::MAX_WON))
        .ok_or_else(|| {
            Error::invalid(format!(
                "{}: the amounts of this row add up to more than {} won, more than the ledger holds",
                at.path(field),
                ncp_usage_core::money::MAX_WON_TEXT
            ))
        })
}

/// A bill's amount is 0 or more (never a negative bill).
fn non_negative_bill(at: At<'_>, field: &str, amount: Exact) -> Result<()> {
    if amount.value().is_sign_negative() && !amount.is_zero() {
        return Err(fail(
            &at.path(field),
            "a billed amount of 0 won or more",
            at.value.get(field).unwrap_or(&Value::Null),
        ));
    }
    Ok(())
}

/// The discounts of a per-service or per-contract row.
const ROW_DISCOUNTS: &[&str] = &[
    "promiseDiscountAmount",
    "promotionDiscountAmount",
    "etcDiscountAmount",
    "productDiscountAmount",
    "creditDiscountAmount",
    "memberPriceDiscountAmount",
    "memberPromiseDiscountAddAmount",
];

/// The region of a row that names none (older product rows, the docs' XML example): empty
/// in the ledger; tables show it as `(none)` and JSON as null.
pub const NO_REGION: &str = "";

/// A GiB in bytes: `productSize` counts bytes, storage prices are per GiB.
const GIB: i64 = 1 << 30;

/// A row's whole-won columns from NCP's exact figures (M2): used, and the discounts (at most
/// what was used).
fn row_amounts(at: At<'_>, detail: &NcpDetail) -> Result<(Krw, Krw)> {
    let to_krw = |e: Exact, field: &str| {
        e.to_krw().ok_or_else(|| {
            fail(
                &at.path(field),
                &format!(
                    "an amount up to {} won",
                    ncp_usage_core::money::MAX_WON_TEXT
                ),
                at.value.get(field).unwrap_or(&Value::Null),
            )
        })
    };
    let used = to_krw(detail.use_amount().unwrap_or(Exact::ZERO), "useAmount")?;
    let mut discount = Exact::ZERO;
    for field in ROW_DISCOUNTS {
        discount = add_exact(at, field, discount, at.amount(field)?)?;
    }
    let discount = to_krw(discount, "promiseDiscountAmount")?.min(used);
    Ok((used, discount))
}

fn product_cost(at: At<'_>) -> Result<FeeLine> {
    let tpath = at.path("productDemandType");
    let t = at.at(at.required_object("productDemandType")?, &tpath);
    let code = t.required_text("code")?;
    let name = t.text("codeName")?.unwrap_or_else(|| code.clone());
    at.required_exact("useAmount")?;
    let month = at.month("demandMonth")?;
    let region = t.text("regionCode")?;
    let mut detail = line_detail(at)?;
    detail.set("level", Detail::from("product"));
    detail.set("service_code", Detail::from(code.as_str()));
    detail.set("service_name", Detail::from(name.as_str()));
    detail.set("region", region.clone().map(Detail::from));
    let (used, discount) = row_amounts(at, &detail)?;
    Ok(FeeLine {
        month,
        region: region.unwrap_or_else(|| NO_REGION.to_string()),
        service: name.clone(),
        contract_no: code,
        item: format!("{name} (NCP)"),
        quantity: Decimal::ONE,
        unit: "month".to_string(),
        unit_price: used.to_decimal(),
        used_amount: used,
        discount_amount: discount,
        estimated_payment_amount: used - discount,
        ncp: Some(detail),
    })
}

/// NCP's figures of a per-service or per-contract row, exact: use, demand and default
/// amounts and each discount it sent, with the member and the exchange rate. Each caller adds
/// the row's `level` (`product`, `contract`), which tells the views whether NCP named a
/// contract behind it.
fn line_detail(at: At<'_>) -> Result<NcpDetail> {
    let mut d = NcpDetail::new(at.currency("payCurrency")?);
    let member = match at.text("memberNo")? {
        Some(m) => Some(m),
        None => at.text("loginId")?,
    };
    d.set("member_no", member.map(Detail::from));
    d.set("use_amount", at.exact("useAmount")?.map(Detail::from));
    d.set("demand_amount", at.exact("demandAmount")?.map(Detail::from));
    d.set(
        "default_amount",
        at.exact("defaultAmount")?.map(Detail::from),
    );
    d.set(
        "exchange_rate",
        at.exact("thisMonthAppliedExchangeRate")?.map(Detail::from),
    );
    // Checked as an instant (Page::check compares it with --as-of), kept as NCP wrote it.
    d.set(
        "written_at",
        at.instant_text("writeDate")?.map(Detail::from),
    );
    let mut discounts = Details::new();
    for field in ROW_DISCOUNTS {
        if let Some(amount) = at.exact(field)? {
            discounts.insert(discount_key(field), Detail::from(amount));
        }
    }
    d.set("discounts", Detail::Object(discounts));
    Ok(d)
}

/// `promotionDiscountAmount` → `promotion`, `memberPromiseDiscountAddAmount` →
/// `member_promise`: the discount's name as the ledger spells it.
pub(super) fn discount_key(field: &str) -> String {
    // `trim_end_matches`, spelt with `strip_suffix`: a substring search set up for every
    // field of a million lines cost more than the rest of the name.
    let mut name = field;
    while let Some(rest) = name.strip_suffix("DiscountAddAmount") {
        name = rest;
    }
    while let Some(rest) = name.strip_suffix("DiscountAmount") {
        name = rest;
    }
    snake(name)
}

/// `productSizeType` → `product_size_type`.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A JSON value of NCP's as detail: numbers exact, `{code, codeName}` objects and lists kept
/// whole, empty values (`""`, `{}`, null) left out.
fn detail_of(v: &Value) -> Option<Detail> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(Detail::from(s.as_str())),
        Value::Bool(b) => Some(Detail::from(*b)),
        Value::Number(n) => parse_number(&n.to_string()).map(|d| Detail::from(Exact(d))),
        Value::Array(items) => Some(Detail::List(items.iter().filter_map(detail_of).collect())),
        Value::Object(o) if o.is_empty() => None,
        Value::Object(o) => Some(Detail::Object(
            o.iter()
                .filter_map(|(k, v)| Some((snake(k), detail_of(v)?)))
                .collect(),
        )),
    }
}

/// The decimals a unit price made of NCP's price per GiB and a size is kept to.
const PRICE_DIGITS: u32 = 10;

fn contract_cost(at: At<'_>) -> Result<FeeLine> {
    let contract_value = at.required_object("contract")?;
    let cpath = at.path("contract");
    let contract = at.at(contract_value, &cpath);
    let contract_no = contract.required_text("contractNo")?;
    let service = at
        .label("demandType")?
        .unwrap_or_else(|| "NCP service".to_string());
    let item = at
        .label("demandTypeDetail")?
        .unwrap_or_else(|| service.clone());
    let region = match at.text("regionCode")? {
        Some(r) => Some(r),
        None => contract.text("regionCode")?,
    };
    let unit = at.label("usageUnit")?.unwrap_or_else(|| "unit".to_string());
    let use_amount = at.required_exact("useAmount")?;
    let quantity = at
        .decimal("totalUnitUsageQuantity")?
        .or(at.decimal("unitUsageQuantity")?)
        .unwrap_or(Decimal::ONE);
    let price = at.decimal("productPrice")?.unwrap_or_default();
    let month = at.month("demandMonth")?;
    let mut detail = line_detail(at)?;
    detail.set("level", Detail::from("contract"));
    detail.set("service_code", at.code("demandType")?.map(Detail::from));
    detail.set("service_name", Detail::from(service.as_str()));
    detail.set("item_code", at.code("demandTypeDetail")?.map(Detail::from));
    detail.set("item_name", Detail::from(item.as_str()));
    detail.set("region", region.clone().map(Detail::from));
    for field in [
        "unitUsageQuantity",
        "packageUnitUsageQuantity",
        "totalUnitUsageQuantity",
        "productPrice",
    ] {
        detail.set(&snake(field), at.exact(field)?.map(Detail::from));
    }
    detail.set("usage_unit", at.value.get("usageUnit").and_then(detail_of));
    // The contract as NCP described it: status, dates, instance, its products with their
    // productSize (bytes).
    detail.set("contract", detail_of(contract_value));
    let size_gib = size_factor(at, contract_value, quantity, price, use_amount)?;
    detail.set("size_gib", size_gib.map(|g| Detail::from(Exact(g))));
    let (used, discount) = row_amounts(at, &detail)?;
    // The unit price shown is the one that makes the amount: productPrice per GiB times the
    // product's size (90 hours × 0.16 × 1000 GiB = 14,400 is 90 × 160). NCP's productPrice
    // is kept exactly as NCP sent it (0.10125, never 0.1012); only a size that is no whole
    // number of GiB can make the product longer than a price is written with.
    let unit_price = match size_gib {
        Some(gib) => price
            .checked_mul(gib)
            .map(|p| p.round_dp(PRICE_DIGITS))
            .unwrap_or(price),
        None => price,
    };
    Ok(FeeLine {
        month,
        region: region.unwrap_or_else(|| NO_REGION.to_string()),
        service,
        contract_no,
        item,
        quantity: quantity.round_dp(3).normalize(),
        unit,
        unit_price: unit_price.normalize(),
        used_amount: used,
        discount_amount: discount,
        estimated_payment_amount: used - discount,
        ncp: Some(detail),
    })
}

/// The size in GiB that enters a contract row's amount, if one does: NCP prices storage per
/// GiB and gives the size in bytes (`contractProductList[].productSize`), so a row whose
/// quantity × productPrice falls short of its useAmount by exactly its size is priced by
/// size (90 × 0.16 × 1000 GiB = 14,400). Otherwise (no size, or the amount is quantity ×
/// price already) `None`.
fn size_factor(
    at: At<'_>,
    contract: &Value,
    quantity: Decimal,
    price: Decimal,
    use_amount: Exact,
) -> Result<Option<Decimal>> {
    let Some(Value::Array(products)) = contract.get("contractProductList") else {
        return Ok(None);
    };
    let mut bytes = Decimal::ZERO;
    for (i, p) in products.iter().enumerate() {
        let path = format!("{}.contract.contractProductList[{i}]", at.path);
        bytes += at.at(p, &path).decimal("productSize")?.unwrap_or_default();
    }
    if bytes.is_zero() || price.is_zero() {
        return Ok(None);
    }
    let gib = bytes / Decimal::from(GIB);
    let priced = quantity.checked_mul(price).and_then(|a| a.checked_mul(gib));
    let matches =
        |amount: Option<Decimal>| amount.is_some_and(|a| Exact(a).to_krw() == use_amount.to_krw());
    Ok((matches(priced) && !matches(quantity.checked_mul(price))).then(|| gib.normalize()))
}

fn contract_summary(at: At<'_>) -> Result<ContractSummary> {
    let code_name = |name: &str| -> Result<(String, String)> {
        let (code, label) = at.required(name, at.common_code(name))?;
        let label = label.unwrap_or_else(|| code.clone());
        Ok((code, label))
    };
    let (contract_type, contract_type_name) = code_name("contractType")?;
    let (status, _) = code_name("contractStatus")?;
    let count = at
        .decimal("contractCount")?
        .ok_or_else(|| at.missing("contractCount"))?;
    Ok(ContractSummary {
        month: match (at.field("contractMonth"), at.field("demandMonth")) {
            (Some(_), _) => Some(at.month("contractMonth")?),
            (None, Some(_)) => Some(at.month("demandMonth")?),
            (None, None) => None,
        },
        region: at.required_text("regionCode")?,
        contract_type,
        contract_type_name,
        status,
        contracts: rust_decimal::prelude::ToPrimitive::to_i64(&count)
            .filter(|c| *c >= 0)
            .ok_or_else(|| fail(&at.path("contractCount"), "a count", &Value::Null))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ncp_usage_core::clock;

    #[test]
    fn m1_bills_below_zero_or_past_the_ceiling_are_refused_at_their_path() {
        let bill = |fields: &str| {
            format!(
                r#"{{"getDemandCostListResponse": {{"returnCode": "0", "totalRows": 1,
                  "demandCostList": [{{"demandMonth": "202405", "useAmount": 1000,
                  "thisMonthDemandAmount": 1000, {fields}}}]}}}}"#
            )
        };
        let e = parse(
            bill(r#""thisMonthVatAmount": 0, "thisMonthAmountIncludingVat": -100"#).as_bytes(),
            "x.json",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("demandCostList[0].thisMonthAmountIncludingVat: expected a billed amount of 0 won or more"),
            "{e}"
        );
        let e = parse(
            bill(r#""promiseDiscountAmount": 600000000000000, "promotionDiscountAmount": 600000000000000"#)
                .as_bytes(),
            "x.json",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("demandCostList[0].promotionDiscountAmount: the amounts of this row add up to more than 10^15 won"),
            "{e}"
        );
    }

    /// A documented bill (v1 `demand-cost-2024-05.json`, v2 `v2/demand-cost-2026-06.json`)
    /// with `set` fields set and `drop` fields taken out.
    fn bill(api: Api, set: Value, drop: &[&str]) -> Vec<u8> {
        let (file, list) = match api {
            Api::V1 => (
                "demand-cost-2024-05.json",
                "/getDemandCostListResponse/demandCostList/0",
            ),
            Api::V2 => ("v2/demand-cost-2026-06.json", "/demandCosts/0"),
        };
        let mut body: Value = serde_json::from_slice(&fixture(file)).unwrap();
        let row = body.pointer_mut(list).unwrap().as_object_mut().unwrap();
        for name in drop {
            row.remove(*name);
        }
        for (k, v) in set.as_object().unwrap() {
            row.insert(k.clone(), v.clone());
        }
        serde_json::to_vec(&body).unwrap()
    }

    #[test]
    fn a_body_with_a_byte_order_mark_is_read() {
        let mut marked = b"\xEF\xBB\xBF".to_vec();
        marked.extend_from_slice(&fixture("demand-cost-2024-05.json"));
        let page = parse(&marked, "x.json").unwrap();
        assert_eq!(page.body.len(), 1);
    }

    #[test]
    fn a_bill_without_its_demand_is_refused_at_its_path() {
        let body = br#"{"getDemandCostListResponse": {"returnCode": "0", "totalRows": 1,
          "demandCostList": [{"demandMonth": "202405", "useAmount": 1000,
                              "thisMonthAmountIncludingVat": 1100}]}}"#;
        let e = parse(body, "x.json").unwrap_err().to_string();
        assert!(
            e.contains("x.json: $.getDemandCostListResponse.demandCostList[0].thisMonthDemandAmount: a required field is missing"),
            "{e}"
        );
    }

    #[test]
    fn r7_rows_for_a_month_after_now_are_refused_at_their_path() {
        let body = bill(Api::V1, serde_json::json!({"demandMonth": "203001"}), &[]);
        let page = parse(&body, "x.json").unwrap();
        let now = clock::parse_as_of("2024-06-20").unwrap();
        let e = page.check(now, "x.json").unwrap_err().to_string();
        assert_eq!(
            e,
            "x.json: $.getDemandCostListResponse.demandCostList[0].demandMonth: expected a month up to 2024-06 (the month of --as-of), got 2030-01; NCP has no figures for a month that has not happened"
        );
        let later = clock::parse_as_of("2030-01-20").unwrap();
        assert!(page.check(later, "x.json").is_ok());
    }

    #[test]
    fn reads_the_reference_example() {
        let body = br#"{"getProductDemandCostListResponse": {
          "requestId": "0", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
          "productDemandCostList": [
            {"memberNo": "1000001", "demandMonth": "202405",
             "productDemandType": {"code": "VSVR", "codeName": "Server(VPC)", "regionCode": "KR"},
             "useAmount": 120000, "promotionDiscountAmount": 20000, "promiseDiscountAmount": 0,
             "etcDiscountAmount": 0, "productDiscountAmount": 0, "creditDiscountAmount": 0,
             "defaultAmount": 0, "demandAmount": 100000, "writeDate": "2024-06-01T08:00:00+0900",
             "memberPriceDiscountAmount": 0, "memberPromiseDiscountAddAmount": 0,
             "payCurrency": {"code": "KRW", "codeName": "South Korea Won"},
             "thisMonthAppliedExchangeRate": 1}]}}"#;
        let page = parse(body, "x.json").unwrap();
        assert_eq!(page.total_rows, Some(1));
        let Body::ProductCosts(lines) = page.body else {
            panic!()
        };
        assert_eq!(lines[0].service, "Server(VPC)");
        assert_eq!(lines[0].region, "KR");
        assert_eq!(lines[0].used_amount, Krw::new(120_000));
        assert_eq!(lines[0].discount_amount, Krw::new(20_000));
        assert_eq!(lines[0].estimated_payment_amount, Krw::new(100_000));
        assert_eq!(lines[0].month.to_string(), "2024-05");
    }

    #[test]
    fn errors_name_the_json_path() {
        let e = parse(br#"{"getDemandCostListResponse": {"returnCode": "0", "demandCostList": [{"demandMonth": "202405", "useAmount": "lots"}]}}"#, "f.json").unwrap_err();
        assert_eq!(e.message, "f.json: $.getDemandCostListResponse.demandCostList[0].useAmount: expected a number, got the text 'lots'");
        let e = parse(br#"{"getDemandCostListResponse": {"returnCode": "0", "demandCostList": [{"demandMonth": "202405"}]}}"#, "f.json").unwrap_err();
        assert!(
            e.message
                .ends_with("demandCostList[0].useAmount: a required field is missing"),
            "{}",
            e.message
        );
        let e = parse(
            br#"{"getDemandCostListResponse": {"returnCode": "1000", "returnMessage": "bad"}}"#,
            "f.json",
        )
        .unwrap_err();
        assert!(
            e.message.contains(
                "returnCode: NCP answered the error code 1000 with the message 'bad'; only code 0"
            ),
            "{}",
            e.message
        );
        let e = parse(
            br#"{"getDemandCostListResponse": {"returnCode": "0", "demandCostList": [{"#,
            "f.json",
        )
        .unwrap_err();
        assert!(e.message.contains("ends too early"), "{}", e.message);
        let e = parse(br#"{"somethingElse": {}}"#, "f.json").unwrap_err();
        assert!(
            e.message.contains("not an NCP Billing API body")
                && e.message.contains("somethingElse"),
            "{}",
            e.message
        );
    }

    #[test]
    fn accepts_both_field_generations_and_odd_empties() {
        // The public 2022 generation: loginId, the rounding split in two, no currency fields.
        let old = serde_json::json!({"loginId": "old@example.com", "demandMonth": "202201",
           "useAmount": 10099.0, "promotionDiscountAmount": 0, "under100DiscountAmount": 99,
           "under1000DiscountAmount": 0, "thisMonthDemandAmount": 10000,
           "thisMonthVatAmount": 1000, "thisMonthAmountIncludingVat": 11000,
           "totalDemandAmount": 11000, "isPaidUp": true,
           "paidUpDate": "2022-02-10T10:00:00+0900", "overdueOccurDate": "", "overdueRatio": 0.0,
           "writeDate": "2022-02-01T00:00:00+0900"});
        let gone = [
            "memberNo",
            "rounddownDiscountAmount",
            "currencyDiscountAmount",
            "payCurrency",
            "thisMonthAppliedExchangeRate",
        ];
        let body = bill(Api::V1, old.clone(), &gone);
        let Body::DemandCosts(rows) = parse(&body, "old.json").unwrap().body else {
            panic!()
        };
        let d = &rows[0];
        assert_eq!(d.member.as_deref(), Some("old@example.com"));
        assert_eq!(d.discounts.rounddown, "99".parse().unwrap());
        assert_eq!(d.billed(), Some("11000".parse().unwrap()));
        assert!(d.paid_up);
        assert_eq!(
            clock::rfc3339(d.paid_up_at.unwrap()),
            "2022-02-10T10:00:00+09:00"
        );
        assert_eq!(d.overdue_ratio, Some(Exact::ZERO));
        assert_eq!(d.overdue_at, None);
        // Either generation's member and rounding, but one of them.
        for (field, named) in [
            ("loginId", "memberNo"),
            ("under1000DiscountAmount", "rounddownDiscountAmount"),
        ] {
            let mut without = old.clone();
            without.as_object_mut().unwrap().remove(field);
            let body = bill(Api::V1, without, &[&gone[..], &[field]].concat());
            let e = parse(&body, "old.json").unwrap_err().message;
            assert!(
                e.ends_with(&format!(
                    "demandCostList[0].{named}: a required field is missing"
                )),
                "{e}"
            );
        }
    }

    #[test]
    fn reads_v2_demand_costs() {
        let body = bill(
            Api::V2,
            serde_json::json!({"demandAmountIncludingVat": 55000, "overdueRate": 1.5,
                "createdDateTime": "2024-06-01T00:00:00Z"}),
            &[],
        );
        let page = parse(&body, "v2.json").unwrap();
        assert_eq!(page.next_token, None);
        let Body::DemandCosts(rows) = page.body else {
            panic!()
        };
        assert_eq!(rows[0].billed(), Some("55000".parse().unwrap()));
        // v2 rates are percents: 1.5 is 1.5 %.
        assert_eq!(rows[0].overdue_ratio, Some("0.015".parse().unwrap()));
        assert_eq!(
            clock::rfc3339(rows[0].written_at.unwrap()),
            "2024-06-01T09:00:00+09:00"
        );
    }

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../fixtures/ncp")
                .join(name),
        )
        .unwrap()
    }

    fn e(s: &str) -> Exact {
        s.parse().unwrap()
    }

    /// pub-billing-v2-type-demandcost, the documented example: every field kept, exactly;
    /// rates are percents (10.0 → 0.1).
    #[test]
    fn v2_documented_demand_cost_keeps_every_field_exactly() {
        let page = parse(&fixture("v2/demand-cost-2026-06.json"), "v2.json").unwrap();
        let Body::DemandCosts(rows) = page.body else {
            panic!()
        };
        let d = &rows[0];
        assert_eq!(d.api, Api::V2);
        assert_eq!(d.member.as_deref(), Some("2001234"));
        assert_eq!(d.previous_demand_no.as_deref(), Some("660001122"));
        assert_eq!(d.attribute.as_deref(), Some("GENERAL"));
        assert_eq!(d.use_amount, e("293208"));
        assert_eq!(d.discounts.product, e("13888.8"));
        assert_eq!(d.discounts.credit, e("124999.2"));
        assert_eq!(d.vat_rate, Some(e("0.1")));
        assert_eq!(d.overdue_ratio, Some(Exact::ZERO));
        assert_eq!(d.overdue_plus, Some(Exact::ZERO));
        assert_eq!(d.total_demand, Some(e("152776.8")));
        assert_eq!(d.exchange_rate, Some(e("1")));
        assert!(d.currency.is_krw() && d.paid_up);
        let unpaid = parse(&fixture("v2/demand-cost-2026-06-unpaid.json"), "u.json").unwrap();
        let Body::DemandCosts(rows) = unpaid.body else {
            panic!()
        };
        assert_eq!(rows[0].discounts.savings_plan, e("1000"));
        assert_eq!(rows[0].overdue_ratio, Some(e("0.01")));
    }

    /// The public BST contract page: CommonCode objects, the contract as NCP described it,
    /// and the productSize factor in the unit price (90 × 0.16 × 1000 GiB = 14,400).
    #[test]
    fn v1_contract_rows_keep_the_contract_and_the_product_size() {
        let page = parse(
            &fixture("v1/contract-demand-bst-2022-01-page1.json"),
            "c.json",
        )
        .unwrap();
        assert_eq!(page.total_rows, Some(52));
        let Body::ContractCosts(lines) = page.body else {
            panic!()
        };
        let l = &lines[0];
        assert_eq!(
            (l.quantity, l.unit_price),
            (Decimal::from(90), Decimal::from(160))
        );
        assert_eq!(l.used_amount, Krw::new(14_400));
        assert_eq!(l.unit, "Usage time(Prorated)");
        let d = l.ncp.as_ref().unwrap();
        assert_eq!(d.text("member_no"), Some("klaytn@hongikit.com"));
        assert_eq!(d.text("service_code"), Some("BST"));
        assert_eq!(d.exact("size_gib"), Some(e("1000")));
        assert_eq!(d.exact("product_price"), Some(e("0.16")));
        let Some(Detail::Object(contract)) = d.fields.get("contract") else {
            panic!()
        };
        assert_eq!(
            contract.get("instance_name"),
            Some(&Detail::from("klaytn-en1"))
        );
        let Some(Detail::List(products)) = contract.get("contract_product_list") else {
            panic!()
        };
        let Detail::Object(p) = &products[0] else {
            panic!()
        };
        assert_eq!(
            p.get("product_size"),
            Some(&Detail::from(e("1073741824000")))
        );
    }

    /// Older product rows have no regionCode: the empty region, never "-".
    #[test]
    fn v1_product_rows_without_a_region_have_the_empty_region() {
        let page = parse(&fixture("v1/product-demand-2022-01.json"), "p.json").unwrap();
        let Body::ProductCosts(lines) = page.body else {
            panic!()
        };
        assert_eq!(lines[1].region, NO_REGION);
        assert_eq!(lines[1].ncp.as_ref().unwrap().text("region"), None);
        assert_eq!(lines[0].region, "KR");
        assert_eq!(
            discount_key("memberPromiseDiscountAddAmount"),
            "member_promise"
        );
        assert_eq!(discount_key("promotionDiscountAmount"), "promotion");
    }

    /// A USD bill: payCurrency's code and the exchange rate are kept with the fractions.
    #[test]
    fn v1_non_krw_bill_keeps_its_currency() {
        let page = parse(&fixture("v1/demand-cost-2024-06-usd.json"), "usd.json").unwrap();
        let Body::DemandCosts(rows) = page.body else {
            panic!()
        };
        assert_eq!(rows[0].currency.code(), "USD");
        assert_eq!(rows[0].exchange_rate, Some(e("1380.5")));
        assert_eq!(rows[0].use_amount, e("123.45"));
        assert_eq!(rows[0].differences(), vec![]);
    }
}
