//! Markdown → the JSON document policies receive as `input` (see `docs/input.md`).
