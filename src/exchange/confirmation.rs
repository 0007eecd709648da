//! The usage confirmation as a self-contained, printable HTML page (SPEC H5), and as PDF
//! through a headless Chromium when one is installed.
//!
//! One file, no network resources: inline CSS with print rules for A4, system fonts, every
//! text escaped. The same page is what the PDF is printed from.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};
use crate::money::Krw;
use crate::report::confirmation::Confirmation;

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
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", Arial, sans-serif;
       color: #111; margin: 0 auto; max-width: 180mm; font-size: 10.5pt; line-height: 1.45; }
header { display: flex; justify-content: space-between; align-items: flex-end;
         border-bottom: 2px solid #03c75a; padding-bottom: 6mm; margin-bottom: 6mm; }
h1 { font-size: 20pt; margin: 0; letter-spacing: 0.02em; }
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
tfoot td { font-weight: 700; border-top: 2px solid #111; border-bottom: none; }
.totals td { border: none; padding: 1mm 2mm; }
.status { display: inline-block; padding: 0.5mm 3mm; border: 1px solid #111; border-radius: 2mm; font-weight: 600; }
.statement { margin-top: 8mm; }
.seal { margin-top: 12mm; text-align: right; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
"#;

/// The document as one HTML page.
pub fn html(c: &Confirmation) -> String {
    let mut rows = String::new();
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
    let m = &c.member;
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
  <dt>Member</dt><dd>{name} ({member_type})</dd>
  <dt>Email</dt><dd>{email}</dd>
  <dt>Usage month</dt><dd>{month}</dd>
  <dt>Period of usage</dt><dd>{from} – {to}</dd>
  <dt>Payment status</dt><dd><span class="status">{status}</span> paid {paid} KRW of {billed} KRW</dd>
</dl>
<table>
  <thead><tr><th>Service</th><th>Region</th><th class="n">Used (KRW)</th><th class="n">Discount (KRW)</th><th class="n">VAT (KRW)</th><th class="n">Billed (KRW)</th></tr></thead>
  <tbody>
{rows}  </tbody>
  <tfoot><tr><td colspan="2">Total</td><td class="n">{used}</td><td class="n">{discount}</td><td class="n">{vat}</td><td class="n" id="billed">{billed}</td></tr></tfoot>
</table>
<table class="totals">
  <tr><td>Monthly used amount</td><td class="n">{used} KRW</td></tr>
  <tr><td>Discounts</td><td class="n">{plain_discount} KRW</td></tr>
  <tr><td>Rounding discount (under 100 won)</td><td class="n">{rounddown} KRW</td></tr>
  <tr><td>VAT (10 %)</td><td class="n">{vat} KRW</td></tr>
  <tr><td><b>Billed amount</b></td><td class="n"><b>{billed} KRW</b></td></tr>
</table>
<p class="statement">This confirms that the member above used NAVER Cloud Platform services in the period stated, for the amounts listed. Discounts include each service's share of the rounding discount; VAT is shared across services in proportion to their amounts.</p>
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
        name = escape(&format!("{} {}", m.first_name, m.last_name)),
        member_type = m.member_type.as_str(),
        email = escape(&m.email),
        month = c.month,
        from = c.period.from,
        to = c.period.to,
        status = escape(&c.payment_status),
        paid = won(c.paid_amount),
        used = won(t.used_amount),
        discount = won(t.discount_amount + t.rounddown_discount_amount),
        plain_discount = won(t.discount_amount),
        rounddown = won(t.rounddown_discount_amount),
        vat = won(t.vat_amount),
        billed = won(t.billed_amount),
    )
}

/// The headless Chromium to print PDFs with: `NCP_USAGE_CHROMIUM`, else the first of
/// `chromium`, `chromium-browser`, `google-chrome` on the PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NCP_USAGE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Prints an HTML file to PDF with headless Chromium.
pub fn print_pdf(chromium: &Path, html: &Path, pdf: &Path) -> Result<()> {
    let profile = tempfile::tempdir()
        .map_err(|e| Error::other(format!("cannot make a temporary folder: {e}")))?;
    let url = format!("file://{}", html.display());
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .output()
        .map_err(|e| Error::other(format!("cannot run {}: {e}", chromium.display())))?;
    if !out.status.success() || !pdf.is_file() {
        return Err(Error::other(format!(
            "{} could not print the PDF (exit {:?}); write .html instead and print it from a browser",
            chromium.display(),
            out.status.code()
        )));
    }
    Ok(())
}

/// Writes the confirmation to `path`: HTML for `.html`/`.htm`, PDF for `.pdf`. The file is
/// created 0600 and appears whole or not at all.
pub fn write(c: &Confirmation, path: &Path) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let page = html(c);
    match ext.as_deref() {
        Some("html" | "htm") => super::export::write_atomically(path, |mut f| {
            use std::io::Write;
            f.write_all(page.as_bytes())
                .map_err(|e| Error::other(format!("cannot write {}: {e}", path.display())))
        }),
        Some("pdf") => {
            let chromium = find_chromium().ok_or_else(|| {
                Error::other("PDF output needs Chromium (apt-get install chromium, or set NCP_USAGE_CHROMIUM); write .html instead and print it from a browser")
            })?;
            let dir = tempfile::tempdir()
                .map_err(|e| Error::other(format!("cannot make a temporary folder: {e}")))?;
            let html_path = dir.path().join("confirmation.html");
            let pdf_path = dir.path().join("confirmation.pdf");
            std::fs::write(&html_path, page.as_bytes())
                .map_err(|e| Error::other(format!("cannot write a temporary file: {e}")))?;
            print_pdf(&chromium, &html_path, &pdf_path)?;
            let bytes = std::fs::read(&pdf_path)
                .map_err(|e| Error::other(format!("cannot read the PDF: {e}")))?;
            super::export::write_atomically(path, |mut f| {
                use std::io::Write;
                f.write_all(&bytes)
                    .map_err(|e| Error::other(format!("cannot write {}: {e}", path.display())))
            })
        }
        _ => Err(Error::invalid(format!(
            "cannot tell the format of '{}'; name the output file .html or .pdf",
            path.display()
        ))),
    }
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
