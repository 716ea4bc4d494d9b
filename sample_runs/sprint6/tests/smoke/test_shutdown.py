import urllib.error
import urllib.request

import pytest

from inference_server import make_server


def test_graceful_shutdown_stops_serving():
    srv = make_server("127.0.0.1", 0)
    thread = srv.start_in_thread()
    url = srv.base_url + "/health"
    with urllib.request.urlopen(url, timeout=5) as resp:
        assert resp.status == 200

    srv.stop()
    thread.join(timeout=5)

    assert not thread.is_alive()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=2)
