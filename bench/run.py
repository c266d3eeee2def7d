"""Runs the benchmark page in headless Chromium and headless Firefox and writes the results.

    python3 bench/run.py [--quick] [--browsers chrome,firefox]

Serves the repository root with COOP/COEP (bench/serve.py), opens /bench/index.html in each
browser through scripts/webdriver.py, follows its progress in the title, collects
window.benchResults, adds the bundle case (bench/bundle.py), prints a table per browser and writes
bench/results/latest.json, bench/results/latest.md and www/bench/results.json (for the chart) —
a full run only: --quick, --cases or one browser write bench/results/partial/ instead.
Built files are expected in place (scripts/bench.sh builds them first).
"""
import argparse
import datetime
import json
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))

import serve  # noqa: E402
from bundle import bundle_case  # noqa: E402
from report import browser_markdown, markdown  # noqa: E402
from webdriver import Browser, free_port  # noqa: E402

LABELS = {"chrome": "Chromium", "firefox": "Firefox ESR"}
TIMEOUT_S = 20 * 60


def run_browser(name, url):
    """One browser's results (the page's, plus browser, version, date), or raises on failure."""
    with Browser(name, request_timeout_s=120) as browser:
        print(f"[bench] {LABELS[name]} {browser.version}: {url}", flush=True)
        started = time.monotonic()
        browser.open(url)
        last, deadline = None, started + TIMEOUT_S
        while time.monotonic() < deadline:
            title = browser.title()
            if title != last:
                print(f"[bench]   {time.monotonic() - started:6.1f} s  {title}", flush=True)
                last = title
            if title.startswith(("BENCH DONE", "BENCH FAIL")):
                break
            time.sleep(0.5)
        if not last.startswith("BENCH DONE"):
            raise RuntimeError(f"{name}: {last}")
        results = browser.execute("return window.benchResults;")
        results.update(browser=LABELS[name], version=browser.version,
                       date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                       cpus=os.cpu_count(), seconds=round(time.monotonic() - started))
        return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and one round (not for figures)")
    parser.add_argument("--browsers", default="chrome,firefox")
    parser.add_argument("--cases", help="only these page cases, e.g. small,latency (for profiling)")
    parser.add_argument("--rounds", type=int, help="rounds of every timed case (more for a steadier median)")
    args = parser.parse_args()
    port = free_port()
    server = serve.start(port)
    query = [q for q in ("quick" if args.quick else "", f"cases={args.cases}" if args.cases else "",
                         f"rounds={args.rounds}" if args.rounds else "") if q]
    url = f"http://127.0.0.1:{port}/bench/index.html" + ("?" + "&".join(query) if query else "")
    runs, failed = [], []
    try:
        for name in args.browsers.split(","):
            try:
                run = run_browser(name, url)
            except Exception as error:  # one browser failing still reports the other
                print(f"[bench] {name} FAILED: {error}", file=sys.stderr, flush=True)
                failed.append(name)
                continue
            run["cases"].append(bundle_case())
            runs.append(run)
            print("\n" + browser_markdown(run), flush=True)
    finally:
        server.shutdown()
    # Only a full run replaces the published figures; a quick or partial one goes to partial/.
    full = not args.quick and not args.cases and not args.rounds and set(args.browsers.split(",")) == {"chrome", "firefox"}
    if runs and not full:
        out = os.path.join(HERE, "results", "partial")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "latest.json"), "w") as f:
            json.dump(runs, f, indent=1)
        with open(os.path.join(out, "latest.md"), "w") as f:
            f.write(markdown(runs))
        print("[bench] a quick or partial run: wrote bench/results/partial/ (the published figures are unchanged)", flush=True)
    elif runs:
        out = os.path.join(HERE, "results")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "latest.json"), "w") as f:
            json.dump(runs, f, indent=1)
        with open(os.path.join(out, "latest.md"), "w") as f:
            f.write(markdown(runs))
        chart = os.path.join(os.path.dirname(HERE), "www", "bench")
        os.makedirs(chart, exist_ok=True)
        shutil.copy(os.path.join(out, "latest.json"), os.path.join(chart, "results.json"))
        print(f"[bench] wrote bench/results/latest.json, bench/results/latest.md, www/bench/results.json", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
