//! Generates a deterministic corpus of milestone files for benchmarks.
//!
//! `cargo run --release --example gen_corpus -- DIR N` writes N Markdown
//! files (about 10 KB each, so 1,000 files ≈ 10 MB) into DIR, spread over
//! nested folders. The files have the shapes real plans have: phases and
//! sprints with fields, fields on one line, nested milestones, checklists,
//! code fences, HTML comments and non-English headings. The same N always
//! gives the same bytes.

use std::fmt::Write;
use std::path::PathBuf;

/// A tiny deterministic generator (xorshift), so no dependency is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TOPICS: [&str; 12] = [
    "Parser",
    "Storage",
    "Billing",
    "Search",
    "Onboarding",
    "Reports",
    "Sync",
    "Auth",
    "Exports",
    "Alerts",
    "Migration",
    "Dashboard",
];
const VERBS: [&str; 8] = [
    "Implement",
    "Design",
    "Test",
    "Ship",
    "Review",
    "Refactor",
    "Measure",
    "Automate",
];
const THINGS: [&str; 10] = [
    "the import pipeline",
    "retry logic",
    "the settings page",
    "rate limiting",
    "audit logging",
    "the CLI",
    "caching",
    "error reporting",
    "the public API",
    "backups",
];
const DURATIONS: [&str; 10] = [
    "1-2 weeks",
    "2 weeks",
    "3-4 weeks",
    "1 week",
    "2-3 weeks",
    "10 days",
    "1 month",
    "6-8h",
    "Ongoing",
    "4 weeks (Sprints 1-2)",
];
const DOCS: [&str; 4] = [
    "README updated with examples",
    "API documentation published",
    "Runbook written",
    "Changelog entry added",
];

fn item(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&VERBS), rng.pick(&THINGS))
}

fn milestone(out: &mut String, rng: &mut Rng, level: usize, keyword: &str, n: usize) {
    let hashes = "#".repeat(level);
    let topic = rng.pick(&TOPICS);
    match rng.below(4) {
        0 => {
            let _ = writeln!(out, "{hashes} 🚀 {keyword} {n}: {topic}\n");
        }
        1 => {
            let _ = writeln!(
                out,
                "{hashes} {keyword} {n} - {topic} ({})\n",
                rng.pick(&["1 week", "2-3 weeks", "Weeks 1-4"])
            );
        }
        2 => {
            let _ = writeln!(out, "{hashes} **{keyword} {n}: {topic}**\n");
        }
        _ => {
            let _ = writeln!(out, "{hashes} {keyword} {n} — {topic} ✅\n");
        }
    }
    if rng.below(3) == 0 {
        let _ = writeln!(
            out,
            "**Duration:** {} **Focus:** {} | **Owner:** Team {}\n",
            rng.pick(&DURATIONS),
            topic,
            rng.below(9)
        );
    } else {
        let _ = writeln!(
            out,
            "**Duration:** {}  \n**Focus:** {}\n",
            rng.pick(&DURATIONS),
            topic
        );
    }
    let _ = writeln!(out, "**Objectives:**\n");
    for _ in 0..2 + rng.below(4) {
        let _ = writeln!(out, "- {}", item(rng));
    }
    let label = rng.pick(&[
        "Success Criteria",
        "Deliverables",
        "Acceptance Criteria",
        "Definition of Done",
    ]);
    let _ = writeln!(out, "\n**{label}:**");
    for i in 0..3 + rng.below(5) {
        let mark = if rng.below(3) == 0 { "x" } else { " " };
        let _ = writeln!(out, "- [{mark}] {}", item(rng));
        if i == 1 && rng.below(2) == 0 {
            let _ = writeln!(out, "  - [ ] {}", item(rng));
        }
    }
    if rng.below(4) != 0 {
        let _ = writeln!(out, "- [ ] {}", rng.pick(&DOCS));
    }
    let _ = writeln!(out, "\n**Key Tasks:**\n");
    for _ in 0..2 + rng.below(4) {
        let _ = writeln!(out, "1. {} for {}", item(rng), topic.to_lowercase());
    }
    if rng.below(5) == 0 {
        let _ = writeln!(out, "\n<!-- owner: please confirm the estimate -->");
    }
    if rng.below(6) == 0 {
        let _ = writeln!(
            out,
            "\n```mermaid\ngantt\n  title {topic}\n  section A\n  Task :a1, 2026-01-01, 7d\n```"
        );
    }
    let _ = writeln!(out, "\n---\n");
}

fn file(rng: &mut Rng, index: usize) -> String {
    let mut out = String::with_capacity(12 * 1024);
    if index.is_multiple_of(7) {
        let _ = writeln!(
            out,
            "---\ntitle: Plan {index}\nowner: team-{}\n---\n",
            index % 13
        );
    }
    let _ = writeln!(
        out,
        "# Roadmap {index}\n\nA generated plan for benchmarks. Each section follows the shapes seen in real files.\n"
    );
    let _ = writeln!(out, "## Phases\n");
    let mut n = 1;
    while out.len() < 6 * 1024 {
        let kw = rng.pick(&["Phase", "Phase", "Fase", "Stage"]);
        milestone(&mut out, rng, 3, kw, n);
        if rng.below(3) == 0 {
            let _ = writeln!(out, "#### Technical Milestones\n");
            milestone(&mut out, rng, 4, "Milestone", n);
        }
        n += 1;
    }
    let _ = writeln!(out, "## Sprints\n");
    let mut s = 1;
    while out.len() < 10 * 1024 {
        let kw = rng.pick(&["Sprint", "Iteration", "阶段"]);
        milestone(&mut out, rng, 3, kw, s);
        s += 1;
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: gen_corpus DIR N"));
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .expect("usage: gen_corpus DIR N");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir
            .join(format!("team-{:02}", i % 20))
            .join(format!("area-{}", (i / 20) % 5));
        std::fs::create_dir_all(&sub).expect("create corpus folder");
        let text = file(&mut rng, i);
        bytes += text.len();
        std::fs::write(sub.join(format!("plan-{i:05}.md")), text).expect("write corpus file");
    }
    eprintln!("wrote {n} files, {bytes} bytes, into {}", dir.display());
}
