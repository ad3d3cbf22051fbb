#!/usr/bin/env bash
# Re-creates vendor/regorus: the regorus release from crates.io, trimmed to
# what a build needs, with vendor/regorus.patch applied. See vendor/README.md.
#
#   bash vendor/update-regorus.sh               # the version vendored now
#   bash vendor/update-regorus.sh 0.15.0        # another release (the patch
#                                               # may need refreshing: README)
#   bash vendor/update-regorus.sh --into DIR    # into DIR instead (CI compares
#                                               # it with vendor/regorus)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/regorus"
if [ "${1:-}" = "--into" ]; then
  dest=${2:?"--into needs a folder"}
  shift 2
fi
# The version vendored now: the first `version` of its manifest's [package].
vendored=$(awk -F'"' '/^version = /{print $2; exit}' "$here/regorus/Cargo.toml" 2>/dev/null || true)
version=${1:-$vendored}
if [ -z "$version" ]; then
  echo "no regorus vendored yet: name the version, e.g. bash $0 0.14.1" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Let cargo download the release: it knows the registry and checks the
# checksum. The .crate file is a gzipped tarball.
mkdir -p "$work/fetch/src"
cat >"$work/fetch/Cargo.toml" <<EOF
[package]
name = "fetch-regorus"
version = "0.0.0"
edition = "2021"

[dependencies]
regorus = { version = "=$version", default-features = false }
EOF
: >"$work/fetch/src/lib.rs"
(cd "$work/fetch" && cargo fetch --quiet)
crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"regorus-$version.crate" | head -n 1)
tar -xzf "$crate" -C "$work"
upstream="$work/regorus-$version"

rm -rf "$dest"
mkdir -p "$dest"
# The library and what it includes at compile time (README.md is the crate's
# doc comment). Tests, benches, examples, bindings and docs stay upstream.
cp -r "$upstream/src" "$upstream/build.rs" "$upstream/LICENSE" "$upstream/README.md" "$dest/"
# The manifest without the targets whose files are not copied.
awk '
  /^\[/ { skip = ($0 ~ /^\[\[(example|test|bench)\]\]/ || $0 ~ /^\[dev-dependencies/) }
  !skip
' "$upstream/Cargo.toml" >"$dest/Cargo.toml"

if [ -s "$here/regorus.patch" ]; then
  patch --quiet -p1 -d "$dest" <"$here/regorus.patch"
fi
echo "$dest: regorus $version with vendor/regorus.patch applied"
