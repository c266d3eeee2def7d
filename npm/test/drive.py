#!/usr/bin/env python3
"""Opens test pages in a headless browser and waits for each page's verdict in its title.

Usage: drive.py chrome|firefox URL...   (what npm/test/run.sh runs)

A page reports by setting document.title to "PASS: ..." or "FAIL: ..."; its #log is printed
when it fails. One browser session (scripts/webdriver.py) for all the URLs. Exits 0 if every
page passed.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from webdriver import NAMES, Browser  # noqa: E402

TIMEOUT_S = 90
READ_LOG = "const l = document.getElementById('log'); return l ? l.textContent : '';"


def run(name, urls):
    failures = 0
    with Browser(name) as browser:
        for url in urls:
            browser.open(url)
            title = browser.wait_for_title(("PASS", "FAIL"), TIMEOUT_S)
            if title is None:
                title = f"FAIL: no verdict within {TIMEOUT_S} s (title: {browser.title()!r})"
            print(f"{name}: {title}  [{url}]")
            log = browser.execute(READ_LOG)
            if not title.startswith("PASS"):
                failures += 1
                print("  " + "\n  ".join(log.strip().splitlines()[-40:]))
            elif os.environ.get("VERBOSE"):
                print("  " + "\n  ".join(log.strip().splitlines()))
    return failures


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in NAMES:
        sys.exit(__doc__)
    try:
        failed = run(sys.argv[1], sys.argv[2:])
    except (OSError, KeyError, ValueError) as error:  # the driver or browser did not cooperate
        print(f"{sys.argv[1]}: FAIL: WebDriver: {error}")
        failed = 1
    sys.exit(1 if failed else 0)
