//! `mlint check --statistics`: how many findings each rule has, instead of
//! the findings, like `ruff --statistics`.
//!
//! One line per rule and level: the count (right-aligned), the rule id and
//! the level, sorted by count (most first), then rule id, then level. Every
//! finding counts, details of a summary finding too, as in the totals of the
//! summary line that follows.

use super::{FileView, Renderer};
use crate::diagnostic::Severity;
use crate::escape::escape;
use crate::outcome::Totals;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Counts findings per rule and level, and writes the table at the end.
#[derive(Debug, Default)]
pub struct Statistics {
    counts: BTreeMap<(String, Severity), usize>,
    quiet: bool,
}

impl Statistics {
    /// A table followed by the summary line, unless `quiet`.
    pub fn new(quiet: bool) -> Statistics {
        Statistics {
            counts: BTreeMap::new(),
            quiet,
        }
    }
}

impl Renderer for Statistics {
    fn file(&mut self, _out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for f in file.findings {
            *self.counts.entry((f.rule.clone(), f.severity)).or_default() += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let mut rows: Vec<(&(String, Severity), &usize)> = self.counts.iter().collect();
        // Most first; the map's order (id, then level) settles ties.
        rows.sort_by(|a, b| b.1.cmp(a.1));
        let count_width = rows.first().map_or(1, |(_, n)| n.to_string().len());
        let id_width = rows.iter().map(|((id, _), _)| id.len()).max().unwrap_or(0);
        for ((id, level), n) in rows {
            writeln!(out, "{n:>count_width$}  {:id_width$}  {level}", escape(id))?;
        }
        if !self.quiet {
            writeln!(out, "{}", totals.summary())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::report::{Renderer, feed, sample::sample};

    #[test]
    fn counts_per_rule_most_first() {
        let report = sample();
        let mut out = Vec::new();
        let mut stats = super::Statistics::new(false);
        feed(&report, &mut stats as &mut dyn Renderer, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.last(), Some(&report.summary().as_str()));
        let counts: Vec<usize> = lines[..lines.len() - 1]
            .iter()
            .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{text}");
        assert_eq!(counts.iter().sum::<usize>(), report.findings.len());
    }
}
