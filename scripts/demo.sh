#!/usr/bin/env bash
# Builds and serves the demo site (www/app, Leptos): one page per WebRTC guide — chat, file
# transfer, DTMF, statistics, still photo, screen capture, the shim's report.
#
#   bash scripts/demo.sh             # then open http://127.0.0.1:8080/ ; Ctrl-C to stop
#   PORT=9000 bash scripts/demo.sh   # another port
#   bash scripts/demo.sh --selftest  # build, serve, check every page in headless Chromium and
#                                    # Firefox, and a call between the two; exit 0 if all PASS
#   DEMO_PAGES="chat files" bash scripts/demo.sh --selftest   # only these pages (and the call)
#
# Installs the tools first (scripts/setup.sh), builds the Rust front-end in www/app/ into
# www/pkg/, and serves www/ with python3 in the foreground. Open /?selftest#/chat (or #/files)
# to have that page test itself and report "SELFTEST PASS" (or "SELFTEST FAIL: why") in the
# title.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PORT="${PORT:-8080}"
MODE="${1:-serve}"
case "$MODE" in
  serve | --selftest) ;;
  *) echo "usage: bash scripts/demo.sh [--selftest]" >&2; exit 2 ;;
esac

bash scripts/setup.sh

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }

# One target directory with the library: the demo reuses what its builds and tests compiled.
export CARGO_TARGET_DIR="$PWD/target"
say "building www/app into www/pkg"
# --out-dir is relative to the crate; no package.json: www/pkg is loaded by a page, not published.
wasm-pack build www/app --release --target web --out-dir ../pkg --no-pack

URL="http://127.0.0.1:$PORT/"
# The video-call page signals through a nats-server (WebSocket on loopback), so that two tabs or
# two browsers on this machine can call each other; www/config.json tells the page where it is.
nats_out=$(mktemp)
python3 scripts/nats_server.py --token "demo-$$" >"$nats_out" &
nats=$!
server=""
trap 'kill "$nats" $server 2>/dev/null || true; rm -f "$nats_out" www/config.json' EXIT
for _ in $(seq 100); do [ -s "$nats_out" ] && break; sleep 0.1; done
[ -s "$nats_out" ] || { echo "nats-server did not start" >&2; exit 1; }
printf '{"nats": "%s", "token": "demo-%s"}\n' "$(head -n1 "$nats_out")" "$$" > www/config.json
say "nats-server for the video calls: $(head -n1 "$nats_out")"

if [ "$MODE" = serve ]; then
  say "serving www/ on $URL (self-test: ${URL}?selftest); Ctrl-C to stop"
  python3 -m http.server "$PORT" --bind 127.0.0.1 --directory www
  exit 0
fi

say "serving www/ on $URL for the self-test"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory www >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('$URL', timeout=1)" 2>/dev/null && break
  sleep 0.2
done
status=0
for browser in chrome firefox; do
  for page in ${DEMO_PAGES-call chat files dtmf stats photo screen shim}; do
    say "running ${URL}?selftest#/$page in headless $browser"
    python3 www/selftest.py "${URL}?selftest#/$page" "$browser" || status=1
  done
done
say "a video call between headless Chromium and Firefox through the nats-server, as users make one"
python3 www/selftest.py --call "$URL" || status=1
say "the nats-server stopped: joining a call says so in words"
kill "$nats" 2>/dev/null || true
python3 www/selftest.py --server-down "$URL" || status=1
exit $status
