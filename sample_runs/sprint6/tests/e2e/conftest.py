"""E2E fixtures: the real server as a subprocess, the way users run it."""

from __future__ import annotations

import pytest

from tests.helpers import (
    Client,
    free_port,
    start_server_process,
    stop_server_process,
    wait_until_healthy,
)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("prompt-cache")


@pytest.fixture(scope="session")
def live_server(cache_dir):
    port = free_port()
    proc = start_server_process(port, cache_dir=cache_dir)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url)
        yield base_url
    finally:
        stop_server_process(proc)


@pytest.fixture
def client(live_server) -> Client:
    return Client(live_server, timeout=120.0)


@pytest.fixture
def restartable_server(tmp_path):
    """A server of its own, for tests that stop and start it again."""
    state = {"proc": None, "port": free_port()}

    def start():
        state["proc"] = start_server_process(state["port"], cache_dir=tmp_path / "cache")
        base_url = f"http://127.0.0.1:{state['port']}"
        wait_until_healthy(base_url)
        return Client(base_url, timeout=120.0)

    def stop():
        if state["proc"] is not None:
            stop_server_process(state["proc"])
            state["proc"] = None

    yield start, stop, tmp_path / "cache"
    stop()
