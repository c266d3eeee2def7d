#!/usr/bin/env python3
"""Builds the framework examples and drives each in headless Chromium and Firefox.

Usage: python3 examples/run.py [--no-build] [--only leptos-call|yew-call]   (part of scripts/test.sh)

For each of examples/leptos-call and examples/yew-call: `wasm-pack build --release --target web`
into its pkg/, then, served from examples/ on a free loopback port, in each browser (WebDriver,
scripts/webdriver.py): Alice's and Bob's states reach "connected"; a line typed into Bob's input
(real key events, Enter submits) shows in Alice's log and one typed into Alice's in Bob's; the
remote <video> plays Alice's synthetic video (nonzero videoWidth, currentTime advancing); the
stats line shows the video's bitrate; "Hang up" shows both states "closed". Prints one line per
check; exits 0 when every example passes in both browsers.
"""
import argparse
import functools
import http.server
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from webdriver import NAMES, Browser, free_port  # noqa: E402

EXAMPLES = ("leptos-call", "yew-call")
ENTER = "\ue007"
TIMEOUT_S = 30


class Failure(Exception):
    pass


def build(example):
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target"))
    subprocess.run(["wasm-pack", "build", os.path.join(HERE, example), "--release", "--target", "web",
                    "--out-dir", "pkg", "--no-pack"], check=True, env=env)


def serve():
    """Serves examples/ on a free loopback port in a thread; returns (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=HERE)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, *_):
        pass


def wait(what, check, timeout_s=TIMEOUT_S):
    """Polls `check` until it returns something true; that value, or Failure naming `what`."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except (OSError, KeyError, StopIteration, ValueError) as error:  # not rendered yet
            last = error
        if last:
            return last
        time.sleep(0.1)
    raise Failure(f"{what} (after {timeout_s} s; last: {last!r})")


def text(browser, css):
    return browser.execute(f"const e = document.querySelector({css!r}); return e ? e.textContent : null;")


def drive(browser, url):
    """The checks of one example in one browser; returns what was measured, or raises Failure."""
    started = time.monotonic()
    browser.open(url)
    for side in ("alice", "bob"):
        wait(f"{side}'s state connected", lambda side=side: text(browser, f"#{side}-state") == "connected")
    connected_s = time.monotonic() - started
    wait("Bob's input", lambda: text(browser, "#bob-draft") is not None)
    for sender, receiver in (("bob", "alice"), ("alice", "bob")):
        line = f"typed by WebDriver to {receiver}"
        wait(f"{sender}'s send button enabled",
             lambda sender=sender: browser.execute(f"return !document.querySelector('#{sender}-send').disabled"))
        browser.type_into(f"#{sender}-draft", line + ENTER)
        wait(f"{line!r} in {receiver}'s log", lambda line=line, receiver=receiver: line in (text(browser, f"#{receiver}-log") or ""))
        wait(f"{sender}'s input cleared", lambda sender=sender: browser.execute(
            f"return document.querySelector('#{sender}-draft').value === ''"))
    size = wait("remote video playing (nonzero size, time advancing)", lambda: browser.execute("""
        const v = document.querySelector('#remote');
        if (!v || v.videoWidth === 0) return null;
        if (v.dataset.t0 === undefined) { v.dataset.t0 = v.currentTime; return null; }
        return v.currentTime > Number(v.dataset.t0) ? [v.videoWidth, v.videoHeight] : null;"""))
    stats = wait("stats line with the video's bitrate", lambda: "kbit/s" in (text(browser, "#stats") or "") and text(browser, "#stats"))
    error = text(browser, "#error")
    if error:
        raise Failure(f"the page shows an error: {error}")
    browser.execute("document.querySelector('#hang-up').click()")
    for side in ("alice", "bob"):
        wait(f"{side}'s state closed after hang-up", lambda side=side: text(browser, f"#{side}-state") == "closed", 5)
    return f"connected in {connected_s:.1f} s, chat both ways, remote video {size[0]}x{size[1]}, {stats!r}, hang-up closed"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--only", choices=EXAMPLES)
    args = parser.parse_args()
    examples = [args.only] if args.only else list(EXAMPLES)
    if not args.no_build:
        for example in examples:
            build(example)
    server, base = serve()
    failed = 0
    try:
        for example in examples:
            for name in NAMES:
                try:
                    with Browser(name, request_timeout_s=30) as browser:
                        result = "PASS: " + drive(browser, f"{base}{example}/")
                except (Failure, OSError, KeyError, ValueError) as error:
                    failed += 1
                    result = f"FAIL: {error}"
                print(f"{example} in {name}: {result}", flush=True)
    finally:
        server.shutdown()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
