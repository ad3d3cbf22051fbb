#!/usr/bin/env bash
# Instructions executed by a one-file check, counted by callgrind: a
# deterministic measure of start-up cost (wall time on a shared machine is
# noise). Prints the total and the largest inclusive costs.
#
#   bench/instructions.sh [FILE]     # default: fixtures/examples/roadmap.md
#
# Needs valgrind. See docs/performance.md for the figures so far.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-fixtures/examples/roadmap.md}
cargo build --release --quiet
out=$(mktemp /tmp/mlint-callgrind.XXXXXX)
valgrind --tool=callgrind --callgrind-out-file="$out" \
  target/release/mlint check --no-config "$file" >/dev/null 2>"$out.log" || true
grep -o 'Collected : [0-9]*' "$out.log" | sed 's/Collected : /instructions: /'
callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
  grep -E 'mlint::|yaml_serde::loader|regex_automata::meta::regex::Builder::build|_dl_start ' |
  head -25
rm -f "$out" "$out.log"
