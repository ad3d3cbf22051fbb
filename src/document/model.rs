//! The document model: what `parse` returns and what policies see as `input`.
//!
//! Every struct here serialises (serde) to exactly the JSON described in
//! `docs/input.md`; struct field order is output order and maps are
//! `BTreeMap`s, so the JSON is deterministic. Key names are a public API.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// Version of the JSON layout; bumped when a key is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// A byte range of the file as it is on disk: `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One parsed Markdown file.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The path as given, with `/` separators.
    pub path: String,
    /// Number of lines in the file.
    pub line_count: usize,
    /// The YAML front matter, unparsed, if the file starts with one.
    pub front_matter: Option<FrontMatter>,
    /// Every heading outside code, in document order.
    pub headings: Vec<Heading>,
    /// The milestone units, in document order.
    pub milestones: Vec<Milestone>,
    /// Whether the file looks like a plan (its path or title names a
    /// roadmap, plan, milestones, sprints or phases, its headings name
    /// quarters, or it has dates and checklists; see `evidence.rs`), so a
    /// file with no milestone can be told apart from a file that is no plan.
    pub looks_like_plan: bool,
    /// `"plan"`, or `"template"` when the path matches a `templates` glob or
    /// most units are unfilled placeholders (see `template.rs`).
    pub file_kind: String,
    /// Every HTML comment.
    pub comments: Vec<Comment>,
    /// Every fenced or indented code block.
    pub code_blocks: Vec<CodeBlock>,
    /// Text outside code that reads as UTF-8 decoded with a legacy code page.
    pub mojibake: Vec<Mojibake>,
    /// The raw lines of the file, without line endings (and without a BOM).
    pub lines: Vec<String>,
}

impl Document {
    /// The document as the JSON value policies receive as `input`.
    pub fn to_json(&self) -> serde_json::Value {
        // Serialising plain structs, strings and finite numbers cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Number of milestone units found.
    pub fn milestone_count(&self) -> usize {
        self.milestones.len()
    }
}

/// YAML front matter between `---` fences at the top of the file.
#[derive(Clone, Debug, Serialize)]
pub struct FrontMatter {
    /// The raw text between the fences.
    pub text: String,
    /// Line of the opening fence.
    pub line: usize,
    /// Line of the closing fence.
    pub end_line: usize,
}

/// A heading outside code.
#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The title with decorations (emoji, status, duration suffixes) removed.
    pub text: String,
    /// The inline text as a reader sees it, before decorations were removed.
    pub raw: String,
    /// Line of the heading.
    pub line: usize,
    /// The whole heading.
    pub span: Span,
}

/// One milestone unit: a phase, a sprint or a milestone.
#[derive(Clone, Debug, Serialize)]
pub struct Milestone {
    /// The title as a reader sees it, decorations removed.
    pub heading: String,
    /// The inline text before decorations were removed.
    pub text: String,
    /// How the unit is written: `"heading"`, `"table_row"`, `"list_item"`,
    /// `"paragraph"` (a bold or plain line used as a heading) or `"file"`
    /// (the whole file is one unit).
    pub form: String,
    /// `"phase"`, `"sprint"` or `"milestone"`.
    pub kind: String,
    /// The unit keyword as written, if any.
    pub keyword: Option<String>,
    /// The identifier after the keyword, if any.
    pub number: Option<String>,
    /// The rest of the title after keyword, number and separator.
    pub name: Option<String>,
    /// Heading level, 1–6; for other forms the level of the heading the
    /// unit sits under plus one (1 at the top of the file).
    pub level: u8,
    /// Line of the unit's title: the heading, row, item or paragraph (for a
    /// whole-file unit its H1, or 1).
    pub line: usize,
    /// The title.
    pub span: Span,
    /// Last line of the body.
    pub end_line: usize,
    /// Line of the nearest heading above with a lower level (the group or
    /// phase this milestone sits in), or null at the top of the outline.
    pub parent_line: Option<usize>,
    /// The duration that applies: the field's, else the heading's.
    pub duration: Option<Duration>,
    /// Every duration stated: the field's, then the heading's.
    pub durations: Vec<Duration>,
    /// Canonical section name → section.
    pub sections: BTreeMap<String, Section>,
    /// Canonical field key → field.
    pub fields: BTreeMap<String, Field>,
    /// What the unit says of its state (see `status.rs`): its status field
    /// or column, else emoji or a task marker in its title, else status
    /// words in its title, else done when its checklist is all checked;
    /// null when nothing says.
    pub status: Option<Status>,
    /// Its task-list items (every depth, every section) and how many are
    /// checked; null when it has none.
    pub progress: Option<Progress>,
    /// Marked as future work with no schedule yet by a `[keywords] future`
    /// word in its title or in the title of the heading it sits under
    /// (`Phase 8 (later)`, `## Future phases`).
    pub future: bool,
}

/// The state a unit is in, as its text states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Finished: `✅`, `Done`, `Shipped`, `(completed 2026-03-01)`.
    Done,
    /// Under way: `🚧`, `In progress`, `WIP`, `PARTIALLY COMPLETE`.
    InProgress,
    /// Not started yet: `📋`, `Planned`, `Not started`, `Deferred`.
    Planned,
    /// Waiting on something: `🔴`, `🛑`, `Blocked`, `On hold`.
    Blocked,
    /// Not going to happen: `❌`, `Cancelled`, `Dropped`.
    Cancelled,
}

impl Status {
    /// Every status, in the order of the `[status]` keys.
    pub const ALL: [Status; 5] = [
        Status::Done,
        Status::InProgress,
        Status::Planned,
        Status::Blocked,
        Status::Cancelled,
    ];

    /// The JSON name, also the key of its `[status]` list.
    pub fn name(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::InProgress => "in_progress",
            Status::Planned => "planned",
            Status::Blocked => "blocked",
            Status::Cancelled => "cancelled",
        }
    }
}

/// How many of a unit's task-list items are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Items marked `[x]`.
    pub checked: usize,
    /// Items with any task marker (`[x]`, `[ ]`, `[~]`).
    pub total: usize,
}

/// A duration as written and as a range of calendar-day equivalents.
#[derive(Clone, Debug, Serialize)]
pub struct Duration {
    /// The duration as written.
    pub text: String,
    /// Lower bound in days; null when unreadable, ongoing or a placeholder.
    #[serde(serialize_with = "days")]
    pub min_days: Option<f64>,
    /// Upper bound in days; null when unreadable, ongoing, open-ended or a placeholder.
    #[serde(serialize_with = "days")]
    pub max_days: Option<f64>,
    /// `Ongoing`, `Continuous` and their translations.
    pub ongoing: bool,
    /// A template placeholder such as `TBD` or `[X weeks]`.
    pub placeholder: bool,
    /// A schedule window (`Weeks 3-6`, a date range), not a length of work.
    pub window: bool,
    /// `"field"` or `"heading"`.
    pub source: String,
    /// Line where it is written.
    pub line: usize,
    /// The duration text.
    pub span: Span,
}

/// Writes integral day counts as JSON integers (`14`, not `14.0`).
fn days<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) if v.is_finite() => s.serialize_f64(*v),
        _ => s.serialize_none(),
    }
}

/// A labelled block of a milestone: objectives, deliverables, criteria …
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// The label as written.
    pub label: String,
    /// Line of the label.
    pub line: usize,
    /// The label.
    pub span: Span,
    /// The list items (or paragraphs) under the label.
    pub items: Vec<Item>,
    /// The items' texts joined by line breaks, in order (`""` without
    /// items): one string a policy can search instead of every item.
    pub text: String,
}

impl Section {
    /// A section with no items yet.
    pub fn new(label: String, line: usize, span: Span) -> Section {
        Section {
            label,
            line,
            span,
            items: Vec::new(),
            text: String::new(),
        }
    }

    /// Sets `text` from the items, once they are all in.
    pub fn join_texts(&mut self) {
        let mut text = String::with_capacity(self.items.iter().map(|i| i.text.len() + 1).sum());
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&item.text);
        }
        self.text = text;
    }
}

/// One entry of a section.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// The text as a reader sees it (task marker removed).
    pub text: String,
    /// `true` for `[x]`, `false` for `[ ]` and `[~]`, null when not a task.
    pub checked: Option<bool>,
    /// `"done"`, `"open"`, `"in_progress"` or null when not a task.
    pub state: Option<String>,
    /// 0 for top-level items.
    pub depth: usize,
    /// Line of the item.
    pub line: usize,
    /// The item's own text (without nested items).
    pub span: Span,
}

/// A `Label: value` pair of a milestone.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The label as written.
    pub label: String,
    /// The value as a reader sees it.
    pub value: String,
    /// Line of the label.
    pub line: usize,
    /// The value (the label when the value is empty).
    pub span: Span,
}

/// An HTML comment.
#[derive(Clone, Debug, Serialize)]
pub struct Comment {
    /// What stands between `<!--` and `-->`, trimmed.
    pub text: String,
    /// First line.
    pub line: usize,
    /// Last line.
    pub end_line: usize,
    /// The whole comment, markers included.
    pub span: Span,
}

/// A fenced or indented code block.
#[derive(Clone, Debug, Serialize)]
pub struct CodeBlock {
    /// The fence's info string, `""` if none or indented.
    pub info: String,
    /// First line (the opening fence).
    pub line: usize,
    /// Last line (the closing fence, if any).
    pub end_line: usize,
}

/// A run of text that is UTF-8 decoded with a legacy code page.
#[derive(Clone, Debug, Serialize)]
pub struct Mojibake {
    /// The text as it is in the file.
    pub text: String,
    /// The text decoded correctly.
    pub repaired: String,
    /// `"mac-roman"`, `"windows-1252"` or `"latin-1"`.
    pub encoding: String,
    /// Line of the run.
    pub line: usize,
    /// The run.
    pub span: Span,
}
