#!/usr/bin/env bash
# The benchmark: wasm-rtc against raw JS, raw web-sys, the npm package's JS helper and simple-peer,
# side by side in one page, in headless Chromium and headless Firefox.
#
#   npm run bench                     # or: bash scripts/bench.sh  (full run: ~9 min per browser on 2 cores)
#   BENCH_QUICK=1 npm run bench       # small sizes, one round: for iteration, not for figures
#   bash scripts/bench.sh --browsers firefox --cases small,latency   # a subset (see bench/run.py)
#   bash scripts/bench.sh --cases small,breakdown --rounds 15        # where small messages' time goes
#
# Installs the tools (scripts/setup.sh), builds the npm package (scripts/build-npm.sh: the JS
# helper and the shim entry) and the bench crate bench/ in release mode (wasm-pack, into
# bench/pkg/), installs simple-peer and webrtc-adapter from bench/package-lock.json (npm ci), then
# bench/run.py serves the repository root with COOP/COEP, drives /bench/index.html in both browsers
# (scripts/webdriver.py), prints a table per browser and writes bench/results/latest.{json,md} and
# www/bench/results.json (drawn by www/bench/index.html). Targets are printed, never fatal: the
# exit status is non-zero only if a browser run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }

bash scripts/setup.sh
bash scripts/build-npm.sh

say "building bench/ (release) into bench/pkg"
# A target directory of its own: other profiles and features than the tests' and the npm build's.
CARGO_TARGET_DIR="$PWD/target/bench-cargo" \
  wasm-pack --quiet build bench --release --target web --out-dir pkg --no-pack

say "installing simple-peer and webrtc-adapter (npm ci in bench/)"
npm ci --prefix bench --no-audit --no-fund --silent

quick=()
[ "${BENCH_QUICK:-0}" = 1 ] && quick=(--quick)
exec python3 bench/run.py "${quick[@]}" "$@"
