//! A small table type rendered as aligned text, Markdown or CSV.

use mamori_bench::results::csv_field;
use std::fmt::Write as _;

/// Column alignment in text and Markdown output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left-aligned (text).
    Left,
    /// Right-aligned (numbers).
    Right,
}

/// Rows of cells under a header.
#[derive(Clone, Debug, Default)]
pub struct Table {
    headers: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns.
    pub fn new(headers: &[(&str, Align)]) -> Self {
        Self {
            headers: headers.iter().map(|&(h, a)| (h.to_owned(), a)).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row; missing cells are empty, extra cells are dropped.
    pub fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.headers.len(), String::new());
        self.rows.push(row);
    }

    fn widths(&self) -> Vec<usize> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, (h, _))| {
                self.rows
                    .iter()
                    .map(|r| r[i].chars().count())
                    .chain([h.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// Aligned text with a rule under the header.
    pub fn to_text(&self) -> String {
        let widths = self.widths();
        let mut out = String::new();
        let line = |out: &mut String, cells: &[&str]| {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                let pad = widths[i].saturating_sub(cell.chars().count());
                match self.headers[i].1 {
                    Align::Left => {
                        s.push_str(cell);
                        s.extend(std::iter::repeat_n(' ', pad));
                    }
                    Align::Right => {
                        s.extend(std::iter::repeat_n(' ', pad));
                        s.push_str(cell);
                    }
                }
            }
            let _ = writeln!(out, "{}", s.trim_end());
        };
        let headers: Vec<&str> = self.headers.iter().map(|(h, _)| h.as_str()).collect();
        line(&mut out, &headers);
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        let rule: Vec<&str> = rule.iter().map(String::as_str).collect();
        line(&mut out, &rule);
        for row in &self.rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            line(&mut out, &cells);
        }
        out
    }

    /// A GitHub-flavoured Markdown table.
    pub fn to_markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = String::new();
        let headers: Vec<String> = self.headers.iter().map(|(h, _)| esc(h)).collect();
        let _ = writeln!(out, "| {} |", headers.join(" | "));
        let rule: Vec<&str> = self
            .headers
            .iter()
            .map(|(_, a)| match a {
                Align::Left => "---",
                Align::Right => "---:",
            })
            .collect();
        let _ = writeln!(out, "|{}|", rule.join("|"));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }

    /// CSV (RFC 4180) with a header line.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let headers: Vec<String> = self.headers.iter().map(|(h, _)| csv_field(h)).collect();
        let _ = writeln!(out, "{}", headers.join(","));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            let _ = writeln!(out, "{}", cells.join(","));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders() {
        let mut t = Table::new(&[("name", Align::Left), ("n", Align::Right)]);
        t.push(vec!["a|b".into(), "1".into()]);
        t.push(vec!["long, name".into(), "100".into()]);
        assert_eq!(
            t.to_text(),
            "name          n\n----------  ---\na|b           1\nlong, name  100\n"
        );
        assert!(t.to_markdown().contains("| a\\|b | 1 |"));
        assert!(t.to_markdown().contains("|---|---:|"));
        assert_eq!(t.to_csv(), "name,n\na|b,1\n\"long, name\",100\n");
    }
}
