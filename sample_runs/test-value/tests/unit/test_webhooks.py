import pytest

from workerkit.webhooks import Delivery, WebhookSender

URL = "https://hooks.example.com/batches"


class FakeTransport:
    """Answers each post with the next scripted outcome: a status code or an exception."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.calls = []

    def post(self, url, body, headers, timeout):
        self.calls.append((url, body, headers["Content-Type"], timeout))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


@pytest.fixture
def sleeps():
    return []


def sender_for(transport, sleeps, **kwargs):
    return WebhookSender(transport, sleep=sleeps.append, **kwargs)


def test_first_success_is_delivered_once(sleeps):
    transport = FakeTransport(200)
    delivery = sender_for(transport, sleeps).deliver(URL, {"batch_id": "batch-0001"})
    assert delivery == Delivery(True, 1, 200, None, ())
    assert transport.calls == [(URL, b'{"batch_id": "batch-0001"}', "application/json", 5.0)]


def test_server_errors_are_retried_until_success(sleeps):
    transport = FakeTransport(503, 502, 200)
    delivery = sender_for(transport, sleeps).deliver(URL, {})
    assert delivery == Delivery(True, 3, 200, None, (1.0, 2.0))
    assert sleeps == [1.0, 2.0]


def test_gives_up_after_three_attempts(sleeps):
    transport = FakeTransport(500, 500, 500, 200)
    delivery = sender_for(transport, sleeps).deliver(URL, {})
    assert (delivery.delivered, delivery.attempts, delivery.error) == (False, 3, "HTTP 500")
    assert len(transport.calls) == 3
    assert transport.outcomes == [200]


def test_backoff_doubles_from_the_base_delay(sleeps):
    transport = FakeTransport(ConnectionError("refused"), 429, 503, 204)
    delivery = sender_for(transport, sleeps, max_attempts=4, base_delay=0.5).deliver(URL, {})
    assert delivery.attempts == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_client_error_is_final(sleeps):
    transport = FakeTransport(404, 200)
    delivery = sender_for(transport, sleeps).deliver(URL, {})
    assert delivery == Delivery(False, 1, 404, "HTTP 404", ())
    assert sleeps == []


def test_timeout_is_passed_on_and_retried(sleeps):
    transport = FakeTransport(TimeoutError("timed out"), TimeoutError("timed out"), 200)
    delivery = sender_for(transport, sleeps, timeout=2.5).deliver(URL, {})
    assert (delivery.delivered, delivery.attempts) == (True, 3)
    assert [call[3] for call in transport.calls] == [2.5, 2.5, 2.5]


def test_last_error_is_reported_when_every_attempt_times_out(sleeps):
    transport = FakeTransport(*[TimeoutError("read timed out")] * 3)
    delivery = sender_for(transport, sleeps).deliver(URL, {"status": "completed", "batch_id": "b"})
    assert delivery == Delivery(False, 3, None, "TimeoutError: read timed out", (1.0, 2.0))
    assert transport.calls[0][1] == b'{"batch_id": "b", "status": "completed"}'


@pytest.mark.parametrize("url", [pytest.param("ftp://hooks.example.com/batches", id="ftp")])
def test_only_http_urls_are_accepted(sleeps, url):
    transport = FakeTransport(200)
    with pytest.raises(ValueError, match="webhook URL must be http or https, got 'ftp://"):
        sender_for(transport, sleeps).deliver(url, {})
    assert transport.calls == []
