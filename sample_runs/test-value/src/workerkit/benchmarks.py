"""Benchmark definitions (JSON files, one per benchmark) and the figures a run produces.

A definition names the model, the prompts and `max_tokens`:

    {"name": "short-chat", "model": "gemma-3-12b", "prompts": ["Hi"], "max_tokens": 64}
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

REQUIRED_FIELDS = ("name", "model", "prompts", "max_tokens")


@dataclass(frozen=True)
class Benchmark:
    name: str
    model: str
    prompts: tuple[str, ...]
    max_tokens: int
    description: str = ""


def parse_benchmark(text: str, source: str = "<string>") -> Benchmark:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{source}: benchmark is not valid JSON ({err.msg}, line {err.lineno})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{source}: a benchmark is a JSON object, got {type(data).__name__}")
    for name in REQUIRED_FIELDS:
        if name not in data:
            raise ValueError(f"{source}: benchmark is missing field {name!r}")
    prompts = data["prompts"]
    if not isinstance(prompts, list) or not prompts or not all(isinstance(p, str) for p in prompts):
        raise ValueError(f"{source}: prompts must be a non-empty list of strings")
    max_tokens = data["max_tokens"]
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise ValueError(f"{source}: max_tokens must be a positive integer, got {max_tokens!r}")
    return Benchmark(
        name=str(data["name"]),
        model=str(data["model"]),
        prompts=tuple(prompts),
        max_tokens=max_tokens,
        description=str(data.get("description", "")),
    )


class BenchmarkManager:
    """The benchmark definitions in one folder: `<name>.json` each."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def names(self) -> list[str]:
        return sorted(path.stem for path in self.folder.glob("*.json"))

    def load(self, name: str) -> Benchmark:
        path = self.folder / f"{name}.json"
        if not path.is_file():
            raise KeyError(f"no benchmark named {name!r} in {self.folder}")
        return parse_benchmark(path.read_text(encoding="utf-8"), source=path.name)

    def load_all(self) -> list[Benchmark]:
        return [self.load(name) for name in self.names()]


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {p}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class RunResult:
    latencies_s: tuple[float, ...]
    tokens: int
    wall_s: float

    @property
    def throughput(self) -> float:
        """Generated tokens per second of wall time."""
        return self.tokens / self.wall_s

    @property
    def p50(self) -> float:
        return percentile(list(self.latencies_s), 50)

    @property
    def p95(self) -> float:
        return percentile(list(self.latencies_s), 95)


def compare(baseline: RunResult, current: RunResult) -> dict[str, float]:
    """Relative change of the current run against the baseline (+0.25 is 25 % more)."""
    return {
        "throughput": round(current.throughput / baseline.throughput - 1, 4),
        "p50": round(current.p50 / baseline.p50 - 1, 4),
        "p95": round(current.p95 / baseline.p95 - 1, 4),
    }
