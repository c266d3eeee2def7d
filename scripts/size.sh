#!/usr/bin/env bash
# Prints the size of the npm package's entries next to adapter.js 9.0.6, in gzip bytes (gzip -9,
# what adapter.js's published 27,568 bytes are measured with).
#
#   bash scripts/size.sh              # builds the package first (scripts/build-npm.sh)
#   bash scripts/size.sh --no-build   # measures target/npm/wasm-rtc as it is
#
# An entry is its ES module plus its .wasm: what a browser downloads for
# `import init, { shim } from 'wasm-rtc/shim'; await init()`. The classic script is one file
# with the wasm inlined as base64. adapter.js is measured, not quoted: out/adapter.js of the npm
# package webrtc-adapter@9.0.6 (installed in npm/tools by the build).
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=target/npm/wasm-rtc
adapter=npm/tools/node_modules/webrtc-adapter/out/adapter.js

case "${1:-}" in
  --no-build) [ -d "$pkg" ] || { echo "no package at $pkg: run bash scripts/build-npm.sh" >&2; exit 1; } ;;
  "") bash scripts/build-npm.sh >/dev/null ;;
  *) echo "usage: bash scripts/size.sh [--no-build]" >&2; exit 2 ;;
esac
[ -f "$adapter" ] || npm ci --prefix npm/tools --no-audit --no-fund --silent

gz() { gzip -9 -c "$@" | wc -c; }
raw() { cat "$@" | wc -c; }
row() { printf '%-44s %9s %9s %9s %10s\n' "$@"; }

reference=$(gz "$adapter")
row "entry (gzip -9 bytes)" "wasm" "JS" "total" "raw total"
for entry in "wasm-rtc/shim:$pkg/shim/index.js:$pkg/shim/wasm_rtc_shim_bg.wasm" "wasm-rtc:$pkg/index.js:$pkg/wasm_rtc_bg.wasm"; do
  IFS=: read -r name js wasm <<<"$entry"
  w=$(gz "$wasm"); j=$(gz "$js")
  row "$name (ES module + .wasm)" "$w" "$j" "$((w + j))" "$(raw "$js" "$wasm")"
  [ "$name" = wasm-rtc/shim ] && shim_total=$((w + j))
done
row "wasm-rtc/script/shim.js (classic, inlined)" "" "" "$(gz "$pkg/script/shim.js")" "$(raw "$pkg/script/shim.js")"
row "adapter.js 9.0.6 (webrtc-adapter)" "" "" "$reference" "$(raw "$adapter")"
echo
if [ "$shim_total" -lt "$reference" ]; then
  echo "wasm-rtc/shim is $((100 * shim_total / reference))% of adapter.js (goal: under 100%, aim for 50%)"
else
  echo "wasm-rtc/shim is $((100 * shim_total / reference))% of adapter.js: OVER the goal (under 100%, aim for 50%)"
fi
