#!/usr/bin/env python3
"""Opens the demo's ?selftest page in a headless browser and waits for its verdict.

Usage: selftest.py URL [chrome|firefox]   (what `bash scripts/demo.sh --selftest` runs)

Drives headless Chromium (default) or Firefox through its WebDriver (chromedriver, geckodriver)
over HTTP with the standard library only, and polls document.title in real time until the page
says "SELFTEST PASS" or "SELFTEST FAIL: ...".
After the page's own test passes, it also types into Bob's input with real key events (Enter
included) and checks that the line shows up in Alice's log.
(`chromium --dump-dom --virtual-time-budget` is not enough: virtual time runs ahead of WebRTC's
real-time networking, so the DOM is sometimes dumped before the chat has happened.)
Prints the verdict; exits 0 on PASS, 1 otherwise.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or os.path.expanduser("~/.cargo/bin/geckodriver")
TIMEOUT_S = 60


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["value"]


def element(base, session, css):
    found = call(base, "POST", f"/session/{session}/element", {"using": "css selector", "value": css})
    return next(iter(found.values()))


def type_like_a_person(base, session, deadline):
    """Types a line in Bob's input and presses Enter; None if it reaches Alice's log."""
    line = "typed by WebDriver"
    bob_input = element(base, session, "#bob-input")
    call(base, "POST", f"/session/{session}/element/{bob_input}/value", {"text": line + "\ue007"})
    alice_log = element(base, session, "#alice-log")
    while time.monotonic() < deadline:
        if line in call(base, "GET", f"/session/{session}/element/{alice_log}/text"):
            return None
        time.sleep(0.2)
    return f"SELFTEST FAIL: \"{line}\" typed in Bob's input never reached Alice's log"


def browser(name, profile):
    """The WebDriver command and the session capabilities for a headless `name` using `profile`."""
    if name == "firefox":
        options = {"binary": FIREFOX, "args": ["-headless", "-profile", profile]}
        return [GECKODRIVER], {"browserName": "firefox", "moz:firefoxOptions": options}
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]
    return [CHROMEDRIVER], {"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}


def verdict(url, name):
    port = free_port()
    profile = tempfile.mkdtemp(prefix="demo-selftest-")
    command, capabilities = browser(name, profile)
    driver = subprocess.Popen(command + [f"--port={port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    session = None
    try:
        for _ in range(100):
            try:
                call(base, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        capabilities = {"alwaysMatch": capabilities}
        session = call(base, "POST", "/session", {"capabilities": capabilities})["sessionId"]
        call(base, "POST", f"/session/{session}/url", {"url": url})
        title, deadline = "", time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            title = call(base, "GET", f"/session/{session}/title")
            if title.startswith("SELFTEST FAIL"):
                return title
            if title.startswith("SELFTEST PASS"):
                return type_like_a_person(base, session, deadline) or title
            time.sleep(0.2)
        return f"SELFTEST FAIL: no verdict within {TIMEOUT_S} s (title: {title!r})"
    finally:
        if session is not None:
            try:
                call(base, "DELETE", f"/session/{session}")
            except OSError:
                pass
        driver.terminate()
        driver.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ["chrome"], ["firefox"]):
        sys.exit(__doc__)
    name = sys.argv[2] if len(sys.argv) == 3 else "chrome"
    try:
        result = verdict(sys.argv[1], name)
    except (OSError, KeyError, ValueError) as error:  # the driver or browser did not cooperate
        result = f"SELFTEST FAIL: WebDriver: {error}"
    print(f"{name}: {result}")
    sys.exit(0 if result.startswith("SELFTEST PASS") else 1)
