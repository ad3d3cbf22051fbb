//! List items in a milestone's body: a `- **Label:** value` field, a label
//! bullet that opens a section for the items nested under it, an item of
//! the open section, or an unlabelled item that is one of the unit's tasks.

use super::{Body, Open, Target, item_field, make_item};
use crate::document::blocks::{Block, Task};
use crate::document::fields::{self, Found};
use crate::document::text::{Inline, clamp_span};

impl Body<'_> {
    pub(super) fn item(&mut self, b: &Block, depth: usize, task: Option<Task>, has_children: bool) {
        // `- Install tools` then `**Plans**: TBD` on the next line: the label
        // continues the item lazily, but it is a field of the unit.
        let lazy: Vec<Found> = fields::bold_fields(&b.inline.text, &b.inline.strong)
            .into_iter()
            .filter(|f| {
                f.label_range.start > 0
                    && b.inline.text[..f.label_range.start].contains('\n')
                    && (self.vocab.is_known_field(&f.label)
                        || self.vocab.section_exact(&f.label).is_some())
            })
            .collect();
        if let Some(first) = lazy.first() {
            let cut = b.inline.text[..first.label_range.start]
                .rfind('\n')
                .unwrap_or(0);
            let mut own = b.clone();
            own.inline = b.inline.prefix(cut);
            if let Some(s) = own.inline.full_span() {
                own.span.end = s.end;
            }
            self.item(&own, depth, task, has_children);
            for f in &lazy {
                self.labelled_value(&b.inline, f, b.line);
            }
            self.open = None;
            return;
        }
        // The list under `**Timeline:**` is the schedule, not tasks.
        if self.drop_pending_duration() && !self.in_heading_section() {
            self.open = Some(Open {
                target: Target::Skip,
                heading_level: None,
                min_depth: None,
                base: None,
            });
        }
        self.flush_pending();
        if let Some(open) = &self.open
            && open.min_depth.is_some_and(|m| depth < m)
        {
            self.open = None;
        }
        match &mut self.open {
            Some(Open {
                target: Target::Skip,
                ..
            }) => return,
            Some(Open {
                target: Target::Section(name),
                base,
                ..
            }) => {
                let base = *base.get_or_insert(depth);
                let name = name.clone();
                let item = make_item(b, depth.saturating_sub(base), task);
                if let Some(s) = self.sections.get_mut(&name) {
                    s.items.push(item);
                }
                return;
            }
            None => {}
        }
        let inl = &b.inline;
        let work = task.is_some() || crate::document::units::starts_with_status(&inl.text);
        let Some(f) = item_field(inl).filter(|f| self.is_item_field(inl, f, work)) else {
            let text = inl.text.trim();
            if has_children
                && inl
                    .strong
                    .iter()
                    .any(|s| inl.text[s.clone()].trim() == text)
            {
                self.label_bullet(b, text, depth);
            } else if task.is_some()
                || !self.under_heading
                || inl
                    .text
                    .trim_start()
                    .starts_with(['✅', '✔', '☑', '🚧', '⏳', '❌', '⬜'])
            {
                self.implicit_task(b, depth, task);
            }
            return;
        };
        if f.value_range.is_empty() {
            // `- **Deliverables**:` opens its section, with or without
            // items yet (an empty slot of a template is still the section).
            if has_children || self.vocab.section_qualified(&f.label).is_some() {
                self.label_bullet(b, &f.label, depth);
            } else if matches!(
                self.vocab.field_key(&f.label).as_str(),
                "duration" | "start_date" | "end_date"
            ) {
                // `- Start:` with nothing after it: an empty slot of the
                // unit's dates, kept so that it reads as a placeholder.
                self.labelled_value(inl, &f, b.line);
            }
            return;
        }
        self.labelled_value(inl, &f, b.line);
    }

    /// A list item `Word: …` is a field only when its label is known or bold
    /// (`- Deployment: set up CI` is a task).
    /// A checked or status-marked item (`- [x] **Parser**: …`, `- ✅ **Sync**:
    /// …`) is work done, so only a known label makes it a field.
    fn is_item_field(&self, inl: &Inline, f: &Found, work: bool) -> bool {
        let bold = inl
            .strong
            .iter()
            .any(|s| s.start <= f.label_range.start && f.label_range.end <= s.end);
        (bold && !work)
            || self.vocab.is_known_field(&f.label)
            || self.vocab.section_qualified(&f.label).is_some()
    }

    /// An unlabelled item directly under the unit: a task.
    fn implicit_task(&mut self, b: &Block, depth: usize, task: Option<Task>) {
        let base = *self.implicit.get_or_insert(depth);
        if depth < base {
            self.implicit = Some(depth);
        }
        let span = clamp_span(self.source, b.span);
        let item = make_item(
            b,
            depth.saturating_sub(self.implicit.unwrap_or(depth)),
            task,
        );
        self.add_item("tasks", "", b.line, span, item);
    }

    /// `- Deliverables:` followed by a nested list.
    fn label_bullet(&mut self, b: &Block, label: &str, depth: usize) {
        let label = label.trim_end_matches([':', '：']).trim_end();
        let span = b
            .inline
            .full_span()
            .map_or(b.span, |s| clamp_span(self.source, s));
        let target = match self.vocab.section_qualified(label) {
            Some(name) => {
                let name = name.to_string();
                self.ensure_section(&name, label, b.line, span);
                Target::Section(name)
            }
            None => Target::Skip,
        };
        self.open = Some(Open {
            target,
            heading_level: None,
            min_depth: Some(depth + 1),
            base: Some(depth + 1),
        });
    }
}
