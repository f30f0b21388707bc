#!/usr/bin/env bash
# Runs every cargo-fuzz target for N seconds (default 60). cargo-fuzz needs nightly flags; the
# machine has stable Rust only, so RUSTC_BOOTSTRAP=1 unlocks them for the fuzz build alone.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
  echo "== $target ($seconds s)"
  cargo fuzz run "$target" -- -max_total_time="$seconds" 2>&1 | grep -E '^(Done|==|SUMMARY|thread)' || true
  cargo fuzz run "$target" -- -runs=0 >/dev/null 2>&1 # re-check: fails on any crash artifact
done
