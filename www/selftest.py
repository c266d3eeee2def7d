#!/usr/bin/env python3
"""Opens one of the demo's pages with ?selftest in a headless browser and waits for its verdict.

Usage: selftest.py URL [chrome|firefox]   (what `bash scripts/demo.sh --selftest` runs per page)
       selftest.py --call URL               (a call between Chromium and Firefox on the call page)
       selftest.py --server-down URL        (joining with the nats-server stopped: said in words)

Drives headless Chromium (default) or Firefox (scripts/webdriver.py) and polls document.title
in real time until the page says "SELFTEST PASS" or "SELFTEST FAIL: ...".
Each page runs in a phone-sized window, and Chromium's passing pages are saved as screenshots in
docs/screenshots/ (the README shows them). On the screen page it first clicks "Share a screen" (a user gesture, as browsers require).
After the chat page's own test passes, it also types into Bob's input with real key events
(Enter included) and checks that the line shows up in Alice's log.
(`chromium --dump-dom --virtual-time-budget` is not enough: virtual time runs ahead of WebRTC's
real-time networking, so the DOM is sometimes dumped before the chat has happened.)
Prints the verdict; exits 0 on PASS, 1 otherwise.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from webdriver import NAMES, Browser  # noqa: E402

TIMEOUT_S = 60
# What a browser refuses in headless test profiles, and the words the page must show for it:
# Firefox has no screen to share without a display (the Chromium profile shares a fake one).
EXPECTED_REFUSALS = {("firefox", "#/screen"): "SELFTEST FAIL: No screen was found."}
ENTER = "\ue007"


def type_like_a_person(browser, deadline):
    """Types a line in Bob's input and presses Enter; None if it reaches Alice's log."""
    line = "typed by WebDriver"
    browser.type_into("#bob-input", line + ENTER)
    while time.monotonic() < deadline:
        if line in browser.text_of("#alice-log"):
            return None
        time.sleep(0.2)
    return f"SELFTEST FAIL: \"{line}\" typed in Bob's input never reached Alice's log"


def wait_for_element(browser, css, deadline):
    while time.monotonic() < deadline:
        if browser.execute(f"return document.querySelector({css!r}) !== null"):
            return
        time.sleep(0.2)


SCREENSHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "screenshots")


def verdict(url, name):
    with Browser(name, request_timeout_s=30) as browser:
        deadline = time.monotonic() + TIMEOUT_S
        # A phone-sized window: the pages must read well there; Chromium's shots go in the README.
        browser.set_window_size(420, 900)
        browser.open(url)
        if url.endswith("#/screen"):
            # Browsers share a screen only after a user gesture: a real click gives one.
            wait_for_element(browser, "#share", deadline)
            browser.click("#share")
        title = browser.wait_for_title(("SELFTEST PASS", "SELFTEST FAIL"), deadline - time.monotonic())
        if title is None:
            return f"SELFTEST FAIL: no verdict within {TIMEOUT_S} s (title: {browser.title()!r})"
        if title.startswith("SELFTEST PASS") and url.endswith("#/chat"):
            title = type_like_a_person(browser, deadline) or title
        if title.startswith("SELFTEST PASS") and name == "chrome":
            os.makedirs(SCREENSHOTS, exist_ok=True)
            browser.screenshot(os.path.join(SCREENSHOTS, url[url.rfind("/") + 1:] + ".png"))
        refusal = EXPECTED_REFUSALS.get((name, url[url.rfind("#"):]))
        if refusal and title.startswith(refusal):
            return f"SELFTEST PASS: refused as expected here, the page says so: {title[len('SELFTEST FAIL: '):]}"
        return title


def video_width(browser):
    return browser.execute("const v = document.querySelector('#remote'); return v ? v.videoWidth : 0")


def call_between(url):
    """Chromium and Firefox open the call page on one room and join it as a user would (a click):
    both calls connected, each plays the other's video, Chromium hangs up, Firefox's call closes."""
    room = f"selftest-{os.getpid()}-{int(time.time())}"
    with Browser("chrome", request_timeout_s=30) as chrome, Browser("firefox", request_timeout_s=30) as firefox:
        deadline = time.monotonic() + TIMEOUT_S
        chrome.set_window_size(420, 900)
        for browser in (chrome, firefox):
            browser.open(f"{url}#/call?room={room}")
            wait_for_element(browser, "#join", deadline)
            if "nats-server" not in browser.text_of("main"):
                return "SELFTEST FAIL: the call page found no nats-server (config.json)"
        for browser in (chrome, firefox):
            browser.click("#join")
        while time.monotonic() < deadline:
            states = [b.text_of("#call-state") for b in (chrome, firefox)]
            widths = [video_width(b) for b in (chrome, firefox)]
            if states == ["Connected", "Connected"] and all(widths):
                break
            time.sleep(0.3)
        else:
            return f"SELFTEST FAIL: the call: states {states}, remote video widths {widths}"
        time.sleep(1.0)  # a few frames of video for the picture
        os.makedirs(SCREENSHOTS, exist_ok=True)
        chrome.screenshot(os.path.join(SCREENSHOTS, "call.png"))
        chrome.click("#hang-up")
        while time.monotonic() < deadline:
            if firefox.text_of("#call-state") == "Closed":
                return f"SELFTEST PASS: Chromium and Firefox called through nats-server (remote video {widths}), hung up"
            time.sleep(0.2)
        return f"SELFTEST FAIL: Firefox's call did not close after Chromium hung up ({firefox.text_of('#call-state')})"


def server_down(url):
    """With the nats-server stopped, joining a call says so in words, and nothing is joined."""
    with Browser("chrome", request_timeout_s=30) as chrome:
        deadline = time.monotonic() + TIMEOUT_S
        chrome.open(f"{url}#/call?room=nobody-home")
        wait_for_element(chrome, "#join", deadline)
        chrome.click("#join")
        while time.monotonic() < deadline:
            error = chrome.text_of("main")
            if "cannot be reached" in error:
                state = chrome.text_of("#call-state")
                if state != "not joined":
                    return f"SELFTEST FAIL: the server is down but the call says {state!r}"
                line = next(l for l in error.splitlines() if "cannot be reached" in l)
                return f"SELFTEST PASS: the page says: {line[:100]}…"
            time.sleep(0.3)
        return "SELFTEST FAIL: joining with the server down showed no error in words"


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("--call", "--server-down"):
        try:
            result = (call_between if sys.argv[1] == "--call" else server_down)(sys.argv[2])
        except (OSError, KeyError, ValueError) as error:
            result = f"SELFTEST FAIL: WebDriver: {error}"
        print(f"{sys.argv[1][2:]}: {result}")
        sys.exit(0 if result.startswith("SELFTEST PASS") else 1)
    if len(sys.argv) not in (2, 3) or not set(sys.argv[2:]) <= set(NAMES):
        sys.exit(__doc__)
    name = sys.argv[2] if len(sys.argv) == 3 else "chrome"
    try:
        result = verdict(sys.argv[1], name)
    except (OSError, KeyError, ValueError) as error:  # the driver or browser did not cooperate
        result = f"SELFTEST FAIL: WebDriver: {error}"
    print(f"{name}: {result}")
    sys.exit(0 if result.startswith("SELFTEST PASS") else 1)
