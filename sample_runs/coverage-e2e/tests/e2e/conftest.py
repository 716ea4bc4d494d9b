"""E2E fixtures: the API as a real process on loopback, called over HTTP with urllib.

The server runs in a subprocess, as it does in production, so these tests never import
`batch_app`: a coverage run of this process alone measures none of its code.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
STARTUP_TIMEOUT_S = 15.0


def start_server(log_path: Path) -> tuple[subprocess.Popen, str]:
    """Start ``python -m batch_app --port 0`` and wait for the URL it prints."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "batch_app", "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=log, env=env, text=True,
        )
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        ready = selector.select(STARTUP_TIMEOUT_S)
    line = proc.stdout.readline() if ready else ""
    if not line.startswith("listening on http://127.0.0.1:"):
        stop_server(proc)
        raise RuntimeError(f"server did not start: {line!r}; log: {log_path.read_text()}")
    return proc, line.split(" on ", 1)[1].strip()


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stdout.close()


class Api:
    """Calls the server: returns (status, headers, body bytes) for every answer, 4xx/5xx too."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, method: str, path: str, body: bytes | None = None, content_type: str = ""):
        headers = {"Content-Type": content_type} if content_type else {}
        request = urllib.request.Request(self.base_url + path, body, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.headers, err.read()

    def get_json(self, path: str):
        status, _, body = self.call("GET", path)
        return status, json.loads(body)

    def post_json(self, path: str, data: dict):
        status, _, body = self.call("POST", path, json.dumps(data).encode(), "application/json")
        return status, json.loads(body)

    def upload(self, lines: list[str]) -> dict:
        body = "".join(line + "\n" for line in lines).encode("utf-8")
        status, _, answer = self.call("POST", "/v1/files?purpose=batch", body, "application/jsonl")
        assert status == 200, answer
        return json.loads(answer)


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    proc, base_url = start_server(tmp_path_factory.mktemp("server") / "server.log")
    try:
        yield Api(base_url)
    finally:
        stop_server(proc)
