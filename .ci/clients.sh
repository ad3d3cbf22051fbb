#!/usr/bin/env bash
# Real-client checks: mlint's machine formats and its pre-commit hooks, read
# by the tools that consume them in the wild rather than by our own tests.
#
#   .ci/clients.sh PATH/TO/mlint
#
# 1. SARIF: Microsoft's validator (`sarif-multitool validate`, SARIF and
#    GitHub rule sets) must report no error and no warning on the SARIF of
#    `mlint check fixtures/`.
# 2. JUnit: junitparser must read the JUnit output, with suite, test case
#    and failure counts matching the JSON output.
# 3. pre-commit: the `mlint-system` hook (binary on PATH, via `try-repo`)
#    and the README's `repo: local` example must fail on a bad milestone
#    file naming the rule, and pass once the file is fixed. With MLINT_CI_FULL_PRECOMMIT=1 the same is checked for
#    the `mlint` hook (`language: rust`), which makes pre-commit build mlint
#    with `cargo install`, a release build that takes several minutes.
#
# Every client is installed at a pinned version into a scratch directory;
# a client that cannot be installed fails the run, it is never skipped.
set -euo pipefail

SARIF_MULTITOOL_VERSION=5.7.0
JUNITPARSER_VERSION=5.0.3
PRE_COMMIT_VERSION=4.7.0

if [[ $# -ne 1 || ! -x $1 ]]; then
    echo "usage: $0 PATH/TO/mlint (an executable)" >&2
    exit 2
fi
MLINT=$(realpath "$1")
REPO_ROOT=${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
RULE=duration/inverted-range # the rule the pre-commit check's bad file breaks

work=$(mktemp -d "${TMPDIR:-/tmp}/mlint-clients.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
step() { printf '\n== %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

# The hooks' entry is `mlint ...`: put this binary on PATH under that name.
mkdir -p "$work/bin"
ln -s "$MLINT" "$work/bin/mlint"
export PATH="$work/bin:$PATH"
echo "mlint: $MLINT ($(mlint --version))"

# Runs `mlint check` in the checkout with output to $1; exit 1 (findings) is
# expected, anything but 0 or 1 is a failure.
check_fixtures() {
    local out=$1
    shift
    local rc=0
    (cd "$REPO_ROOT" && mlint check "$@" fixtures/) >"$out" 2>"$out.stderr" || rc=$?
    if [[ $rc -gt 1 ]]; then
        cat "$out.stderr" >&2
        fail "mlint check $* fixtures/ exited $rc"
    fi
}

step "installing clients"
mkdir -p "$work/npm"
(cd "$work/npm" && npm install --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >/dev/null)
# The package's own launcher hands its arguments to a shell; call the
# platform binary it wraps instead.
multitool=$(cd "$work/npm" && node -p "require('@microsoft/sarif-multitool-linux')")
[[ -x $multitool ]] || fail "sarif-multitool binary not found at $multitool"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
    "junitparser==$JUNITPARSER_VERSION" "pre-commit==$PRE_COMMIT_VERSION"
py="$work/venv/bin/python"

step "SARIF: sarif-multitool $SARIF_MULTITOOL_VERSION validate"
# Validates $1 (a SARIF log); $2 lists the validator rules allowed to warn.
validate_sarif() {
    "$multitool" validate "$1" --rule-kind "Sarif;Gh" --level "Error;Warning" \
        --log ForceOverwrite --output "$1.validation"
    "$py" - "$1" "$1.validation" "$2" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
results = log["runs"][0]["results"]
assert results, "the SARIF of fixtures/ has no results: nothing was validated"
validation = json.load(open(sys.argv[2]))
allowed = set(filter(None, sys.argv[3].split(",")))
run = validation["runs"][0]
assert all(i.get("executionSuccessful", False) for i in run.get("invocations", [])), "the validator did not run to completion"
problems = [r for r in run.get("results", []) if r.get("level", "warning") in ("error", "warning")]
unexpected = [r for r in problems if r["ruleId"] not in allowed]
for r in problems:
    print(r.get("level", "warning"), r["ruleId"], r["message"].get("arguments"), file=sys.stderr)
assert not unexpected, f"{len(unexpected)} validator errors/warnings"
but = " but " + ", ".join(sorted(allowed)) if allowed else ""
print(f"ok: {len(results)} results, {len(log['runs'][0]['tool']['driver']['rules'])} rules, no validator errors or warnings{but}")
EOF
}
# Without `docs_url` mlint names no address for itself or its rules (it has
# no public home): the one warning allowed is SARIF2005, "no informationUri".
check_fixtures "$work/fixtures.sarif" --format sarif
validate_sarif "$work/fixtures.sarif" SARIF2005
# With `docs_url` (as a team that publishes docs/rules/ sets it), none.
printf 'docs_url = "https://docs.example.org/mlint/rules"\n' >"$work/docs-url.toml"
check_fixtures "$work/fixtures-docs.sarif" --format sarif --config "$work/docs-url.toml"
validate_sarif "$work/fixtures-docs.sarif" ""
grep -q '"informationUri"' "$work/fixtures-docs.sarif" || fail "no informationUri with docs_url set"

step "JUnit: junitparser $JUNITPARSER_VERSION"
check_fixtures "$work/fixtures.xml" --format junit
check_fixtures "$work/fixtures.json" --format json
"$py" - "$work/fixtures.xml" "$work/fixtures.json" <<'EOF'
import collections, json, sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
report = json.load(open(sys.argv[2]))
per_path = collections.Counter(d["path"] for d in report["diagnostics"])
suites = list(xml)
assert len(suites) == report["summary"]["files"], (len(suites), report["summary"]["files"])
failures = 0
for suite in suites:
    cases = list(suite)
    failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    expected = per_path.get(suite.name, 0)
    assert len(failed) == expected, (suite.name, len(failed), expected)
    assert len(cases) == max(expected, 1), (suite.name, len(cases))
    assert suite.tests == len(cases) and suite.failures == expected, (suite.name, suite.tests, suite.failures)
    failures += len(failed)
assert failures == len(report["diagnostics"]), (failures, len(report["diagnostics"]))
print(f"ok: {len(suites)} suites, {sum(len(list(s)) for s in suites)} test cases, {failures} failures, as in the JSON output")
EOF

step "pre-commit $PRE_COMMIT_VERSION"
# pre-commit clones the hook repository at a commit. A clean checkout (CI)
# is used as it is; a dirty one is snapshotted, untracked files included, so
# the hooks tested are the ones on disk.
git_ci() { git -c user.name=mlint-ci -c user.email=mlint-ci@example.invalid -c init.defaultBranch=main "$@"; }
if [[ -z $(git -C "$REPO_ROOT" status --porcelain) ]]; then
    hook_repo=$REPO_ROOT
else
    echo "the checkout has uncommitted changes: testing a snapshot of the working tree"
    hook_repo="$work/hook-repo"
    mkdir -p "$hook_repo"
    git -C "$REPO_ROOT" ls-files -z --cached --others --exclude-standard | python3 -c '
import os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
for rel in filter(None, sys.stdin.buffer.read().decode().split("\0")):
    path = os.path.join(src, rel)
    if os.path.isfile(path):  # deleted files are still in the index
        os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
        shutil.copy2(path, os.path.join(dst, rel))
' "$REPO_ROOT" "$hook_repo"
    git_ci -C "$hook_repo" init -q
    git_ci -C "$hook_repo" add -A
    git_ci -C "$hook_repo" commit -q -m snapshot
fi
hook_rev=$(git -C "$hook_repo" rev-parse HEAD)
export PRE_COMMIT_HOME="$work/pre-commit-home"
project="$work/project"
mkdir -p "$project/milestones"
git_ci -C "$project" init -q
# A complete milestone that passes every bundled rule; the bad one differs
# only in its inverted duration range.
write_plan() {
    cat >"$project/milestones/plan.md" <<EOF
# Release plan

## Phase 2: Build

**Duration:** $1

**Objectives:**
- Build the core

**Success Criteria:**
- [ ] Core merged
- [ ] Architecture documented
EOF
}
write_bad() { write_plan "6-2 weeks"; }
write_good() { write_plan "2-6 weeks"; }
cat >"$project/milestones/notes.md" <<'EOF'
# Notes

## Phase 1: Discover

**Duration:** 1-2 weeks

**Objectives:**
- Interview ten users

**Deliverables:**
- [ ] Interview notes
- [ ] Findings documented in the wiki
EOF

# Preflight with the binary itself, so a rule added later that the sample
# files break shows up as that, not as a broken hook.
write_bad
(cd "$project" && mlint check milestones/plan.md milestones/notes.md) >"$work/preflight.out" 2>&1 \
    && fail "mlint passes the bad sample file: $(cat "$work/preflight.out")"
grep -q "$RULE" "$work/preflight.out" || fail "the bad sample file does not break $RULE: $(cat "$work/preflight.out")"
write_good
(cd "$project" && mlint check milestones/plan.md milestones/notes.md) >"$work/preflight.out" 2>&1 \
    || fail "the good sample files no longer pass every rule; update them in $0: $(cat "$work/preflight.out")"

# Runs pre-commit ($@) on the bad file, then on the fixed one.
prove_hook() {
    local name=$1
    shift
    local rc=0
    write_bad
    git_ci -C "$project" add -A
    (cd "$project" && "$work/venv/bin/pre-commit" "$@") >"$work/hook.out" 2>&1 || rc=$?
    cat "$work/hook.out"
    [[ $rc -ne 0 ]] || fail "$name passed on a bad file"
    grep -q "$RULE" "$work/hook.out" || fail "$name failed without naming $RULE"
    write_good
    git_ci -C "$project" add -A
    rc=0
    (cd "$project" && "$work/venv/bin/pre-commit" "$@") >"$work/hook.out" 2>&1 || rc=$?
    cat "$work/hook.out"
    [[ $rc -eq 0 ]] || fail "$name failed on a fixed file"
    echo "ok: $name fails on $RULE and passes once it is fixed"
}

prove_hook "mlint-system (try-repo)" try-repo "$hook_repo" mlint-system --ref "$hook_rev" \
    --files milestones/plan.md milestones/notes.md

# The README's `repo: local` example, exactly as shipped.
cp "$REPO_ROOT/docs/examples/pre-commit-local.yaml" "$project/.pre-commit-config.yaml"
prove_hook "repo: local (docs/examples/pre-commit-local.yaml)" run --files milestones/plan.md milestones/notes.md

if [[ ${MLINT_CI_FULL_PRECOMMIT:-0} == 1 ]]; then
    step "pre-commit: the language: rust hook (cargo install, several minutes)"
    cat >"$project/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hook_repo
    rev: $hook_rev
    hooks:
      - id: mlint
EOF
    prove_hook "mlint (language: rust)" run --files milestones/plan.md milestones/notes.md
else
    echo "skipping the language: rust hook's cargo build (set MLINT_CI_FULL_PRECOMMIT=1 to run it)"
fi

step "all client checks passed"
