"""Small helpers for the sentences findings and reports are made of."""

from __future__ import annotations


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """`plural(1, "test")` -> "1 test", `plural(3, "test")` -> "3 tests"."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"
