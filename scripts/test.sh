#!/usr/bin/env bash
# Runs every test: native `cargo test` (pure logic and doc examples), then the wasm-bindgen-test
# suites in headless Chromium and in headless Firefox. Fails if any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh

export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver)}"
# The runner's limit is for a whole test binary (default 20 s); each test has its own timeout.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-600}"

echo "== native: cargo test"
cargo test --quiet

status=0
for browser in chrome firefox; do
  echo "== wasm: wasm-pack test --headless --$browser"
  if ! wasm-pack test --headless "--$browser" -- "$@"; then
    echo "!! tests failed in $browser"
    status=1
  fi
done
exit $status
