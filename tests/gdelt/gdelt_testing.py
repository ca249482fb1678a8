"""Helpers of the GDELT tests: fixture paths, zipping real rows, a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from valuesgap.sources.gdelt_generate import zip_bytes

FIXTURES = Path(__file__).parent / "fixtures"


def real_zip(name: str) -> bytes:
    """Return a fixture file of real rows zipped as GDELT zips it (``v2_X.export.CSV`` → ``X.export.CSV``)."""
    text = (FIXTURES / name).read_bytes()
    return zip_bytes(name.split("_", 1)[1], text)


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


class FileServer:
    """Serve a folder on 127.0.0.1; count requests per path; ``truncate[name] = n`` serves only n bytes of a file."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.requests: Counter = Counter()
        self.truncate: dict[str, int] = {}
        self.fail_first: dict[str, int] = {}  # name -> how many first requests get truncated bodies
        server_self = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(server_self.folder), **kwargs)

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                name = self.path.lstrip("/").split("?")[0]
                server_self.requests[name] += 1
                cut = server_self.truncate.get(name)
                if server_self.fail_first.get(name, 0) > 0:
                    server_self.fail_first[name] -= 1
                    cut = 100
                path = server_self.folder / name
                if cut is not None and path.exists():
                    data = path.read_bytes()
                    body = data[:cut]
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
