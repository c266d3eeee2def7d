#!/usr/bin/env bash
# Tests the npm package, as a user gets it:
#   1. builds it (scripts/build-npm.sh; skip with --no-build) and packs it (npm pack);
#   2. installs the tarball into a new project (a copy of npm/test/consumer) and checks it there:
#      require() of both entries in Node (CommonJS, no `.default`; shim() says `unavailable`),
#      `import init, { shim }` in Node, and the TypeScript declarations with tsc;
#   3. in headless Chromium AND Firefox (WebDriver, npm/test/drive.py): the ES module entries
#      (`wasm-rtc`, `wasm-rtc/shim`: import and init change no global, shim() reports and is
#      idempotent, the standard-API scenario, the helpers) and the classic script (patched before
#      the next script runs), served by python3 -m http.server; then the differential suite
#      (npm/test/differential.py): every standard-API scenario of pages/differential.js gives the
#      same results without the shim, with the ES module and with the classic script, and
#      nothing on the platform changed.
#   4. with --vite: a new Vite app (npm/test/vite; vite from npm) that installs the tarball, built
#      with `vite build` and served by `vite` (dev), both pages in both browsers.
# Exits non-zero if anything fails.
#
#   bash npm/test/run.sh [--no-build] [--vite]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
root=$PWD
pkg="$root/target/npm/wasm-rtc"
tools="$root/npm/tools"
PORT="${NPM_TEST_PORT:-18390}"

say() { printf '\033[1m[npm-test]\033[0m %s\n' "$*"; }

build=1 vite=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --vite) vite=1 ;;
    *) echo "usage: bash npm/test/run.sh [--no-build] [--vite]" >&2; exit 2 ;;
  esac
done
if [ $build = 1 ]; then
  bash scripts/build-npm.sh
elif [ ! -f "$pkg/package.json" ]; then
  echo "no package at $pkg: run bash scripts/build-npm.sh" >&2; exit 1
fi
[ -x "$tools/node_modules/.bin/tsc" ] || npm ci --prefix "$tools" --no-audit --no-fund --silent
bash scripts/setup.sh >/dev/null

status=0
fail() { echo "!! $*"; status=1; }

say "npm pack, and install the tarball into a new project"
project="$root/target/npm/consumer"
rm -rf "$project" && mkdir -p "$project"
tarball=$(cd "$root/target/npm" && npm pack "$pkg" --silent 2>/dev/null | tail -1)
cp npm/test/consumer/* "$project/"
(cd "$project" && npm install --no-audit --no-fund --silent "$root/target/npm/$tarball") || fail "npm install of $tarball"

say "Node: require() and import of both entries"
(cd "$project" && node check.cjs) || fail "CommonJS in Node"
(cd "$project" && node check.mjs) || fail "ES module in Node"
say "TypeScript: the declarations (tsc, module nodenext)"
(cd "$project" && "$tools/node_modules/.bin/tsc" -p .) && echo "ok: tsc found no error" || fail "tsc"

say "browsers: serving $root on http://127.0.0.1:$PORT/"
servers=()
trap 'for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
# serve PORT COMMAND...: starts a server in the background and waits until it answers.
serve() {
  local port=$1
  shift
  "$@" >/dev/null 2>&1 &
  servers+=($!)
  for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=1)" 2>/dev/null && return 0
    sleep 0.2
  done
  fail "nothing answers on port $port"
}
# pages NAME URL...: every page in both browsers, each run with only its own driver variable.
pages() {
  local name=$1
  shift
  env -u GECKODRIVER python3 npm/test/drive.py chrome "$@" || fail "$name in Chromium"
  env -u CHROMEDRIVER python3 npm/test/drive.py firefox "$@" || fail "$name in Firefox"
}

serve "$PORT" python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$root"
base="http://127.0.0.1:$PORT/npm/test/pages"
pages "the test pages" "$base/esm.html?entry=shim" "$base/esm.html?entry=full" "$base/script.html" "$base/script-async.html"
say "the differential suite: standard-API scenarios without the shim, with the ES module, with the classic script"
env -u GECKODRIVER python3 npm/test/differential.py chrome "$base" || fail "the differential suite in Chromium"
env -u CHROMEDRIVER python3 npm/test/differential.py firefox "$base" || fail "the differential suite in Firefox"

if [ $vite = 1 ]; then
  say "Vite: a new app installs the tarball and vite, then vite build and the dev server"
  app="$root/target/npm/vite-app"
  rm -rf "$app" && cp -r npm/test/vite "$app"
  (cd "$app" && npm install --no-audit --no-fund --silent "$root/target/npm/$tarball" && node node_modules/vite/bin/vite.js build --logLevel warn) \
    || fail "vite build"
  serve $((PORT + 1)) python3 -m http.server $((PORT + 1)) --bind 127.0.0.1 --directory "$app/dist"
  serve $((PORT + 2)) node "$app/node_modules/vite/bin/vite.js" "$app" --port $((PORT + 2)) --strictPort --host 127.0.0.1
  pages "the Vite app" "http://127.0.0.1:$((PORT + 1))/" "http://127.0.0.1:$((PORT + 2))/"
fi

if [ $status = 0 ]; then say "all passed"; else say "FAILED"; fi
exit $status
