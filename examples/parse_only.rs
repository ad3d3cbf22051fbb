//! The baseline for the performance targets: how long pulldown-cmark alone
//! takes to parse every Markdown file under a directory, on one thread.
//! `cargo run --release --example parse_only -- DIR` prints the files, bytes
//! and seconds; reading the files is not counted.

use pulldown_cmark::{Options, Parser};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_only DIR");
    let mut texts = Vec::new();
    for entry in ignore::Walk::new(&dir).flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            texts.push(std::fs::read_to_string(entry.path()).expect("utf-8 file"));
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = Instant::now();
    let mut events = 0usize;
    for text in &texts {
        let options = Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES;
        events += Parser::new_ext(text, options).into_offset_iter().count();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {bytes} bytes, {events} events, {secs:.4} s",
        texts.len()
    );
}
