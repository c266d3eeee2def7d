#!/usr/bin/env python3
"""The differential suite: standard-API code must behave exactly the same with the shim as without.

Usage: differential.py chrome|firefox BASE_URL   (what npm/test/run.sh runs)

Opens BASE_URL/differential.html three times in one browser session: without wasm-rtc
(load=none), with the ES module entry (load=esm) and with the classic script (load=script). Each
page reports what loading and installing changed on the platform and what every scenario of
differential.js returned. It fails on:
  * a scenario whose result differs between the three loads (each difference printed);
  * a scenario that timed out or a page that never finished;
  * importing or initialising the ES module changing anything (globals or any WebRTC or media
    member), or installing changing anything but its record: the registered symbol on the global
    (and, for the classic script, its one global `wasmRtcShim`) — a member added, replaced,
    re-described or no longer native.
Exits 0 if none of that happened.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from webdriver import NAMES, Browser  # noqa: E402

LOADS = ("none", "esm", "script")
TIMEOUT_S = 400  # every scenario has 20 s of its own; together they take a few seconds
READ = "return document.getElementById('results').textContent;"
MARKER = "global symbols:  -> Symbol(wasm-rtc.shim.applied)"
ALLOWED = {
    "none": {"install": set(), "afterScenarios": set()},
    "esm": {"import": set(), "init": set(), "install": {MARKER}, "afterScenarios": {MARKER}},
    "script": {"install": {MARKER, "globals added: wasmRtcShim"}, "afterScenarios": {MARKER, "globals added: wasmRtcShim"}},
}


def show(value):
    """A result as one line of JSON, whatever it is."""
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return repr(value)


def load_all(name, base):
    """Each load's page output (a dict), or a failure line in its place."""
    outputs = {}
    with Browser(name) as browser:
        for load in LOADS:
            url = f"{base}/differential.html?load={load}"
            browser.open(url)
            title = browser.wait_for_title(("DONE",), TIMEOUT_S)
            if title is None:
                outputs[load] = f"no result within {TIMEOUT_S} s ({url})"
                continue
            try:
                outputs[load] = json.loads(browser.execute(READ))
            except (TypeError, ValueError) as error:
                outputs[load] = f"unreadable results ({error})"
    return outputs


def problems(outputs):
    """Every failure, one line each."""
    lines = []
    pages = {}
    for load in LOADS:
        output = outputs.get(load)
        if not isinstance(output, dict):
            lines.append(f"{load}: {output}")
            continue
        if "error" in output:
            lines.append(f"{load}: the page failed: {output['error']}")
        changes = output.get("changes") if isinstance(output.get("changes"), dict) else {}
        for phase, allowed in ALLOWED[load].items():
            found = changes.get(phase)
            if not isinstance(found, list):
                lines.append(f"{load}: no record of what {phase} changed")
                continue
            for change in found:
                if change not in allowed:
                    lines.append(f"{load}: {phase} changed the platform: {show(change)}")
        report = output.get("report")
        if isinstance(report, dict):
            for entry in report.get("shims", []):
                if isinstance(entry, dict) and entry.get("status") not in ("not-needed", "disabled"):
                    lines.append(f"{load}: shim {show(entry)} in a browser that needs none")
        if isinstance(output.get("results"), dict):
            pages[load] = output["results"]
    if "none" not in pages:
        return lines + ["no results without the shim to compare with"]
    baseline = pages["none"]
    for name, result in baseline.items():
        if result == "timeout":
            lines.append(f"none: {name} timed out")
    for load, results in pages.items():
        if load == "none":
            continue
        for name in sorted(set(baseline) | set(results)):
            want, got = baseline.get(name, "(missing)"), results.get(name, "(missing)")
            if got == "timeout":
                lines.append(f"{load}: {name} timed out")
            elif got != want:
                lines.append(f"{load}: {name} differs\n      without the shim: {show(want)}\n      with it ({load}):  {show(got)}")
    return lines


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in NAMES:
        sys.exit(__doc__)
    name, base = sys.argv[1], sys.argv[2].rstrip("/")
    try:
        outputs = load_all(name, base)
    except (OSError, KeyError, ValueError) as error:  # the driver or browser did not cooperate
        print(f"{name}: FAIL: WebDriver: {error}")
        sys.exit(1)
    found = problems(outputs)
    scenarios = len(outputs["none"]["results"]) if isinstance(outputs.get("none"), dict) and isinstance(outputs["none"].get("results"), dict) else 0
    if found:
        print(f"{name}: FAIL: the differential suite ({scenarios} scenarios, {len(LOADS)} loads)")
        for line in found:
            print(f"  {line}")
        sys.exit(1)
    print(f"{name}: PASS: the differential suite: {scenarios} scenarios give the same results without the shim, "
          f"with the ES module and with the classic script; nothing changed on the platform")
    if os.environ.get("VERBOSE"):
        print(show(outputs["none"]["results"]))


if __name__ == "__main__":
    main()
