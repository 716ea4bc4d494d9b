"""Smoke fixtures: the real server, in a background thread, on a free loopback port."""

from __future__ import annotations

import pytest

from inference_server import make_server
from tests.helpers import Client


@pytest.fixture(scope="session")
def server():
    srv = make_server("127.0.0.1", 0)
    thread = srv.start_in_thread()
    try:
        yield srv
    finally:
        srv.stop()
        thread.join(timeout=5)


@pytest.fixture
def test_client(server) -> Client:
    return Client(server.base_url)
