"""A tiny requests-like HTTP client built on urllib, plus a free-port helper."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REQUEST_TIMEOUT_S = 5.0
SRC_DIR = Path(__file__).resolve().parent.parent / "src"
# Loading the real model takes 60+ seconds on a laptop.
STARTUP_TIMEOUT_S = 180.0


@dataclass
class Response:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.content)


class Client:
    """Just enough of a requests-like client for the tests."""

    def __init__(self, base_url: str, timeout: float = REQUEST_TIMEOUT_S):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def request(self, method: str, path: str, json_body=None, headers=None) -> Response:
        data = None
        all_headers = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body).encode("utf-8")
            all_headers.setdefault("Content-Type", "application/json")
        req = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=all_headers
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return Response(resp.status, dict(resp.headers.items()), resp.read())
        except urllib.error.HTTPError as err:
            with err:
                return Response(err.code, dict(err.headers.items()), err.read())

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json=None, **kwargs) -> Response:  # noqa: A002 - requests style
        return self.request("POST", path, json_body=json, **kwargs)

    def options(self, path: str, **kwargs) -> Response:
        return self.request("OPTIONS", path, **kwargs)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(base_url: str, timeout: float = STARTUP_TIMEOUT_S) -> None:
    client = Client(base_url, timeout=2.0)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if client.get("/health").status_code == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"server at {base_url} not healthy after {timeout:.0f}s")


def start_server_process(port: int, cache_dir: Path | None = None) -> subprocess.Popen:
    """Start ``python -m inference_server`` on loopback; the caller stops it."""
    cmd = [sys.executable, "-m", "inference_server", "--host", "127.0.0.1", "--port", str(port)]
    if cache_dir is not None:
        cmd += ["--cache-dir", str(cache_dir)]
    env = dict(os.environ, PYTHONPATH=str(SRC_DIR))
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def stop_server_process(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def parse_sse(text: str) -> list[tuple[str, dict]]:
    """Split a text/event-stream body into (event, data) pairs."""
    events = []
    for block in text.strip().split("\n\n"):
        name, data = "message", ""
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line[len("event:"):].strip()
            elif line.startswith("data:"):
                data += line[len("data:"):].strip()
        events.append((name, json.loads(data) if data else {}))
    return events


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB, like psutil.Process(pid).memory_info().rss."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")
