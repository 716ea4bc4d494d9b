"""Progress figures, in percent, as the UI shows them and the WebSocket sends them."""

from __future__ import annotations

# Since the multi-tokenization migration a tokenization reports seven stages (it had five).
TOKENIZATION_STAGES = {
    "queued": 0,
    "loading": 10,
    "splitting": 20,
    "tokenizing": 40,
    "packing": 80,
    "saving": 95,
    "done": 100,
}
# Each extraction phase fills its own band of the bar.
EXTRACTION_PHASES = {"loading": (0, 10), "extracting": (10, 90), "saving": (90, 100)}


def clamp(percent: float) -> float:
    return max(0.0, min(100.0, percent))


def training_progress(step: int, total_steps: int) -> float:
    if total_steps <= 0:
        return 0.0
    return clamp(step / total_steps * 100)


def tokenization_progress(stage: str) -> int:
    return TOKENIZATION_STAGES[stage]


def extraction_progress(phase: str, fraction: float) -> float:
    low, high = EXTRACTION_PHASES[phase]
    return clamp(low + (high - low) * fraction)
