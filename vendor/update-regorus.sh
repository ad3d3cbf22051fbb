#!/usr/bin/env bash
# Re-creates vendor/regorus: the regorus release from crates.io, trimmed to
# what a build needs, with vendor/regorus.patch applied. See vendor/README.md.
#
#   bash vendor/update-regorus.sh              # the version below
#   bash vendor/update-regorus.sh 0.15.0       # another release (the patch
#                                              # may need refreshing: README)
#   bash vendor/update-regorus.sh 0.14.1 DIR   # into DIR instead (CI compares
#                                              # it with vendor/regorus)
set -euo pipefail
version=${1:-0.14.1}
here=$(cd "$(dirname "$0")" && pwd)
dest=${2:-"$here/regorus"}
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
