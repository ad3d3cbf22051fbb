#!/usr/bin/env bash
# Whole-process benchmark: mlint against markdownlint-cli2 and against
# pulldown-cmark alone, on a deterministic generated corpus.
#
#   bench/compare.sh            # full run (markdownlint-cli2 on 1,000 files takes minutes)
#   QUICK=1 bench/compare.sh    # fewer runs, no 10,000-file tree
#
# Needs: cargo, hyperfine (apt-get install hyperfine), npm, python3.
# Prints a Markdown table of medians and ratios; the README carries the
# latest one. The machine is noisy: read the ratios, which are measured in
# the same run, rather than the absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
slow_runs=${SLOW_RUNS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/mlint-bench.XXXXXX)}
mkdir -p "$work"
echo "working in $work" >&2

command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }

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
mkdir -p "$json"
# Findings make both tools exit non-zero; hyperfine must not stop on that.
hf() { local name=$1; shift; hyperfine --style none -N -i --export-json "$json/$name.json" "$@" >/dev/null 2>&1; }

hf one_mlint -w 3 -r "$runs" "$mlint check --no-config $one"
hf one_mdl -w 1 -r "$runs" "$mdl $one"
hf tree_mlint -w 1 -r "$runs" "$mlint check --no-config --format json $work/c1k"
hf tree_j1 -w 1 -r "$runs" "$mlint check --no-config --format json -j 1 $work/c1k"
hf tree_j2 -w 1 -r "$runs" "$mlint check --no-config --format json -j 2 $work/c1k"
hf tree_mdl -w 0 -r "$slow_runs" "$mdl $work/c1k/**/*.md"
hf tree_parse -w 1 -r "$runs" "$parse_only $work/c1k"
if [ -z "${QUICK:-}" ]; then
  hf big_mlint -w 0 -r "$slow_runs" "$mlint check --no-config --format json $work/c10k"
fi

# pulldown-cmark alone: parse_only times its own parsing (no process start,
# no reading); the median of $runs runs, in seconds.
parse_median() {
  for _ in $(seq "$runs"); do "$parse_only" "$1" | awk '{print $(NF-1)}'; done |
    sort -g | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)]}'
}

# The real files of ../shared/corpus (when it is there), 40 copies of each:
# about 1,000 files and 7 MB, with the milestone density of real plans
# (~0.5 milestone per KB; the generated files have ~1.8).
real=${MLINT_CORPUS:-../shared/corpus}
real_parse_line=
if [ -z "${QUICK:-}" ] && [ -d "$real" ]; then
  if [ ! -d "$work/real" ]; then
    for i in $(seq -w 0 39); do
      mkdir -p "$work/real/r$i"
      cp "$real"/*.md "$work/real/r$i/"
    done
  fi
  hf real_mlint -w 1 -r "$runs" "$mlint check --no-config --format json $work/real"
  hf real_mdl -w 0 -r "$slow_runs" "$mdl $work/real/**/*.md"
  real_parse_line=$(parse_median "$work/real")
fi

rss() { /usr/bin/time -f '%M' "$@" >/dev/null 2>"$work/rss" || true; tail -n 1 "$work/rss"; }
rss_1k=$(rss "$mlint" check --no-config --format json "$work/c1k")
rss_10k=$([ -n "${QUICK:-}" ] || rss "$mlint" check --no-config --format json "$work/c10k")
parse_line=$(parse_median "$work/c1k")

python3 - "$json" "$rss_1k" "${rss_10k:-}" "$parse_line" "$real_parse_line" <<'PY'
import json, os, sys, platform, datetime
d, rss1k, rss10k, parse_line, real_parse_line = sys.argv[1:6]
def med(name):
    p = os.path.join(d, name + ".json")
    if not os.path.exists(p):
        return None
    return json.load(open(p))["results"][0]["median"]
m = {k: med(k) for k in ["one_mlint", "one_mdl", "tree_mlint", "tree_j1", "tree_j2", "tree_mdl", "tree_parse", "big_mlint", "real_mlint", "real_mdl"]}
parse_s = float(parse_line)
ms = lambda s: f"{s*1000:.1f} ms" if s < 1 else f"{s:.2f} s"
rows = [
    ("one file: mlint", ms(m["one_mlint"]), "target < 15 ms"),
    ("one file: markdownlint-cli2", ms(m["one_mdl"]), f"mlint is {m['one_mdl']/m['one_mlint']:.0f}x faster (target >= 50x)"),
    ("1,000 files: mlint (default jobs)", ms(m["tree_mlint"]), ""),
    ("1,000 files: markdownlint-cli2", ms(m["tree_mdl"]), f"mlint is {m['tree_mdl']/m['tree_mlint']:.0f}x faster (target >= 50x)"),
    ("1,000 files: pulldown-cmark alone, 1 thread", ms(parse_s), f"mlint takes {m['tree_mlint']/parse_s:.1f}x (target <= 4x)"),
    ("1,000 files: mlint --jobs 1", ms(m["tree_j1"]), ""),
    ("1,000 files: mlint --jobs 2", ms(m["tree_j2"]), f"{m['tree_j1']/m['tree_j2']:.2f}x faster than --jobs 1 (target >= 1.6x)"),
]
if m["big_mlint"]:
    rows.append(("10,000 files: mlint", ms(m["big_mlint"]), f"{m['big_mlint']/m['tree_mlint']:.1f}x the 1,000-file time (target <= 11x)"))
if m["real_mlint"] and m["real_mdl"]:
    real_parse_s = float(real_parse_line)
    rows += [
        ("1,000 real files (../shared/corpus x40): mlint", ms(m["real_mlint"]), ""),
        ("1,000 real files: markdownlint-cli2", ms(m["real_mdl"]), f"mlint is {m['real_mdl']/m['real_mlint']:.0f}x faster"),
        ("1,000 real files: pulldown-cmark alone, 1 thread", ms(real_parse_s), f"mlint takes {m['real_mlint']/real_parse_s:.1f}x"),
    ]
rows.append(("peak memory, 1,000 files", f"{int(rss1k)/1024:.0f} MB", ""))
if rss10k:
    rows.append(("peak memory, 10,000 files", f"{int(rss10k)/1024:.0f} MB", "target < 64 MB"))
print(f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({platform.machine()}), medians of hyperfine runs.\n")
print("| run | median | ratio |")
print("| --- | --- | --- |")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} |")
PY
