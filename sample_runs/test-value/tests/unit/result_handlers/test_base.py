import pytest

from workerkit.result_handlers import HandlerRegistry, ResultHandler, run_handlers


class Recorder(ResultHandler):
    def __init__(self, log, name="recorder"):
        self.log = log
        self.name = name

    def handle(self, batch_id, results):
        self.log.append((self.name, batch_id, len(results)))


class Broken(ResultHandler):
    def handle(self, batch_id, results):
        raise RuntimeError("disk full")


@pytest.fixture
def registry():
    handlers = HandlerRegistry()
    handlers.register("recorder")(Recorder)
    return handlers


def test_registered_class_is_found_by_name(registry):
    assert registry.get("recorder") == Recorder


def test_create_passes_options_to_the_handler(registry):
    log = []
    registry.create("recorder", log=log, name="audit").handle("batch-0001", [{}, {}])
    assert log == [("audit", "batch-0001", 2)]


def test_a_name_is_registered_only_once(registry):
    with pytest.raises(ValueError, match="result handler 'recorder' is already registered"):
        registry.register("recorder")(Broken)
    assert registry.get("recorder") == Recorder


def test_only_result_handlers_can_register(registry):
    with pytest.raises(TypeError, match="result handler 'plain' must subclass ResultHandler"):
        registry.register("plain")(dict)


def test_unknown_name_lists_the_known_ones(registry):
    registry.register("broken")(Broken)
    with pytest.raises(KeyError, match="no result handler named 'csv'; known: broken, recorder"):
        registry.get("csv")


def test_base_class_cannot_be_instantiated():
    with pytest.raises(TypeError, match="abstract method handle"):
        ResultHandler()


def test_handlers_run_in_name_order():
    log = []
    handlers = {"b": Recorder(log, "b"), "a": Recorder(log, "a")}
    assert run_handlers(handlers, "batch-0007", [{}]) == {"a": "ok", "b": "ok"}
    assert log == [("a", "batch-0007", 1), ("b", "batch-0007", 1)]


def test_a_failing_handler_does_not_stop_the_others():
    log = []
    outcome = run_handlers({"archive": Broken(), "notify": Recorder(log)}, "batch-0002", [])
    assert outcome == {"archive": "error: RuntimeError: disk full", "notify": "ok"}
    assert log == [("recorder", "batch-0002", 0)]
