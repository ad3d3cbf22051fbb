#!/usr/bin/env bash
# Whole-process benchmark: mlint against markdownlint-cli2 and against
# pulldown-cmark alone, on a deterministic generated corpus.
#
#   bench/compare.sh            # full run (markdownlint-cli2 on 1,000 files takes minutes)
#   QUICK=1 bench/compare.sh    # fewer runs, no 10,000-file tree
#
# Needs: cargo, npm, python3. Also compares on ../shared/corpus copied 40
# times when it is there (MLINT_CORPUS=DIR to use another folder).
# Prints a Markdown table of medians and ratios; the README carries the
# latest one. The machine is noisy: read the ratios, which are measured in
# alternation (bench/measure.py), rather than the absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
slow_runs=${SLOW_RUNS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/mlint-bench.XXXXXX)}
mkdir -p "$work"
echo "working in $work" >&2

cargo build --release --quiet
cargo build --release --quiet --example gen_corpus --example parse_only
mlint=$PWD/target/release/mlint
gen=$PWD/target/release/examples/gen_corpus
parse_only=$PWD/target/release/examples/parse_only

[ -d "$work/c1k" ] || "$gen" "$work/c1k" 1000
[ -n "${QUICK:-}" ] || [ -d "$work/c10k" ] || "$gen" "$work/c10k" 10000
one=$(find "$work/c1k" -name 'plan-00000.md')

if [ ! -x "$work/npm/node_modules/.bin/markdownlint-cli2" ]; then
  mkdir -p "$work/npm"
  (cd "$work/npm" && npm install --silent --no-audit --no-fund markdownlint-cli2@0.24.1 >/dev/null)
fi
mdl=$work/npm/node_modules/.bin/markdownlint-cli2

json=$work/json
rm -rf "$json"
mkdir -p "$json"
# Commands compared with each other are timed in alternation (measure.py):
# NAME=REPS:COMMAND runs COMMAND REPS times per round.
measure() { python3 bench/measure.py "$json" "$@"; }

measure "$runs" \
  "one_mlint=3:$mlint check --no-config $one" \
  "one_mdl=1:$mdl $one"
measure "$slow_runs" \
  "tree_mlint=5:$mlint check --no-config --format json $work/c1k" \
  "tree_mdl=1:$mdl $work/c1k/**/*.md"
# Without markdownlint-cli2's 40 s per round, the ratio to pulldown-cmark
# gets as many rounds as the fast comparisons. With every rule off, mlint
# evaluates nothing (and builds no input): what is left is reading, parsing
# and reporting, which shows what the rules cost.
off="--rule content/*=off --rule docs/*=off --rule duration/*=off --rule structure/*=off"
measure "$runs" \
  "tree_fast=5:$mlint check --no-config --format json $work/c1k" \
  "tree_norules=5:$mlint check --no-config --format json $off $work/c1k" \
  "tree_parse=5:$parse_only $work/c1k"
measure "$runs" \
  "tree_j1=1:$mlint check --no-config --format json -j 1 $work/c1k" \
  "tree_j2=1:$mlint check --no-config --format json -j 2 $work/c1k"
if [ -z "${QUICK:-}" ]; then
  measure "$((slow_runs > 5 ? slow_runs : 5))" \
    "big_mlint=1:$mlint check --no-config --format json $work/c10k" \
    "big_base=3:$mlint check --no-config --format json $work/c1k"
fi

# The real files of ../shared/corpus (when it is there), 40 copies of each:
# about 1,000 files and 7 MB, with the milestone density of real plans
# (~0.5 milestone per KB; the generated files have ~1.8).
real=${MLINT_CORPUS:-../shared/corpus}
if [ -z "${QUICK:-}" ] && [ -d "$real" ]; then
  if [ ! -d "$work/real" ]; then
    for i in $(seq -w 0 39); do
      mkdir -p "$work/real/r$i"
      cp "$real"/*.md "$work/real/r$i/"
    done
  fi
  measure "$slow_runs" \
    "real_mlint=5:$mlint check --no-config --format json $work/real" \
    "real_mdl=1:$mdl $work/real/**/*.md"
  measure "$runs" \
    "real_fast=5:$mlint check --no-config --format json $work/real" \
    "real_norules=5:$mlint check --no-config --format json $off $work/real" \
    "real_parse=5:$parse_only $work/real"
fi

rss() { /usr/bin/time -f '%M' "$@" >/dev/null 2>"$work/rss" || true; tail -n 1 "$work/rss"; }
rss_1k=$(rss "$mlint" check --no-config --format json "$work/c1k")
rss_10k=$([ -n "${QUICK:-}" ] || rss "$mlint" check --no-config --format json "$work/c10k")

python3 - "$json" "$rss_1k" "${rss_10k:-}" <<'PY'
import json, os, sys, platform, datetime, statistics
d, rss1k, rss10k = sys.argv[1:4]
def load(name):
    p = os.path.join(d, name + ".json")
    if not os.path.exists(p):
        return None
    return json.load(open(p))["results"][0]
names = ["one_mlint", "one_mdl", "tree_mlint", "tree_fast", "tree_j1", "tree_j2", "tree_mdl", "tree_parse", "tree_norules", "big_mlint", "big_base", "real_mlint", "real_fast", "real_norules", "real_mdl", "real_parse"]
res = {k: load(k) for k in names}
m = {k: r and r["median"] for k, r in res.items()}
def rounds(name):
    r = res[name]
    reps = r.get("reps", len(r["times"]))
    return [statistics.median(r["times"][i:i + reps]) for i in range(0, len(r["times"]), reps)]
def ratio(a, b):
    # The median of the ratios taken round by round: both commands of a
    # round ran within seconds of each other, so drifts of the machine's
    # speed over minutes cancel out.
    return statistics.median(x / y for x, y in zip(rounds(a), rounds(b)))
parse_s = m["tree_parse"]
ms = lambda s: f"{s*1000:.1f} ms" if s < 1 else f"{s:.2f} s"
rows = [
    ("one file: mlint", ms(m["one_mlint"]), "target < 15 ms"),
    ("one file: markdownlint-cli2", ms(m["one_mdl"]), f"mlint is {ratio('one_mdl', 'one_mlint'):.0f}x faster (target >= 50x)"),
    ("1,000 files: mlint (default jobs)", ms(m["tree_mlint"]), ""),
    ("1,000 files: markdownlint-cli2", ms(m["tree_mdl"]), f"mlint is {ratio('tree_mdl', 'tree_mlint'):.0f}x faster (target >= 50x)"),
    ("1,000 files: pulldown-cmark alone, 1 thread", ms(parse_s), f"mlint takes {ratio('tree_fast', 'tree_parse'):.1f}x (target <= 4x)"),
    ("1,000 files: mlint with every rule off", ms(m["tree_norules"]), f"{ratio('tree_norules', 'tree_parse'):.1f}x pulldown-cmark: the rules cost {ratio('tree_fast', 'tree_parse') - ratio('tree_norules', 'tree_parse'):.1f}x"),
    ("1,000 files: mlint --jobs 1", ms(m["tree_j1"]), ""),
    ("1,000 files: mlint --jobs 2", ms(m["tree_j2"]), f"{ratio('tree_j1', 'tree_j2'):.2f}x faster than --jobs 1 (target >= 1.6x)"),
]
if m["big_mlint"]:
    rows.append(("10,000 files: mlint", ms(m["big_mlint"]), f"{ratio('big_mlint', 'big_base'):.1f}x the 1,000-file time (target <= 11x)"))
if m["real_mlint"] and m["real_mdl"]:
    real_parse_s = m["real_parse"]
    rows += [
        ("1,000 real files (../shared/corpus x40): mlint", ms(m["real_mlint"]), ""),
        ("1,000 real files: markdownlint-cli2", ms(m["real_mdl"]), f"mlint is {ratio('real_mdl', 'real_mlint'):.0f}x faster"),
        ("1,000 real files: pulldown-cmark alone, 1 thread", ms(real_parse_s), f"mlint takes {ratio('real_fast', 'real_parse'):.1f}x"),
        ("1,000 real files: mlint with every rule off", ms(m["real_norules"]), f"{ratio('real_norules', 'real_parse'):.1f}x pulldown-cmark: the rules cost {ratio('real_fast', 'real_parse') - ratio('real_norules', 'real_parse'):.1f}x"),
    ]
rows.append(("peak memory, 1,000 files", f"{int(rss1k)/1024:.0f} MB", ""))
if rss10k:
    rows.append(("peak memory, 10,000 files", f"{int(rss10k)/1024:.0f} MB", "target < 64 MB"))
print(f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({platform.machine()}): medians of interleaved runs; ratios are medians of the ratios of each round.\n")
print("| run | median | ratio |")
print("| --- | --- | --- |")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} |")
PY
