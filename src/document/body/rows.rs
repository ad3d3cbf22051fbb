//! Table rows in a milestone's body: a two-column table of fields
//! (`| Duration | 2 weeks |`), a table whose columns name sections (`|
//! Actividad | Entregable |`, each cell an item of its column's section),
//! or rows that are items of the open section.

use super::{Body, Open, Target, plain_item};
use crate::document::blocks::Block;
use crate::document::model::{Field, Item};
use crate::document::text::{Inline, clamp_span, collapse};

impl Body<'_> {
    pub(super) fn row(&mut self, b: &Block, cells: &[Inline], header: bool) {
        self.drop_pending_duration();
        self.flush_pending();
        let texts: Vec<String> = cells.iter().map(|c| collapse(&c.text)).collect();
        if header {
            let first = texts.first().map(|s| s.to_lowercase()).unwrap_or_default();
            self.kv_table = texts.len() == 2
                && (matches!(
                    first.as_str(),
                    "" | "field"
                        | "key"
                        | "property"
                        | "attribute"
                        | "item"
                        | "name"
                        | "metadata"
                        | "campo"
                        | "属性"
                        | "项目"
                        | "項目"
                ) || self.vocab.is_known_field(&first));
            // `| Actividad | Entregable |`: each column a section of its own.
            self.table_sections = if self.kv_table {
                Vec::new()
            } else {
                texts
                    .iter()
                    .map(|t| {
                        self.vocab
                            .section_qualified(t)
                            .map(|name| (name.to_string(), t.clone()))
                    })
                    .collect()
            };
        } else if self.open.is_none() && self.table_sections.iter().any(Option::is_some) {
            self.column_items(b, cells, &texts);
            return;
        }
        if let Some(Open {
            target: Target::Section(name),
            ..
        }) = &self.open
        {
            if !header {
                let name = name.clone();
                let item = Item {
                    text: texts.join(" | "),
                    checked: None,
                    state: None,
                    depth: 0,
                    line: b.line,
                    span: clamp_span(self.source, b.span),
                };
                if let Some(s) = self.sections.get_mut(&name) {
                    s.items.push(item);
                }
            }
            return;
        }
        if self.open.is_some()
            || cells.len() != 2
            || texts[0].is_empty()
            || texts[0].chars().count() > 40
        {
            return;
        }
        if (header || !self.kv_table) && !self.vocab.is_known_field(&texts[0]) {
            return;
        }
        let label_span = cells[0]
            .full_span()
            .map_or(b.span, |s| clamp_span(self.source, s));
        let span = cells[1]
            .full_span()
            .map_or(label_span, |s| clamp_span(self.source, s));
        let field = Field {
            label: texts[0].clone(),
            value: texts[1].clone(),
            line: b.line,
            span,
        };
        self.add_field(self.vocab.field_key(&texts[0]), field);
    }

    /// A row of a table whose header names sections: each cell an item of
    /// its column's section.
    fn column_items(&mut self, b: &Block, cells: &[Inline], texts: &[String]) {
        let columns = std::mem::take(&mut self.table_sections);
        for ((column, cell), text) in columns.iter().zip(cells).zip(texts) {
            let Some((name, label)) = column else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            let span = cell
                .full_span()
                .map_or(b.span, |s| clamp_span(self.source, s));
            let item = plain_item(text.clone(), b.line, span);
            self.add_item(name, label, b.line, span, item);
        }
        self.table_sections = columns;
    }
}
