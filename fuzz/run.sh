#!/usr/bin/env bash
# Fuzzes mlint's parser and whole check of one document.
#
#   fuzz/run.sh [SECONDS]     (default 1200 per target)
#
# With cargo-fuzz and a nightly toolchain (`cargo install cargo-fuzz`,
# `rustup toolchain install nightly`), runs the libFuzzer targets `parse` and
# `check` for SECONDS each, starting from the committed seeds in
# fuzz/corpus/<target>/ and keeping what it learns in fuzz/work/<target>/
# (ignored by git). libFuzzer runs in fork mode and keeps going after a
# crash or a timeout, so one known bug does not end the run; crashes land in
# fuzz/artifacts/<target>/ and are listed at the end: turn each into a
# regression test before fixing it.
#
# Without them, falls back to the ignored proptest `long_fuzz` in
# tests/properties.rs with PROPTEST_CASES (default 20000).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-1200}"

if command -v cargo-fuzz >/dev/null 2>&1 && cargo +nightly --version >/dev/null 2>&1; then
    for target in parse check; do
        mkdir -p "work/$target"
        echo "fuzzing $target for ${seconds}s"
        cargo +nightly fuzz run --sanitizer none "$target" "work/$target" "corpus/$target" -- \
            -max_total_time="$seconds" -max_len="$([ "$target" = check ] && echo 16384 || echo 65536)" -timeout=30 -rss_limit_mb=4096 \
            -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -print_final_stats=1
    done
    ls -l artifacts/*/ 2>/dev/null || echo "no crashes"
else
    echo "cargo-fuzz or nightly missing: running the proptest fallback"
    cd ..
    PROPTEST_CASES="${PROPTEST_CASES:-20000}" \
        cargo test --test properties -- --ignored long_fuzz --nocapture
fi
