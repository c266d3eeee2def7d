"""A static file server for the benchmark page: python's http.server plus the headers that make a
page cross-origin isolated (COOP same-origin + COEP require-corp), so that performance.now() has
its finest resolution (Chrome 5 µs instead of 100 µs, Firefox 20 µs instead of 1 ms).

    python3 bench/serve.py [PORT]   # serves the repository root; open /bench/index.html
"""
import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class IsolatedHandler(SimpleHTTPRequestHandler):
    """Serves files with the cross-origin isolation headers, wasm and module MIME types, quietly."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"}

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *_):
        pass


def start(port, directory=ROOT):
    """Serves `directory` on 127.0.0.1:`port` from a daemon thread; returns the server."""
    handler = functools.partial(IsolatedHandler, directory=directory)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    start(port)
    print(f"serving {ROOT} with COOP/COEP on http://127.0.0.1:{port}/bench/index.html (Ctrl-C to stop)")
    threading.Event().wait()
