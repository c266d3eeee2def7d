#!/usr/bin/env bash
# Runs every test: native `cargo test` (pure logic and doc examples), then the wasm-bindgen-test
# suites in headless Chromium and in headless Firefox (with nats-server, coturn and nginx on
# loopback for the signaling, TURN and identity suites), the demo's self-test, calls between two
# browser processes through nats-server and from each browser to aiortc (tests/calls/run.py,
# which makes aiortc's virtualenv in target/interop-venv), the Leptos and Yew examples
# (examples/run.py) and the npm package's tests.
# Fails if any of them fails.
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

# With the UI features, so the examples in their docs are compiled too.
echo "== native: cargo test --features \"leptos yew\""
cargo test --quiet --features "leptos yew"

log=$(mktemp)
# The signaling tests (tests/nats.rs) talk to real nats-servers on loopback: one with a token
# and a 64 KiB max_payload, one with users and permissions; their URLs (and a port where
# nothing listens) are compiled into them.
nats_out=$(mktemp); nats_users_out=$(mktemp); turn_out=$(mktemp)
python3 scripts/nats_server.py --token "wasm-rtc-test-$$" --max-payload 65536 >"$nats_out" &
nats=$!
python3 scripts/nats_server.py --users "password-$$" >"$nats_users_out" &
nats_users=$!
# The TURN tests (tests/turn.rs) relay through a real coturn on loopback, one user with a
# long-term credential; its port is compiled into them.
python3 scripts/turn_server.py --user wasm-rtc --password "turn-password-$$" >"$turn_out" &
turn=$!
# The identity tests (tests/identity.rs) load their IdPs over HTTPS from nginx on loopback; its
# port is compiled into them.
idp_out=$(mktemp)
python3 scripts/idp_server.py >"$idp_out" &
idp=$!
trap 'kill "$nats" "$nats_users" "$turn" "$idp" 2>/dev/null || true; rm -f "$log" "$nats_out" "$nats_users_out" "$turn_out" "$idp_out"' EXIT
for _ in $(seq 100); do [ -s "$nats_out" ] && [ -s "$nats_users_out" ] && [ -s "$turn_out" ] && [ -s "$idp_out" ] && break; sleep 0.1; done
export WASM_RTC_NATS_URL; WASM_RTC_NATS_URL=$(head -n1 "$nats_out")
export WASM_RTC_NATS_TOKEN="wasm-rtc-test-$$"
export WASM_RTC_NATS_USERS_URL; WASM_RTC_NATS_USERS_URL=$(head -n1 "$nats_users_out")
export WASM_RTC_NATS_PASSWORD="password-$$"
export WASM_RTC_NATS_DEAD_URL; WASM_RTC_NATS_DEAD_URL="ws://127.0.0.1:$(python3 -c 'import sys; sys.path.insert(0, "scripts"); from webdriver import free_port; print(free_port())')"
[ -n "$WASM_RTC_NATS_URL" ] && [ -n "$WASM_RTC_NATS_USERS_URL" ] || { echo "!! nats-server did not start"; exit 1; }
echo "== nats-servers for the signaling tests: $WASM_RTC_NATS_URL (token), $WASM_RTC_NATS_USERS_URL (users)"
export WASM_RTC_TURN_PORT; WASM_RTC_TURN_PORT=$(head -n1 "$turn_out")
export WASM_RTC_TURN_USER=wasm-rtc WASM_RTC_TURN_PASSWORD="turn-password-$$"
[ -n "$WASM_RTC_TURN_PORT" ] || { echo "!! coturn did not start"; exit 1; }
echo "== coturn for the TURN tests: turn:127.0.0.1:$WASM_RTC_TURN_PORT (UDP and TCP)"
export WASM_RTC_IDP_PORT; WASM_RTC_IDP_PORT=$(head -n1 "$idp_out")
[ -n "$WASM_RTC_IDP_PORT" ] || { echo "!! nginx (the IdPs) did not start"; exit 1; }
echo "== nginx for the identity tests: https://127.0.0.1:$WASM_RTC_IDP_PORT/.well-known/idp-proxy/"
# The UI integrations' suites (tests/leptos.rs, tests/yew.rs) need their features, and the
# frameworks' client-side rendering for the components they mount.
ui_features="leptos leptos/csr yew yew/csr"
status=0
for browser in chrome firefox; do
  case $browser in
    chrome) driver=(CHROMEDRIVER="$chromedriver"); name=Chrome ;;
    firefox) driver=(GECKODRIVER="$geckodriver"); name=Firefox ;;
  esac
  echo "== wasm: wasm-pack test --headless --$browser"
  if ! env "${driver[@]}" wasm-pack test --headless "--$browser" -- --features "$ui_features" "$@" 2>&1 | tee "$log"; then
    echo "!! tests failed in $browser"
    status=1
  fi
  # Every suite must really have run in this browser.
  if grep "Running headless tests in" "$log" | grep -qv " in $name "; then
    echo "!! a suite ran in the wrong browser (expected $name)"
    status=1
  fi
done
echo "== demo: bash scripts/demo.sh --selftest (every page of the demo site tests itself in headless Chromium and Firefox: chat, file transfer, DTMF, statistics, photo, screen capture, shim report)"
if ! PORT="${DEMO_PORT:-18080}" bash scripts/demo.sh --selftest; then
  echo "!! the demo self-test failed"
  status=1
fi
echo "== calls: python3 tests/calls/run.py (headless Chromium and Firefox, each its own process, through nats-server: one server restarted mid-call, a relay-only call through coturn stopped and started again, a three-node cluster, and each browser calling aiortc)"
if ! python3 tests/calls/run.py; then
  echo "!! the two-browser calls failed"
  status=1
fi
echo "== examples: python3 examples/run.py (the Leptos and Yew loopback calls, built and driven in headless Chromium and Firefox)"
if ! python3 examples/run.py; then
  echo "!! the framework examples failed"
  status=1
fi
echo "== npm package: bash npm/test/run.sh --vite (Node, tsc, headless Chromium and Firefox, a Vite app)"
if ! bash npm/test/run.sh --vite; then
  echo "!! the npm package tests failed"
  status=1
fi
exit $status
