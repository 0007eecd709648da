//! The usage confirmation as a file (SPEC H5): the HTML page as it is, or printed to PDF
//! through a headless Chromium when one is installed.
//!
//! The page itself is a view ([`crate::report::confirmation_html`]); what is here is the I/O
//! around it: finding Chromium, printing, checking for a Korean font, writing the file whole
//! or not at all.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report::confirmation::Confirmation;
use crate::report::confirmation_html::html;
use ncp_usage_core::error::{Error, Result};

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

/// Whether `text` has Korean (Hangul) or other CJK characters, which need a CJK font.
pub fn needs_cjk_font(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7A3}'
            | '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
    })
}

/// Whether fontconfig has no font for Korean: `fc-list :lang=ko` on the PATH prints
/// nothing. `false` when there is no `fc-list` to ask.
pub fn korean_font_missing() -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    let Some(fc_list) = std::env::split_paths(&path)
        .map(|d| d.join("fc-list"))
        .find(|p| p.is_file())
    else {
        return false;
    };
    match Command::new(fc_list).arg(":lang=ko").output() {
        Ok(out) if out.status.success() => out.stdout.iter().all(u8::is_ascii_whitespace),
        _ => false,
    }
}

/// The warning for a PDF whose Korean text no installed font can show.
pub const NO_KOREAN_FONT: &str = "no font for Korean is installed (`fc-list :lang=ko` finds none), so Korean text prints as empty boxes in the PDF; install one (e.g. apt-get install fonts-noto-cjk) or write .html and print it from a browser";

/// Writes the confirmation to `path`: HTML for `.html`/`.htm`, PDF for `.pdf`. The file is
/// created 0600 and appears whole or not at all. Returns warnings for stderr (a PDF with
/// Korean text where no font for Korean is installed).
pub fn write(c: &Confirmation, path: &Path) -> Result<Vec<String>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let page = html(c);
    let write_whole = |bytes: &[u8]| {
        super::export::write_atomically(path, |mut f| {
            f.write_all(bytes)
                .map_err(|e| Error::other(format!("cannot write {}: {e}", path.display())))
        })
    };
    match ext.as_deref() {
        Some("html" | "htm") => write_whole(page.as_bytes()).map(|()| Vec::new()),
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
            write_whole(&bytes)?;
            let mut warnings = Vec::new();
            if needs_cjk_font(&page) && korean_font_missing() {
                warnings.push(NO_KOREAN_FONT.to_string());
            }
            Ok(warnings)
        }
        _ => Err(Error::invalid(format!(
            "cannot tell the format of '{}'; name the output file .html or .pdf",
            path.display()
        ))),
    }
}
