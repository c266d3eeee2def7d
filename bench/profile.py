"""Where one case's main-thread time goes: a CPU profile in Chromium, contender by contender.

    python3 bench/profile.py --case setup --rounds 40
    python3 bench/profile.py --case small --rounds 3 --contenders "raw JS,wasm-rtc Sink/Stream (Rust)"

Needs the built page (run `bash scripts/bench.sh --cases setup --rounds 1` once). For each
contender it opens /bench/index.html?cases=CASE&contenders=NAME in a fresh headless Chromium with
the DevTools Protocol's sampling profiler running (scripts/webdriver.py `cdp`), then prints the
case's own result, the self time of every kind of code side by side (the contenders' difference
in the last column) and each contender's busiest functions. The profiler slows what it samples:
compare contenders with each other, never with bench/run.py's figures.
"""
import argparse
import collections
import os
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))

import serve  # noqa: E402
from webdriver import Browser, free_port  # noqa: E402

DEFAULT_CONTENDERS = "wasm-rtc Sink/Stream (Rust),raw web-sys (Rust)"
SAMPLING_US = 100
TIMEOUT_S = 15 * 60


def profile(port, case, rounds, contender):
    """The case's results and the DevTools profile of one contender's run."""
    url = (f"http://127.0.0.1:{port}/bench/index.html?cases={case}&rounds={rounds}"
           f"&contenders={urllib.parse.quote(contender)}")
    with Browser("chrome", request_timeout_s=300) as browser:
        # Started on a page of the same origin, so that it is running when the case starts.
        browser.open(f"http://127.0.0.1:{port}/bench/shim_frame.html")
        browser.cdp("Profiler.enable")
        browser.cdp("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
        browser.cdp("Profiler.start")
        browser.open(url)
        deadline = time.monotonic() + TIMEOUT_S
        while not browser.title().startswith(("BENCH DONE", "BENCH FAIL")):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{contender}: no end after {TIMEOUT_S} s")
            time.sleep(0.5)
        title = browser.title()
        if not title.startswith("BENCH DONE"):
            raise RuntimeError(f"{contender}: {title}")
        result = browser.execute("return window.benchResults;")
        return result, browser.cdp("Profiler.stop")["profile"]


def self_times(profile_):
    """Self time in µs by (function, file)."""
    nodes = {node["id"]: node["callFrame"] for node in profile_["nodes"]}
    times = collections.Counter()
    for sample, delta in zip(profile_["samples"], profile_["timeDeltas"]):
        frame = nodes[sample]
        times[(frame["functionName"] or "(anonymous)", frame["url"].rsplit("/", 1)[-1])] += delta
    return times


def kind(function, file):
    """The kind of code a function is, for the side-by-side table."""
    if function in ("(idle)", "(program)", "(garbage collector)"):
        return function
    if file.endswith("_bg.wasm") and "bench" in file:
        return "WebAssembly (the bench crate, wasm-rtc)"
    if file == "wasm_rtc_bench.js":
        return "wasm-bindgen's JS glue"
    if not file:
        return f"browser: {function}"
    return "the page and the other contenders' JS"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="setup", help="one case of bench/run.js (setup, small, latency, …)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--contenders", default=DEFAULT_CONTENDERS, help="comma-separated names, as in bench/contenders.js")
    parser.add_argument("--top", type=int, default=15, help="busiest functions shown per contender")
    args = parser.parse_args()
    contenders = args.contenders.split(",")
    port = free_port()
    server = serve.start(port)
    times = {}
    try:
        for contender in contenders:
            result, profile_ = profile(port, args.case, args.rounds, contender)
            for case in result["cases"]:
                for row in case["rows"]:
                    print(f"[profile] {case['id']}: {row['contender']}: {row.get('value')} {case.get('unit', '')}"
                          f" (profiled, {args.rounds} rounds)", flush=True)
            times[contender] = self_times(profile_)
    finally:
        server.shutdown()
    kinds = {name: collections.Counter() for name in contenders}
    for name, counter in times.items():
        for (function, file), us in counter.items():
            kinds[name][kind(function, file)] += us
    every = sorted(set().union(*kinds.values()), key=lambda k: -sum(kinds[n][k] for n in contenders))
    print("\nself time, ms: " + " | ".join(contenders) + (" | first − second" if len(contenders) == 2 else ""))
    for k in every:
        values = [kinds[n][k] / 1000 for n in contenders]
        if max(values) < 1:
            continue
        diff = f" {values[0] - values[1]:+9.1f}" if len(values) == 2 else ""
        print(f"  {k[:60]:60s}" + "".join(f" {v:9.1f}" for v in values) + diff)
    for name in contenders:
        print(f"\n{name}: busiest functions (self ms)")
        for (function, file), us in times[name].most_common(args.top + 2):
            if function in ("(idle)", "(program)"):
                continue
            print(f"  {us / 1000:9.1f}  {function[:100]}  {file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
