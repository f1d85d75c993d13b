"""A local static server for a built site, compressing text as a static host such as GitHub Pages
does (gzip, Cache-Control max-age=600), so transfer sizes and Lighthouse see a realistic server."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects dir -> dir/
            path = path / "index.html"
        gz = "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in COMPRESSED and path.is_file()
        if not gz:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serving(site_dir: Path, port: int = 0):
    """Serve `site_dir` on 127.0.0.1; yields the base URL (ending in /)."""
    handler = functools.partial(Handler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
