"""HTTP layer of the inference server (stdlib only)."""

from __future__ import annotations

import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DEFAULT_MODEL = "mlx-community/gemma-3-12b-it-4bit"
MAX_BODY_BYTES = 1 << 20

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization, anthropic-version, x-api-key",
    "Access-Control-Max-Age": "600",
}


class InferenceServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its model and its cache folder."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, model: str = DEFAULT_MODEL, cache_dir: Path | None = None):
        super().__init__(address, RequestHandler)
        self.model = model
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.started_at = time.time()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="inference-server", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Graceful shutdown: finish the request in progress, then close the socket."""
        self.shutdown()
        self.server_close()


class RequestHandler(BaseHTTPRequestHandler):
    server: InferenceServer
    server_version = "inference-server/0.6"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    # --- helpers -----------------------------------------------------------------

    def _send_json(self, status: HTTPStatus, payload: dict) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_error(self, status: HTTPStatus, kind: str, message: str) -> None:
        self._send_json(status, {"type": "error", "error": {"type": kind, "message": message}})

    def _read_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            raise ValueError("request body too large")
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw or b"null")

    # --- routes ------------------------------------------------------------------

    def do_OPTIONS(self):  # noqa: N802 - http.server naming
        self.send_response(HTTPStatus.NO_CONTENT)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802
        path = urlsplit(self.path).path
        if path == "/health":
            self._send_json(
                HTTPStatus.OK,
                {
                    "status": "ok",
                    "model": self.server.model,
                    "uptime_s": round(time.time() - self.server.started_at, 3),
                },
            )
        elif path == "/v1/models":
            self._send_json(
                HTTPStatus.OK,
                {
                    "object": "list",
                    "data": [{"id": self.server.model, "object": "model", "owned_by": "local"}],
                },
            )
        else:
            self._send_error(HTTPStatus.NOT_FOUND, "not_found_error", f"no route for {path}")

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ("/v1/messages", "/v1/chat/completions"):
            self._send_error(HTTPStatus.NOT_FOUND, "not_found_error", f"no route for {url.path}")
            return
        try:
            body = self._read_json()
        except ValueError as exc:  # includes json.JSONDecodeError
            self._send_error(HTTPStatus.BAD_REQUEST, "invalid_request_error", str(exc))
            return
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            self._send_error(
                HTTPStatus.BAD_REQUEST, "invalid_request_error", "'messages' must be a list"
            )
            return
        stream = body.get("stream") is True or parse_qs(url.query).get("stream") == ["true"]
        what = "streaming inference" if stream else "inference"
        self._send_error(
            HTTPStatus.NOT_IMPLEMENTED, "not_implemented_error", f"{what} is not implemented yet"
        )


def make_server(
    host: str = "127.0.0.1",
    port: int = 0,
    model: str = DEFAULT_MODEL,
    cache_dir: Path | None = None,
) -> InferenceServer:
    """Bind a server (port 0 picks a free port); call ``serve_forever`` or ``start_in_thread``."""
    return InferenceServer((host, port), model=model, cache_dir=cache_dir)
