#!/usr/bin/env bash
# Runs every test: native `cargo test` (pure logic and doc examples), then the wasm-bindgen-test
# suites in headless Chromium and in headless Firefox. Fails if any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh

chromedriver="${CHROMEDRIVER:-/usr/bin/chromedriver}"
geckodriver="${GECKODRIVER:-$(command -v geckodriver)}"
# wasm-bindgen-test-runner picks Firefox whenever GECKODRIVER is set, whatever wasm-pack was
# asked for, so each run sees only its own driver variable.
unset CHROMEDRIVER GECKODRIVER
# The runner's limit is for a whole test binary (default 20 s); each test has its own timeout.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-600}"

echo "== native: cargo test"
cargo test --quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for browser in chrome firefox; do
  case $browser in
    chrome) driver=(CHROMEDRIVER="$chromedriver"); name=Chrome ;;
    firefox) driver=(GECKODRIVER="$geckodriver"); name=Firefox ;;
  esac
  echo "== wasm: wasm-pack test --headless --$browser"
  if ! env "${driver[@]}" wasm-pack test --headless "--$browser" -- "$@" 2>&1 | tee "$log"; then
    echo "!! tests failed in $browser"
    status=1
  fi
  # Every suite must really have run in this browser.
  if grep "Running headless tests in" "$log" | grep -qv " in $name "; then
    echo "!! a suite ran in the wrong browser (expected $name)"
    status=1
  fi
done
echo "== demo: bash scripts/demo.sh --selftest (Alice and Bob chat in headless Chromium and Firefox)"
if ! PORT="${DEMO_PORT:-18080}" bash scripts/demo.sh --selftest; then
  echo "!! the demo self-test failed"
  status=1
fi
echo "== npm package: bash npm/test/run.sh --vite (Node, tsc, headless Chromium and Firefox, a Vite app)"
if ! bash npm/test/run.sh --vite; then
  echo "!! the npm package tests failed"
  status=1
fi
exit $status
