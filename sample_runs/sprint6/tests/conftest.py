"""Fixtures shared by every test category."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def message_payload() -> dict:
    return {
        "model": "mlx-community/gemma-3-12b-it-4bit",
        "max_tokens": 64,
        "messages": [{"role": "user", "content": "Say hello in one word."}],
    }
