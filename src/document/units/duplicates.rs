//! A unit written twice (an index list or table and a heading, a summary
//! table and bold paragraphs) is kept once, at its fuller place.

use super::{Form, Found};

/// A unit's identity for spotting one written twice: its kind and its
/// number without a letter prefix (`M1` and `Milestone 1` are one).
fn identity(f: &Found) -> Option<(&'static str, String)> {
    let n = f.unit.number.as_ref()?.to_lowercase();
    let n = n
        .strip_prefix(|c: char| c.is_ascii_alphabetic())
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .map_or(n.clone(), str::to_string);
    Some((f.unit.kind, n))
}

/// A unit written twice (an index list or table and a heading, a summary
/// table and bold paragraphs) is kept at its fuller place: the heading,
/// else its first place.
pub(super) fn drop_duplicates(found: &mut Vec<Found>) {
    use std::collections::HashMap;
    let mut by_id: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for (k, f) in found.iter().enumerate() {
        if f.form == Form::Heading {
            if let Some(id) = identity(f) {
                by_id.entry(id).or_insert(k);
            }
            by_title.entry(f.title.to_lowercase()).or_insert(k);
        }
    }
    let mut seen = std::collections::HashSet::new();
    // (heading, row): a table row that repeats a heading unit still states
    // its columns (a summary table's durations), so the heading reads them.
    let mut also: Vec<(usize, usize)> = Vec::new();
    let mut keep = vec![true; found.len()];
    for (k, f) in found.iter().enumerate() {
        if f.form == Form::Heading {
            continue;
        }
        let id = identity(f);
        let heading = by_title
            .get(&f.title.to_lowercase())
            .or_else(|| id.as_ref().and_then(|id| by_id.get(id)));
        if let Some(&h) = heading {
            keep[k] = false;
            if f.form == Form::TableRow {
                also.push((h, f.block));
            }
        } else if let Some(id) = id {
            keep[k] = seen.insert(id);
        }
    }
    for (h, row) in also {
        found[h].also.push(row);
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::super::units_of as units;

    #[test]
    fn a_unit_written_twice_is_kept_at_its_heading() {
        let md = "# Plan\n\n## Milestones\n\n| Milestone | Date |\n| --- | --- |\n\
                  | M1 | 2026-05-01 |\n| Beta launch | 2026-06-01 |\n| GA | 2026-07-01 |\n\n\
                  ## Upcoming Milestones\n\n### Milestone 1: Import\n\n- [ ] ship\n\n\
                  ### Beta launch\n\n**Status:** Planned\n";
        assert_eq!(
            units(md),
            [
                ("table_row".to_string(), 9, "GA".to_string()),
                ("heading".to_string(), 13, "Milestone 1: Import".to_string()),
                ("heading".to_string(), 17, "Beta launch".to_string()),
            ]
        );
    }
}
