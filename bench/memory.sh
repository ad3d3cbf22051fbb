#!/usr/bin/env bash
# Peak resident memory of a check over many generated files, with mimalloc
# allowed and not allowed to use transparent huge pages (mlint opts out of
# THP itself, so the two should be close; docs/performance.md).
#
#   bench/memory.sh [N]      # default 10000 files (about 105 MB)
#
# Needs GNU time (/usr/bin/time). mlint exits 1 on the generated files
# (they have findings); only the memory is read.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
dir=${BENCH_DIR:-/tmp/mlint-memory-$n}
[ -d "$dir" ] || target/release/examples/gen_corpus "$dir" "$n"
for thp in 0 1; do
  kb=$(MIMALLOC_ALLOW_THP=$thp /usr/bin/time -f '%M' \
    target/release/mlint check --no-config --format json "$dir" 2>&1 >/dev/null | tail -1 || true)
  echo "MIMALLOC_ALLOW_THP=$thp: peak RSS $((kb / 1024)) MB over $n files"
done
