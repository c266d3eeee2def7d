"""The bundle case: gzip bytes (level 9) of what each contender ships, measured on the built files."""
import gzip
import os

from serve import ROOT

# contender -> the files it ships (paths from the repository root)
SHIPPED = {
    "raw JS": ["bench/raw.js"],
    "wasm-rtc (npm entry: JS + wasm)": ["target/npm/wasm-rtc/index.js", "target/npm/wasm-rtc/wasm_rtc_bg.wasm"],
    "wasm-rtc/shim (npm entry: JS + wasm)": ["target/npm/wasm-rtc/shim/index.js", "target/npm/wasm-rtc/shim/wasm_rtc_shim_bg.wasm"],
    "bench crate (raw web-sys + wasm-rtc Sink/Stream, Rust, opt-level 3)": ["bench/pkg/wasm_rtc_bench.js", "bench/pkg/wasm_rtc_bench_bg.wasm"],
    "simple-peer (simplepeer.min.js)": ["bench/node_modules/simple-peer/simplepeer.min.js"],
    "adapter.js (webrtc-adapter out/adapter.js)": ["bench/node_modules/webrtc-adapter/out/adapter.js"],
}


def gzip_size(path):
    """Bytes of `path` after gzip -9."""
    with open(os.path.join(ROOT, path), "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9, mtime=0))


def bundle_case():
    """The bundle case in the page's result shape; ratio to adapter.js."""
    rows = []
    for contender, files in SHIPPED.items():
        rows.append({"contender": contender, "value": sum(gzip_size(f) for f in files),
                     "raw": sum(os.path.getsize(os.path.join(ROOT, f)) for f in files), "files": files})
    base = rows[-1]["value"]
    for row in rows:
        row["ratio"] = row["value"] / base
    return {"id": "bundle", "title": "bundle: gzip -9 bytes as shipped (ratio to adapter.js)", "unit": "B gzip",
            "better": "lower", "baseline": "adapter.js", "rows": rows}
