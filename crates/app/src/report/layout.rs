//! Tables that fit the terminal without splitting a number.
//!
//! Every column is either *fixed* — amounts, months, dates, instants, ids, codes: a cell is
//! never wrapped — or *text*, wrapped at spaces only, so a word is never cut either. Headers
//! wrap at spaces too. When the columns cannot fit the width even so, the optional columns go
//! first (lowest priority first, with a note naming them), and if the table still does not
//! fit, each row is shown as a stacked block of `Header  value` lines.
//!
//! Cells are wrapped here, before comfy-table draws them, since comfy-table's own wrapping
//! cuts words to fill a line.

use std::fmt;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table};
use unicode_width::UnicodeWidthStr;

use super::Style;
use ncp_usage_core::money::Krw;

/// One column of a [`Grid`].
#[derive(Debug, Clone)]
pub struct Column {
    header: String,
    fixed: bool,
    right: bool,
    /// 0: always shown; otherwise hidden on a narrow terminal, highest first.
    drop: u8,
    /// Whether the note under the table names it when hidden.
    mention: bool,
}

impl Column {
    /// A column whose cells never wrap (amounts, dates, ids, codes).
    pub fn fixed(header: &str) -> Column {
        Column {
            header: header.to_string(),
            fixed: true,
            right: false,
            drop: 0,
            mention: true,
        }
    }

    /// A column of text, wrapped at spaces.
    pub fn text(header: &str) -> Column {
        Column {
            fixed: false,
            ..Column::fixed(header)
        }
    }

    /// A right-aligned fixed column (amounts, counts).
    pub fn amount(header: &str) -> Column {
        Column {
            right: true,
            ..Column::fixed(header)
        }
    }

    /// Hidden when the table would not fit otherwise; `priority` 1 goes before 2.
    pub fn optional(mut self, priority: u8) -> Column {
        self.drop = u8::MAX - priority;
        self
    }

    /// Not named in the note when hidden (the report shows it another way).
    pub fn unmentioned(mut self) -> Column {
        self.mention = false;
        self
    }
}

/// A table of plain-text cells laid out for the terminal width.
#[derive(Debug, Clone)]
pub struct Grid {
    style: Style,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

/// The display width of a text.
pub fn width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn longest_word(s: &str) -> usize {
    s.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Wraps text at spaces into lines of at most `max` columns; a longer word stays whole.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.width() + 1 + word.width() > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// How tables show a row NCP names no region for (older product rows, global services);
/// JSON says `null` or `""` and CSV leaves the cell empty.
pub const NO_REGION: &str = "(none)";

/// A region as a table cell: [`NO_REGION`] when there is none.
pub fn shown_region(region: &str) -> &str {
    if region.is_empty() {
        NO_REGION
    } else {
        region
    }
}

/// A grouped amount in won, as a table cell.
pub fn won(amount: Krw) -> String {
    amount.grouped()
}

/// A decimal with thousands separators in its whole part (`140,000`, `1,300.237`), for
/// tables only: CSV and JSON keep the plain number.
pub fn grouped_decimal(d: rust_decimal::Decimal) -> String {
    let text = d.normalize().to_string();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (whole, frac) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// An amount with its sign: +110,000 or -5,000.
pub fn signed(k: Krw) -> String {
    if k.won() < 0 {
        format!("-{}", (-k).grouped())
    } else {
        format!("+{}", k.grouped())
    }
}

/// Lines of prose wrapped at spaces to the terminal width, when it is known.
pub fn fit(style: Style, text: &str) -> String {
    match style.width {
        Some(w) if !text.is_empty() => {
            let mut out = wrap(text, usize::from(w)).join("\n");
            if text.ends_with('\n') {
                out.push('\n');
            }
            out
        }
        _ => text.to_string(),
    }
}

/// A `Label   value` line, the value wrapped at spaces under itself to fit the width.
pub fn field(style: Style, label_width: usize, label: &str, value: &str) -> String {
    let room = style.width.map_or(usize::MAX, |w| {
        usize::from(w).saturating_sub(label_width).max(20)
    });
    let mut out = String::new();
    for (i, line) in wrap(value, room).iter().enumerate() {
        let head = if i == 0 { label } else { "" };
        let pad = label_width.saturating_sub(head.width());
        out.push_str(&format!("{head}{}{line}\n", " ".repeat(pad)));
    }
    out
}

impl Grid {
    /// An empty grid with these columns.
    pub fn new(style: Style, columns: Vec<Column>) -> Grid {
        Grid {
            style,
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row, one cell per column.
    pub fn row(&mut self, cells: Vec<String>) -> &mut Grid {
        self.rows.push(cells);
        self
    }

    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows[row].get(col).map_or("", String::as_str)
    }

    /// The narrowest a column can be: its widest fixed cell or longest word.
    fn min_width(&self, col: usize) -> usize {
        let c = &self.columns[col];
        let cells = (0..self.rows.len()).map(|r| {
            let s = self.cell(r, col);
            if c.fixed {
                width(s)
            } else {
                longest_word(s)
            }
        });
        cells.chain([longest_word(&c.header)]).max().unwrap_or(0)
    }

    /// The width of a column with nothing wrapped.
    fn natural_width(&self, col: usize) -> usize {
        (0..self.rows.len())
            .map(|r| width(self.cell(r, col)))
            .chain([width(&self.columns[col].header)])
            .max()
            .unwrap_or(0)
    }

    /// The columns shown and their widths, or `None` when even the required columns do not
    /// fit (then rows are stacked).
    fn layout(&self) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut shown: Vec<usize> = (0..self.columns.len()).collect();
        let Some(total) = self.style.width.map(usize::from) else {
            let widths = shown.iter().map(|&c| self.natural_width(c)).collect();
            return Some((shown, widths));
        };
        loop {
            let overhead = 3 * shown.len() + 1;
            let min: Vec<usize> = shown.iter().map(|&c| self.min_width(c)).collect();
            let need: usize = min.iter().sum::<usize>() + overhead;
            if need <= total {
                let avail = total - overhead;
                let nat: Vec<usize> = shown.iter().map(|&c| self.natural_width(c)).collect();
                if nat.iter().sum::<usize>() <= avail {
                    return Some((shown, nat));
                }
                // Share the room left over evenly, each column taking no more than it needs,
                // so that narrow columns are whole before wide ones grow.
                let mut widths = min;
                let mut extra = avail - widths.iter().sum::<usize>();
                let mut open: Vec<usize> =
                    (0..widths.len()).filter(|&i| widths[i] < nat[i]).collect();
                while extra > 0 && !open.is_empty() {
                    let share = (extra / open.len()).max(1);
                    for &i in &open {
                        let give = share.min(nat[i] - widths[i]).min(extra);
                        widths[i] += give;
                        extra -= give;
                    }
                    open.retain(|&i| widths[i] < nat[i]);
                }
                return Some((shown, widths));
            }
            // Hide the optional column of lowest priority, if any is left.
            let victim = shown
                .iter()
                .enumerate()
                .filter(|(_, &c)| self.columns[c].drop > 0)
                .max_by_key(|(_, &c)| self.columns[c].drop)
                .map(|(i, _)| i)?;
            shown.remove(victim);
        }
    }

    /// Whether column `col` is shown at this width (not hidden, not stacked).
    pub fn shows(&self, col: usize) -> bool {
        self.layout().is_some_and(|(shown, _)| shown.contains(&col))
    }

    /// The table as text, without a final newline.
    pub fn render(&self) -> String {
        match self.layout() {
            Some((shown, widths)) => self.draw(&shown, &widths),
            None => self.stacked(),
        }
    }

    fn draw(&self, shown: &[usize], widths: &[usize]) -> String {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        if !self.style.color {
            t.force_no_tty();
        }
        let align = |c: usize| {
            if self.columns[c].right {
                CellAlignment::Right
            } else {
                CellAlignment::Left
            }
        };
        t.set_header(shown.iter().zip(widths).map(|(&c, &w)| {
            let cell =
                Cell::new(wrap(&self.columns[c].header, w).join("\n")).set_alignment(align(c));
            if self.style.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        for r in 0..self.rows.len() {
            t.add_row(shown.iter().zip(widths).map(|(&c, &w)| {
                let s = self.cell(r, c);
                let content = if self.columns[c].fixed {
                    s.to_string()
                } else {
                    wrap(s, w).join("\n")
                };
                Cell::new(content).set_alignment(align(c))
            }));
        }
        let mut out = t.to_string();
        // A hidden column with nothing in it (every cell empty or 0) goes unmentioned.
        let hidden: Vec<&str> = (0..self.columns.len())
            .filter(|c| !shown.contains(c))
            .filter(|&c| self.columns[c].mention)
            .filter(|&c| (0..self.rows.len()).any(|r| !matches!(self.cell(r, c), "" | "0")))
            .map(|c| self.columns[c].header.as_str())
            .collect();
        if !hidden.is_empty() {
            let note = format!(
                "(hidden at this width: {}; --json shows every field)",
                hidden.join(", ")
            );
            let room = self.style.width.map_or(usize::MAX, usize::from);
            for line in wrap(&note, room) {
                out.push('\n');
                out.push_str(&line);
            }
        }
        out
    }

    /// Each row as a block of `Header  value` lines, blocks separated by a blank line.
    fn stacked(&self) -> String {
        let total = self.style.width.map_or(80, usize::from);
        let label = self
            .columns
            .iter()
            .map(|c| width(&c.header))
            .max()
            .unwrap_or(0);
        let room = total.saturating_sub(label + 2).max(1);
        let mut blocks = Vec::new();
        for r in 0..self.rows.len() {
            let mut block = Vec::new();
            for (c, col) in self.columns.iter().enumerate() {
                let value = self.cell(r, c);
                let lines = if col.fixed {
                    vec![value.to_string()]
                } else {
                    wrap(value, room)
                };
                for (i, line) in lines.iter().enumerate() {
                    let head = if i == 0 { col.header.as_str() } else { "" };
                    let pad = label - head.width();
                    let text = format!("{head}{}  {line}", " ".repeat(pad));
                    block.push(text.trim_end().to_string());
                }
            }
            blocks.push(block.join("\n"));
        }
        blocks.join("\n\n")
    }
}

impl fmt::Display for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(width: u16) -> Style {
        Style {
            color: false,
            width: Some(width),
        }
    }

    #[test]
    fn decimals_are_grouped_by_thousands() {
        use rust_decimal_macros::dec;
        assert_eq!(grouped_decimal(dec!(140000)), "140,000");
        assert_eq!(grouped_decimal(dec!(1300.2370)), "1,300.237");
        assert_eq!(grouped_decimal(dec!(2.8)), "2.8");
        assert_eq!(grouped_decimal(dec!(-1234567.5)), "-1,234,567.5");
        assert_eq!(grouped_decimal(dec!(999)), "999");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("Cloud DB for MySQL", 9), ["Cloud DB", "for MySQL"]);
        assert_eq!(wrap("Promotion", 4), ["Promotion"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn fixed_cells_never_wrap_and_optional_columns_go_first() {
        let mut g = Grid::new(
            at(30),
            vec![
                Column::text("Service name"),
                Column::amount("Amount"),
                Column::text("Details").optional(1),
            ],
        );
        g.row(vec![
            "Cloud DB for MySQL".into(),
            "1,188,710".into(),
            "2 contracts".into(),
        ]);
        assert_eq!(
            g.render(),
            "┌──────────────┬───────────┐\n\
             │ Service name ┆    Amount │\n\
             ╞══════════════╪═══════════╡\n\
             │ Cloud DB for ┆ 1,188,710 │\n\
             │ MySQL        ┆           │\n\
             └──────────────┴───────────┘\n\
             (hidden at this width:\n\
             Details; --json shows every\n\
             field)"
        );
    }

    #[test]
    fn rows_stack_when_required_columns_cannot_fit() {
        let mut g = Grid::new(
            at(20),
            vec![Column::fixed("Month"), Column::amount("Billed amount")],
        );
        g.row(vec!["2024-01".into(), "1,188,710,000,000".into()]);
        assert_eq!(
            g.render(),
            "Month          2024-01\nBilled amount  1,188,710,000,000"
        );
    }
}
