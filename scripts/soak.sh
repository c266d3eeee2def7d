#!/usr/bin/env bash
# The full soak (issue 5): tests/soak.rs in release mode, long, in headless Chromium AND headless
# Firefox — 1,000 create → connect → 100 messages each way → drop cycles, and 10,000 random API
# calls over 20 connections — then a summary per browser.
#
# Fails on what the suite asserts: a listener left attached, a listener of ours running after
# every connection was dropped, a panic, an untyped error (Error::Other), a call that hangs, or a
# browser that does not finish in time. Memory is printed against the target (growth <= 1 MiB
# after 1,000 cycles), never failed on.
#
# Environment (all optional): SOAK_CYCLES (1000), SOAK_CALLS (10000), SOAK_PEERS (20),
# SOAK_SEED (0x5eed2026; decimal or 0x hex), SOAK_BROWSERS ("chrome firefox"),
# SOAK_TIMEOUT (seconds per browser, 1200), CHROMEDRIVER, GECKODRIVER.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh

cycles="${SOAK_CYCLES:-1000}"
calls="${SOAK_CALLS:-10000}"
peers="${SOAK_PEERS:-20}"
seed="${SOAK_SEED:-0x5eed2026}"
browsers="${SOAK_BROWSERS:-chrome firefox}"
limit="${SOAK_TIMEOUT:-1200}"
chromedriver="${CHROMEDRIVER:-/usr/bin/chromedriver}"
geckodriver="${GECKODRIVER:-$(command -v geckodriver)}"
# wasm-bindgen-test-runner picks Firefox whenever GECKODRIVER is set: each run sees only its own.
unset CHROMEDRIVER GECKODRIVER

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Chrome gives a precise performance.memory and a gc() only when asked. The runner reads its
# browser options from the file WASM_BINDGEN_TEST_WEBDRIVER_JSON names (default: the crate's
# webdriver.json), so this run gets a copy with two more flags and the normal test run is
# unchanged.
python3 - "$work/webdriver.json" <<'EOF'
import json, sys
with open("webdriver.json") as f:
    caps = json.load(f)
caps["goog:chromeOptions"]["args"] += ["--enable-precise-memory-info", "--js-flags=--expose-gc"]
with open(sys.argv[1], "w") as f:
    json.dump(caps, f, indent=2)
EOF

# Sizes are compile-time constants of the suite (option_env!).
export WASM_RTC_SOAK_CYCLES="$cycles" WASM_RTC_SOAK_CALLS="$calls" WASM_RTC_SOAK_PEERS="$peers" \
  WASM_RTC_SOAK_SEED="$seed"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$work/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT="$limit" WASM_BINDGEN_TEST_ONLY_WEB=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$(command -v wasm-bindgen-test-runner)"
suite=(cargo test --release --target wasm32-unknown-unknown --test soak)

echo "== soak: building tests/soak.rs in release mode ($cycles cycles, $peers peers x $calls calls, seed $seed)"
"${suite[@]}" --no-run

summary() { # browser status seconds log
  python3 - "$@" <<'EOF'
import re, sys
browser, status, seconds, log = sys.argv[1:5]
fields = {}
for line in open(log, errors="replace"):
    m = re.search(r"\bSOAK (kind=(\w+) .*)", line)
    if m:
        # Values run to the next " key=" (browser= may hold spaces).
        pairs = dict(re.findall(r"(\w+)=(.*?)(?=\s+\w+=|$)", m.group(1).strip()))
        fields[m.group(2)] = pairs
MiB = 1024 * 1024
def num(d, k):
    try:
        return float(d.get(k, ""))
    except ValueError:
        return None
def size(b, sign=""):
    return "n/a" if b is None else f"{b:{sign},.0f} B ({b / MiB:{sign}.2f} MiB)"
c, r = fields.get("cycles", {}), fields.get("random", {})
print(f"-- {browser}: {'PASS' if status == '0' else 'FAIL'} in {seconds} s ({r.get('browser') or c.get('browser') or '?'})")
if c:
    growth, heap = num(c, "wasm_growth"), num(c, "js_heap_growth")
    verdict = lambda g: "n/a" if g is None else ("met" if g <= MiB else "MISSED")
    # The memory's byteLength only grows: the random test, if it ran first, may have grown it.
    print(f"   cycles            {c.get('cycles')} in {float(c.get('duration_ms', 0)) / 1000:.1f} s")
    print(f"   wasm memory       before {size(num(c, 'wasm_before'))}, after {size(num(c, 'wasm_after'))}")
    print(f"   wasm growth       {size(growth, '+')}   target <= 1 MiB: {verdict(growth)}")
    live = num(c, "rust_heap_growth")
    print(f"   Rust heap in use  before {size(num(c, 'rust_heap_live_before'))}, after {size(num(c, 'rust_heap_live_after'))}: {size(live, '+')}   target <= 1 MiB: {verdict(live)}")
    print(f"   JS heap           before {size(num(c, 'js_heap_before'))}, after {size(num(c, 'js_heap_after'))} (gc before measuring: {c.get('gc')})")
    print(f"   JS heap growth    {size(heap, '+')}   target <= 1 MiB: {verdict(heap)}")
    print(f"   live listeners    {c.get('listeners_end')} (baseline {c.get('listeners_baseline')}); events after drop: {c.get('events_during_grace')}")
else:
    print("   cycles            no summary (the test did not finish)")
if r:
    print(f"   random calls      seed {r.get('seed')}, {r.get('peers')} peers x {r.get('calls')} calls in {float(r.get('duration_ms', 0)) / 1000:.1f} s")
    print(f"   outcomes          {r.get('outcomes', '').replace(',', ', ')}")
    print(f"   untyped errors    {r.get('untyped')}; live listeners {r.get('listeners_end')} (baseline {r.get('listeners_baseline')}); events after drop: {r.get('events_during_grace')}")
    print(f"   wasm memory       before {size(num(r, 'wasm_before'))}, after {size(num(r, 'wasm_after'))}")
else:
    print("   random calls      no summary (the test did not finish)")
EOF
}

status=0
reports=()
for browser in $browsers; do
  case $browser in
    chrome) driver=(CHROMEDRIVER="$chromedriver"); name=Chrome ;;
    firefox) driver=(GECKODRIVER="$geckodriver"); name=Firefox ;;
    *) echo "!! unknown browser $browser (chrome, firefox)"; exit 2 ;;
  esac
  log="$work/$browser.log"
  echo "== soak: $name"
  started=$(date +%s)
  rc=0
  # --nocapture: the suite's SOAK lines are printed even when it passes.
  env "${driver[@]}" timeout --kill-after=30 "$((limit + 60))" "${suite[@]}" -- --nocapture \
    2>&1 | tee "$log" || rc=$?
  seconds=$(( $(date +%s) - started ))
  if ! grep -q "Running headless tests in $name " "$log"; then
    echo "!! the soak did not run in $name"
    rc=1
  fi
  if ! grep -q "test result: ok" "$log"; then
    rc=1
  fi
  [ "$rc" = 0 ] || status=1
  reports+=("$(summary "$name" "$rc" "$seconds" "$log")")
done

echo
echo "== soak summary ($(date -u +%Y-%m-%dT%H:%MZ); target: memory growth <= 1 MiB after 1,000 cycles, listeners back to baseline)"
for report in "${reports[@]}"; do
  echo "$report"
done
exit $status
