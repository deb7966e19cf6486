"""Serve a built playbook folder on 127.0.0.1, the way a static host would.

Usage: python -m scripts.serve_site SITE_DIR [--prefix /playbook/] [--port 0] [--gzip]
In the offline bundle this file is serve.py, and SITE_DIR defaults to the folder it sits in.

The site is served under its published path prefix; a miss is answered with 404.html and status 404,
as GitHub Pages and most static hosts do. Tests, the benchmark and the link checks all use this server.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class SiteHandler(SimpleHTTPRequestHandler):
    prefix = "/"
    use_gzip = False

    def end_headers(self) -> None:
        # linkchecker throttles requests to a host unless the host sends this header.
        self.send_header("LinkChecker", "local site server")
        # What GitHub Pages sends. Material re-sets every link's href once a page has loaded (to make
        # them absolute); under no-store the browser would then fetch each stylesheet again and draw
        # the page unstyled for a moment, which no reader of a real host sees.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self):
        if self.use_gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
                path = path / "index.html"
            if path.is_file() and path.suffix in COMPRESSIBLE:
                return self._send_compressed(path)
        return super().send_head()

    def _send_compressed(self, path: Path) -> BytesIO:
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and self.command == "GET" and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args) -> None:
        pass


class SiteServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a page mid-download (a test ending, Lighthouse moving on) is normal.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site_dir: Path, prefix: str = "/", port: int = 0, use_gzip: bool = False) -> Iterator[str]:
    """Serve site_dir in a background thread; yields the site's base URL."""
    handler_class = type("Handler", (SiteHandler,), {"prefix": prefix, "use_gzip": use_gzip})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = SiteServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, nargs="?", default=Path(__file__).resolve().parent)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--gzip", action="store_true", help="compress text responses, like a real host")
    args = parser.parse_args()
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} has no index.html; build the site first (make build)")
    with serve(args.site_dir, args.prefix, args.port, args.gzip) as url:
        print(f"Serving {args.site_dir} at {url} (Ctrl+C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.")


if __name__ == "__main__":
    main()
