#!/usr/bin/env python3
"""Opens test pages in a headless browser and waits for each page's verdict in its title.

Usage: drive.py chrome|firefox URL...   (what npm/test/run.sh runs)

Drives headless Chromium or Firefox through its WebDriver (chromedriver, geckodriver) over HTTP
with the standard library only, like www/chat/selftest.py, with the browser options of the
crate's webdriver.json (fake media, no permission prompts, autoplay, real host candidates).
A page reports by setting document.title to "PASS: ..." or "FAIL: ..."; its #log is printed
when it fails. One browser session for all the URLs. Exits 0 if every page passed.
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

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or os.path.expanduser("~/.cargo/bin/geckodriver")
TIMEOUT_S = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["value"]


def browser(name, profile):
    """The WebDriver command and the session capabilities for a headless `name` using `profile`."""
    with open(os.path.join(ROOT, "webdriver.json")) as f:
        crate = json.load(f)
    if name == "firefox":
        options = {"binary": FIREFOX, "args": ["-headless", "-profile", profile],
                   "prefs": crate["moz:firefoxOptions"]["prefs"]}
        return [GECKODRIVER], {"browserName": "firefox", "moz:firefoxOptions": options}
    args = crate["goog:chromeOptions"]["args"] + ["--headless", f"--user-data-dir={profile}"]
    return [CHROMEDRIVER], {"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}


def verdict(base, session, url):
    call(base, "POST", f"/session/{session}/url", {"url": url})
    title, deadline = "", time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        title = call(base, "GET", f"/session/{session}/title")
        if title.startswith(("PASS", "FAIL")):
            break
        time.sleep(0.2)
    else:
        title = f"FAIL: no verdict within {TIMEOUT_S} s (title: {title!r})"
    log = call(base, "POST", f"/session/{session}/execute/sync",
               {"script": "const l = document.getElementById('log'); return l ? l.textContent : '';", "args": []})
    return title, log


def run(name, urls):
    port = free_port()
    profile = tempfile.mkdtemp(prefix="wasm-rtc-npm-test-")
    command, capabilities = browser(name, profile)
    driver = subprocess.Popen(command + [f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    session, failures = None, 0
    try:
        for _ in range(100):
            try:
                call(base, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        session = call(base, "POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})["sessionId"]
        for url in urls:
            title, log = verdict(base, session, url)
            print(f"{name}: {title}  [{url}]")
            if not title.startswith("PASS"):
                failures += 1
                print("  " + "\n  ".join(log.strip().splitlines()[-40:]))
            elif os.environ.get("VERBOSE"):
                print("  " + "\n  ".join(log.strip().splitlines()))
    finally:
        if session is not None:
            try:
                call(base, "DELETE", f"/session/{session}")
            except OSError:
                pass
        driver.terminate()
        driver.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
    return failures


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("chrome", "firefox"):
        sys.exit(__doc__)
    try:
        failed = run(sys.argv[1], sys.argv[2:])
    except (OSError, KeyError, ValueError) as error:  # the driver or browser did not cooperate
        print(f"{sys.argv[1]}: FAIL: WebDriver: {error}")
        failed = 1
    sys.exit(1 if failed else 0)
