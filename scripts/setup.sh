#!/usr/bin/env bash
# Installs everything the demo and the tests need, skipping what is already there:
# the wasm32 target, wasm-bindgen-cli at exactly the version in Cargo.lock, wasm-pack,
# Debian's chromium + chromium-driver + firefox-esr + python3 (test.sh, demo.sh and
# npm/test/run.sh serve pages and drive browsers with it) and its venv module + nats-server (the signaling broker
# the two-browser call tests start on loopback) + coturn (the TURN server the relay tests start
# on loopback) + nginx-light and openssl (the identity tests' IdPs over HTTPS), and geckodriver.
# Idempotent; safe to run on every test or demo run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Not --locked: the CLI's own lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack"
  cargo install wasm-pack --version '^0.15'
fi

if ! command -v geckodriver >/dev/null 2>&1; then
  say "installing geckodriver"
  cargo install geckodriver --version '^0.37'
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# tests/calls/run.py makes a virtualenv for aiortc (Debian's python3 needs python3-venv for it).
python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
# The identity tests' IdPs are served over HTTPS by nginx, with a certificate made by openssl.
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The root's dev dependencies (simple-peer's browser bundle, for tests/simple_peer.rs), again
# when package-lock.json names one that node_modules lacks.
if [ -f package-lock.json ] && { [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; }; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund --silent
fi
say "ready: $(wasm-bindgen --version), $(wasm-pack --version), $(geckodriver --version 2>/dev/null | sed -n 1p), $(chromium --version 2>/dev/null), $(firefox-esr --version 2>/dev/null), $(python3 --version 2>/dev/null), nats-server $(nats-server --version 2>/dev/null | awk '{print $2}'), coturn $(turnserver --version 2>/dev/null | sed -n 1p), $(nginx -v 2>&1)"
