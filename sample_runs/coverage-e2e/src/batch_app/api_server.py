"""The HTTP API, on http.server.

    GET  /health                     {"status": "ok"}
    POST /v1/files?purpose=batch     body: JSONL requests; answers the file object
    POST /v1/batches                 {"input_file_id": "file-0001"}; runs it, answers the batch
    GET  /v1/batches/{id}            the batch object
    GET  /v1/batches/{id}/output     JSONL, one line per answered request
    GET  /v1/batches/{id}/errors     JSONL, one line per request that could not be run
    GET  /metrics                    Prometheus text
"""

from __future__ import annotations

import itertools
import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from batch_app import metrics
from batch_app.database import Store
from batch_app.worker import run_batch

log = logging.getLogger("batch_app.api")
MAX_BODY = 10 * 1024 * 1024
_request_ids = itertools.count(1)


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class BatchServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, Handler)
        self.store = Store()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: BatchServer
    server_version = "batch_app"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - replaced by JSON logs
        pass

    def _dispatch(self, method: str) -> None:
        request_id = f"req-{next(_request_ids)}"
        url = urlsplit(self.path)
        parts = [part for part in url.path.split("/") if part]
        try:
            status, content_type, body = self._route(method, parts, parse_qs(url.query))
        except ApiError as err:
            status, content_type = err.status, "application/json"
            body = json.dumps({"error": {"message": str(err)}}).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", request_id)
        self.end_headers()
        self.wfile.write(body)
        route = "/" + "/".join(parts[:2])
        metrics.inc("requests_total", method=method, route=route, status=str(int(status)))
        log.info("request", extra={"request_id": request_id, "method": method,
                                   "path": url.path, "status": int(status)})

    def _route(self, method: str, parts: list[str], query: dict) -> tuple[int, str, bytes]:
        store = self.server.store
        if method == "GET" and parts == ["health"]:
            return _json({"status": "ok"})
        if method == "GET" and parts == ["metrics"]:
            return HTTPStatus.OK, "text/plain; version=0.0.4", metrics.render().encode("utf-8")
        if method == "POST" and parts == ["v1", "files"]:
            purpose = query.get("purpose", ["batch"])[0]
            return _json(store.add_file(purpose, self._body()).to_json())
        if method == "POST" and parts == ["v1", "batches"]:
            try:
                input_file_id = json.loads(self._body())["input_file_id"]
            except (ValueError, KeyError, TypeError):
                raise ApiError(HTTPStatus.BAD_REQUEST, "expected {\"input_file_id\": ...}") from None
            if store.get_file(input_file_id) is None:
                raise ApiError(HTTPStatus.NOT_FOUND, f"no file {input_file_id!r}")
            return _json(run_batch(store, store.add_batch(input_file_id)).to_json())
        if method == "GET" and len(parts) in (3, 4) and parts[:2] == ["v1", "batches"]:
            batch = store.get_batch(parts[2])
            if batch is None:
                raise ApiError(HTTPStatus.NOT_FOUND, f"no batch {parts[2]!r}")
            if len(parts) == 3:
                return _json(batch.to_json())
            if parts[3] in ("output", "errors"):
                rows = batch.output if parts[3] == "output" else batch.errors
                text = "".join(json.dumps(row) + "\n" for row in rows)
                return HTTPStatus.OK, "application/jsonl", text.encode("utf-8")
        raise ApiError(HTTPStatus.NOT_FOUND, f"no route {method} {self.path}")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {MAX_BODY} bytes")
        return self.rfile.read(length)


def _json(data: dict) -> tuple[int, str, bytes]:
    return HTTPStatus.OK, "application/json", json.dumps(data).encode("utf-8")


def make_server(host: str = "127.0.0.1", port: int = 0) -> BatchServer:
    return BatchServer((host, port))
