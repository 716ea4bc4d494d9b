"""The app on the real sprint6 sample, its git history built into a temporary cache (never the
user's), and apps built the way `sprintcheck` builds them."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sprintcheck.cli import demo_target
from sprintcheck.pipeline import Inputs
from sprintcheck.tui.app import SprintcheckApp

MakeApp = Callable[..., SprintcheckApp]


@pytest.fixture(scope="session")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="session")
def sprint6(cache: Path) -> Path:
    """The sample with its own git history, as `sprintcheck demo` analyses it."""
    built = demo_target()
    assert built.is_relative_to(cache), built
    return built


@pytest.fixture
def project(sprint6: Path, tmp_path: Path) -> Path:
    """A private copy of the sample (history included) that a test may change."""
    copy = tmp_path / "sprint6"
    shutil.copytree(sprint6, copy, symlinks=True)
    return copy


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    return tmp_path / "review" / "review.json"


@pytest.fixture
def make_app(sprint6: Path, review_path: Path) -> MakeApp:
    def make(
        target: Path = sprint6, review: Path | None = review_path, watch: bool = False
    ) -> SprintcheckApp:
        return SprintcheckApp(Inputs(target=target), review, watch)

    return make


@pytest.fixture(autouse=True)
def pinned_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots and screens must not depend on the developer's terminal settings."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TZ", "UTC")
