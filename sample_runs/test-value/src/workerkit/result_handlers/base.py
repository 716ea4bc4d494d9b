"""The result handler plug-in interface and its registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Callable


class ResultHandler(ABC):
    @abstractmethod
    def handle(self, batch_id: str, results: list[dict]) -> None:
        """Do something with a finished batch's results (one dict per request)."""


class HandlerRegistry:
    def __init__(self) -> None:
        self._handlers: dict[str, type[ResultHandler]] = {}

    def register(self, name: str) -> Callable[[type[ResultHandler]], type[ResultHandler]]:
        """A class decorator that registers a handler class under `name`."""

        def decorate(cls: type[ResultHandler]) -> type[ResultHandler]:
            if not (isinstance(cls, type) and issubclass(cls, ResultHandler)):
                raise TypeError(f"result handler {name!r} must subclass ResultHandler")
            if name in self._handlers:
                raise ValueError(f"result handler {name!r} is already registered")
            self._handlers[name] = cls
            return cls

        return decorate

    def names(self) -> list[str]:
        return sorted(self._handlers)

    def get(self, name: str) -> type[ResultHandler]:
        try:
            return self._handlers[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise KeyError(f"no result handler named {name!r}; known: {known}") from None

    def create(self, name: str, /, **options) -> ResultHandler:
        return self.get(name)(**options)


def run_handlers(
    handlers: dict[str, ResultHandler], batch_id: str, results: list[dict]
) -> dict[str, str]:
    """Run every handler in name order; one that raises does not stop the others."""
    outcome = {}
    for name in sorted(handlers):
        try:
            handlers[name].handle(batch_id, results)
        except Exception as exc:  # noqa: BLE001 - reported per handler
            outcome[name] = f"error: {type(exc).__name__}: {exc}"
        else:
            outcome[name] = "ok"
    return outcome
