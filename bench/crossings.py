"""How often one case crosses between JavaScript and WebAssembly, contender by contender, counted.

    python3 bench/crossings.py --case setup
    python3 bench/crossings.py --case small --contenders "raw web-sys (Rust),wasm-rtc Sink/Stream (Rust)"

Needs the built page (run `bash scripts/bench.sh --cases setup --rounds 1` once). It serves the
page with the bench crate's wasm-bindgen glue counted: every import the module calls (wasm → JS)
and every export JavaScript calls (JS → wasm: closures the browser invokes, the allocator, the
externref table) goes through a counter. Each contender runs the case twice in a fresh browser,
with `--rounds` and `--rounds` + `--extra` rounds, and the difference divided by the extra rounds
is what one round costs: loading the module, connecting and warming up cancel out. For the
message cases a round moves the case's 100,000 messages, so the figures are also given per
message. Counts do not vary from run to run the way times do, and counting slows the page, so
only the counts mean anything here (bench/run.py has the times). The npm package's own module
(the JS helper contender) is not counted.
"""
import argparse
import collections
import functools
import os
import re
import sys
import urllib.parse
from http.server import ThreadingHTTPServer
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))

import serve  # noqa: E402
from webdriver import Browser, free_port  # noqa: E402

GLUE = "/bench/pkg/wasm_rtc_bench.js"
DEFAULT_CONTENDERS = "raw web-sys (Rust),wasm-rtc Sink/Stream (Rust)"
MESSAGES = {"small": 100_000, "breakdown": 100_000}
TIMEOUT_S = 15 * 60

# Put in front of the glue: the counters, and a wrapper that counts each call of a function.
PRELUDE = """globalThis.__crossings = {};
function __counted(name, f) {
    return function (...args) { globalThis.__crossings[name] = (globalThis.__crossings[name] || 0) + 1; return f.apply(this, args); };
}
"""
IMPORTS_END = '    return {\n        __proto__: null,\n        "./wasm_rtc_bench_bg.js": import0,'
COUNT_IMPORTS = ("    for (const k of Object.keys(import0)) import0[k] = __counted('out ' + k, import0[k]);\n")
EXPORTS = "    wasm = instance.exports;"
COUNT_EXPORTS = ("    wasm = Object.fromEntries(Object.entries(instance.exports).map(([k, v]) =>"
                 " [k, typeof v === 'function' ? __counted('in ' + k, v) : v]));")


def counted_glue(source):
    """The glue with every import and export call counted; fails if the glue's shape changed."""
    for marker in (IMPORTS_END, EXPORTS):
        if source.count(marker) != 1:
            raise RuntimeError(f"the wasm-bindgen glue changed shape: {marker.strip()!r} not found once")
    source = source.replace(IMPORTS_END, COUNT_IMPORTS + IMPORTS_END)
    return PRELUDE + source.replace(EXPORTS, COUNT_EXPORTS)


def casts(source):
    """What each of the glue's generic cast intrinsics converts (`__wbindgen_generic_N` → text)."""
    found = re.findall(r"(__wbindgen_generic_\w+): function\([^)]*\) \{\n(?:.*\n)*?\s*// Cast intrinsic for `(.*?)`", source)
    return dict(found)


def label(name, cast_of):
    """A readable name for a counted import or export."""
    way, raw = name.split(" ", 1)
    if raw in cast_of:
        cast = cast_of[raw]
        if cast.startswith("Closure("):
            return f"{way} a new closure (a Rust closure made a JS function)"
        return f"{way} a conversion: {cast.replace('Externref', 'JS value')}"
    if "closures" in raw and "invoke" in raw:
        return f"{way} a closure the browser calls"
    match = re.fullmatch(r"__wbg_(?:___wbindgen_)?(.+?)_[0-9a-f]{16}", raw)
    return f"{way} {match.group(1) if match else raw}"


def server(port, glue):
    """The page's server, handing out the counted glue instead of the built one."""
    class Counting(serve.IsolatedHandler):
        def do_GET(self):
            if urllib.parse.urlsplit(self.path).path != GLUE:
                return super().do_GET()
            body = glue.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Counting, directory=serve.ROOT))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def count(browser_name, port, case, rounds, contender):
    """The counts of one run of `case` with `rounds` rounds, by counted name."""
    url = (f"http://127.0.0.1:{port}/bench/index.html?cases={case}&rounds={rounds}"
           f"&contenders={urllib.parse.quote(contender)}")
    with Browser(browser_name, request_timeout_s=300) as browser:
        browser.open(url)
        title = browser.wait_for_title(("BENCH DONE", "BENCH FAIL"), TIMEOUT_S)
        if not title or not title.startswith("BENCH DONE"):
            raise RuntimeError(f"{browser_name}, {contender}: {title}")
        return collections.Counter(browser.execute("return globalThis.__crossings;"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="setup", help="one case of bench/run.js (setup, small, latency, …)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the first run")
    parser.add_argument("--extra", type=int, default=4, help="rounds the second run adds")
    parser.add_argument("--browsers", default="chrome,firefox")
    parser.add_argument("--contenders", default=DEFAULT_CONTENDERS, help="comma-separated names, as in bench/contenders.js")
    parser.add_argument("--top", type=int, default=12, help="most frequent crossings shown per contender")
    args = parser.parse_args()
    with open(os.path.join(serve.ROOT, GLUE.lstrip("/")), encoding="utf-8") as f:
        source = f.read()
    cast_of, contenders = casts(source), args.contenders.split(",")
    per = MESSAGES.get(args.case)
    port = free_port()
    httpd = server(port, counted_glue(source))
    try:
        for browser_name in args.browsers.split(","):
            rows = {}
            for contender in contenders:
                first = count(browser_name, port, args.case, args.rounds, contender)
                second = count(browser_name, port, args.case, args.rounds + args.extra, contender)
                rows[contender] = collections.Counter()
                for name in set(first) | set(second):
                    rows[contender][label(name, cast_of)] += (second[name] - first[name]) / args.extra
            unit = f"per message ({per:,} a round)" if per else "per round"
            print(f"\n{browser_name}, {args.case}: JS ↔ wasm calls {unit}")
            for contender, counts in rows.items():
                scale = per or 1
                total = {way: sum(v for k, v in counts.items() if k.startswith(way)) / scale for way in ("out", "in")}
                print(f"  {contender}: {total['out'] + total['in']:.2f} "
                      f"(wasm → JS {total['out']:.2f}, JS → wasm {total['in']:.2f})")
                for name, n in counts.most_common(args.top):
                    if n / scale >= 0.005:
                        print(f"      {n / scale:9.2f}  {name}")
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
