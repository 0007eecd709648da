//! The usage confirmation as a self-contained, printable HTML page (SPEC H5), the page the
//! PDF is printed from (`exchange::confirmation`).
//!
//! One file, no network resources: inline CSS with print rules for A4, system fonts, every
//! text escaped.

use std::fmt::Write as _;

use super::confirmation::Confirmation;
use super::layout::signed;
use ncp_usage_core::money::Krw;

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn won(k: Krw) -> String {
    k.grouped()
}

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt; color: #555; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", Arial, sans-serif;
       color: #111; margin: 0 auto; max-width: 180mm; font-size: 10.5pt; line-height: 1.45; }
header { display: flex; justify-content: space-between; align-items: flex-end;
         border-bottom: 2px solid #03c75a; padding-bottom: 6mm; margin-bottom: 6mm; }
h1 { font-size: 20pt; margin: 0; letter-spacing: 0.02em; }
h2 { font-size: 11pt; margin: 0 0 2mm; }
.brand { font-weight: 700; color: #03c75a; }
.meta { text-align: right; font-size: 9.5pt; }
.meta b { font-family: "DejaVu Sans Mono", monospace; font-size: 10.5pt; }
dl { display: grid; grid-template-columns: 35mm 1fr; gap: 1.5mm 4mm; margin: 0 0 6mm; }
dt { color: #555; }
dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin-bottom: 6mm; }
th, td { border-bottom: 1px solid #ccc; padding: 1.8mm 2mm; }
th { background: #f2f4f5; text-align: left; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; }
tfoot td { font-weight: 700; border-top: 2px solid #111; border-bottom: none; }
.bill td { border: none; padding: 0.5mm 2mm; }
.note { font-size: 9.5pt; color: #333; }
.totals td { border: none; padding: 1mm 2mm; }
.status { display: inline-block; margin-right: 2mm; padding: 0.5mm 3mm; border: 1px solid #111; border-radius: 2mm; font-weight: 600; }
.statement { margin-top: 8mm; }
.seal { margin-top: 12mm; text-align: right; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
"#;

/// The service table, the totals and the sentence under them: in won, or, for a month NCP
/// billed in another currency, NCP's exact figures in it (no VAT per service: NCP gives none).
fn amounts(c: &Confirmation) -> (String, String, &'static str) {
    let mut rows = String::new();
    if let Some(n) = c.other_currency() {
        let code = escape(n.currency.code());
        for l in &c.ncp_lines {
            let [used, discount, estimated] = [
                l.amounts.use_amount,
                l.amounts.discount_amount,
                l.amounts.estimated_payment_amount,
            ]
            .map(|a| escape(&a.grouped()));
            let _ = writeln!(
                rows,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{used}</td><td class=\"n\">{discount}</td><td class=\"n\">{estimated}</td></tr>",
                escape(&l.service),
                escape(&l.region),
            );
        }
        let table = format!(
            r#"<table>
  <thead><tr><th>Service</th><th>Region</th><th class="n">Used ({code})</th><th class="n">Discount ({code})</th><th class="n">Estimated ({code})</th></tr></thead>
  <tbody>
{rows}  </tbody>
  <tfoot><tr><td colspan="2">Total</td><td class="n">{used}</td><td class="n">{discount}</td><td class="n" id="estimated">{estimated}</td></tr></tfoot>
</table>"#,
            used = escape(&n.use_amount.grouped()),
            discount = escape(&n.discount_amount.grouped()),
            estimated = escape(&n.estimated_amount().grouped()),
        );
        let mut totals = String::new();
        let rows = n.total_rows();
        let last = rows.len().saturating_sub(1);
        for (i, (label, amount)) in rows.into_iter().enumerate() {
            // The billed amount, last, in bold as the won totals have it.
            let (open, close) = if i == last { ("<b>", "</b>") } else { ("", "") };
            let _ = writeln!(
                totals,
                "  <tr><td>{open}{}{close}</td><td class=\"n\">{open}{} {code}{close}</td></tr>",
                escape(&label),
                escape(&amount)
            );
        }
        return (
            table,
            totals,
            "The amounts are NCP's, exactly as NCP billed them and in its currency; NCP charges VAT and rounds on the bill as a whole, not per service.",
        );
    }
    for l in &c.lines {
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&l.service),
            escape(&l.region),
            won(l.used_amount),
            won(l.discount_amount),
            won(l.vat_amount),
            won(l.billed_amount)
        );
    }
    let t = &c.totals;
    let table = format!(
        r#"<table>
  <thead><tr><th>Service</th><th>Region</th><th class="n">Used (KRW)</th><th class="n">Discount (KRW)</th><th class="n">VAT (KRW)</th><th class="n">Billed (KRW)</th></tr></thead>
  <tbody>
{rows}  </tbody>
  <tfoot><tr><td colspan="2">Total</td><td class="n">{used}</td><td class="n">{discount}</td><td class="n">{vat}</td><td class="n" id="billed">{billed}</td></tr></tfoot>
</table>"#,
        used = won(t.used_amount),
        discount = won(t.discount_amount + t.rounddown_discount_amount),
        vat = won(t.vat_amount),
        billed = won(t.billed_amount),
    );
    let totals = format!(
        r#"  <tr><td>Monthly used amount</td><td class="n">{used} KRW</td></tr>
  <tr><td>Discounts</td><td class="n">{plain_discount} KRW</td></tr>
  <tr><td>Rounding discount (under 100 won)</td><td class="n">{rounddown} KRW</td></tr>
  <tr><td>VAT (10 %)</td><td class="n">{vat} KRW</td></tr>
  <tr><td><b>Billed amount</b></td><td class="n"><b>{billed} KRW</b></td></tr>
"#,
        used = won(t.used_amount),
        plain_discount = won(t.discount_amount),
        rounddown = won(t.rounddown_discount_amount),
        vat = won(t.vat_amount),
        billed = won(t.billed_amount),
    );
    (
        table,
        totals,
        "Discounts include each service's share of the rounding discount; VAT is shared across services in proportion to their amounts.",
    )
}

/// The payment rows: the ledger's bill in won and what is paid of it; for a month NCP billed
/// in another currency, NCP's bill and its paid-up state first, and the won rows only when
/// something is billed in won (a correction carried in, a penalty).
fn payment(c: &Confirmation) -> String {
    let b = &c.bill;
    let mut bill = String::new();
    if let Some(n) = c.other_currency() {
        let _ = writeln!(
            bill,
            "  <tr><td>Billed by NCP</td><td class=\"n\">{} {}</td></tr>\n  <tr><td>{}</td><td class=\"n\"></td></tr>",
            escape(&n.billed_amount.unwrap_or_default().grouped()),
            escape(n.currency.code()),
            match &n.paid_up_at {
                Some(at) if n.paid_up => format!("Paid up in NCP's portal at {}", escape(at)),
                _ if n.paid_up => "Paid up in NCP's portal".to_string(),
                _ => "Not paid up yet (it is paid in NCP's portal)".to_string(),
            }
        );
        if c.bills_nothing() {
            bill.push_str("  <tr><td>Billed in KRW</td><td class=\"n\">nothing, nothing to pay here</td></tr>\n");
            return bill;
        }
    }
    let _ = writeln!(
        bill,
        "  <tr><td>Bill of {}</td><td class=\"n\">{} KRW</td></tr>",
        c.month,
        won(b.billed_amount)
    );
    if !b.carried_in.is_empty() {
        let _ = writeln!(
            bill,
            "  <tr><td>&nbsp;&nbsp;of which {} usage, as billed</td><td class=\"n\">{} KRW</td></tr>",
            c.month,
            won(b.usage_amount)
        );
        for a in &b.carried_in {
            let _ = writeln!(
                bill,
                "  <tr><td>&nbsp;&nbsp;correction of {} carried into this bill</td><td class=\"n\">{} KRW</td></tr>",
                a.month,
                signed(a.amount)
            );
        }
    }
    if !b.penalty_amount.is_zero() {
        let _ = writeln!(
            bill,
            "  <tr><td>Late penalties</td><td class=\"n\">{} KRW</td></tr>",
            won(b.penalty_amount)
        );
    }
    let _ = writeln!(
        bill,
        "  <tr><td>Paid</td><td class=\"n\" id=\"paid\">{} KRW</td></tr>\n  <tr><td>Unpaid</td><td class=\"n\">{} KRW</td></tr>",
        won(b.paid_amount),
        won(b.unpaid_amount)
    );
    bill
}

/// The payment status shown: the won bill's, or, for a month NCP billed in another currency
/// that bills nothing in won, NCP's paid-up state (the won bill's "paid" would say nothing).
fn shown_status(c: &Confirmation) -> String {
    match c.other_currency() {
        Some(n) if c.bills_nothing() => if n.paid_up { "paid" } else { "not paid up" }.to_string(),
        _ => c.payment_status.clone(),
    }
}

/// The document as one HTML page.
pub fn html(c: &Confirmation) -> String {
    let (table, totals, shares) = amounts(c);
    let m = &c.member;
    let b = &c.bill;
    let bill = payment(c);
    let mut company = String::new();
    if let Some(biz) = &c.business {
        if let Some(name) = &biz.company {
            let _ = write!(
                company,
                "\n  <dt>Company</dt><dd id=\"company\">{}</dd>",
                escape(name)
            );
        }
        if let Some(no) = &biz.business_no {
            let _ = write!(
                company,
                "\n  <dt>Business registration no.</dt><dd id=\"business-no\">{}</dd>",
                escape(no)
            );
        }
    }
    let mut notes = String::new();
    if let Some(n) = &c.ncp_bill {
        let billed = n.billed_amount.unwrap_or_default();
        if n.payable_here && billed != c.totals.billed_amount.into() {
            let _ = writeln!(
                notes,
                "<p class=\"note\">NCP's own bill of {} is {} {}, as NCP wrote it; the amounts above are it in whole won.</p>",
                c.month,
                escape(&billed.grouped()),
                escape(n.currency.code()),
            );
        }
    }
    for a in &c.corrections {
        let _ = writeln!(
            notes,
            "<p class=\"note\">A correction of {} KRW to {}'s usage was recorded after its bill was issued; it is {}, and paid with that bill. The lines above show the usage as corrected.</p>",
            signed(a.amount),
            c.month,
            match a.carried_into {
                Some(into) => format!("carried into the bill of {into}"),
                None => "carried into the next bill issued".to_string(),
            }
        );
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Usage confirmation {number}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
  <div><div class="brand">NAVER Cloud Platform</div><h1>Usage confirmation</h1></div>
  <div class="meta">Confirmation no. <b id="number">{number}</b><br>Issued on {issued}{reissue}</div>
</header>
<dl>
  <dt>Member</dt><dd id="member">{name} ({member_type})</dd>{company}
  <dt>Email</dt><dd>{email}</dd>
  <dt>Usage month</dt><dd>{month}</dd>
  <dt>Period of usage</dt><dd>{from} – {to}</dd>
  <dt>Payment status</dt><dd><span class="status" id="status">{status}</span> {settled} (the bill of {month})</dd>
</dl>
{table}
<table class="totals">
{totals}</table>
<h2>Payment</h2>
<table class="bill">
{bill}</table>
{notes}
<p class="statement">This confirms that the member above used NAVER Cloud Platform services in the period stated, for the amounts listed. {shares}</p>
<p class="seal">Issued by ncp-usage on {issued} · {number}</p>
</body>
</html>
"#,
        number = escape(&c.number),
        issued = escape(&c.issued_on),
        reissue = if c.times_issued > 1 {
            format!("<br>Reissue no. {}", c.times_issued - 1)
        } else {
            String::new()
        },
        name = escape(&c.member_name),
        settled = if c.bills_nothing() {
            if c.other_currency().is_some() {
                "— nothing billed in KRW, nothing to pay here".to_string()
            } else {
                "— nothing billed, nothing to pay".to_string()
            }
        } else {
            format!(
                "paid {} KRW of {} KRW",
                won(b.paid_amount),
                won(b.billed_amount + b.penalty_amount)
            )
        },
        member_type = m.member_type.as_str(),
        email = escape(&m.email),
        month = c.month,
        from = c.period.from,
        to = c.period.to,
        status = escape(&shown_status(c)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h5_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
