"""Lines added and removed per kind of file."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sprintcheck.analysis.churn import churn_by_kind, classify
from sprintcheck.sources.history import Commit, FileChange


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("tests/unit/test_slug.py", "tests"),
        ("tests/conftest.py", "tests"),
        ("tests/data/sample.json", "tests"),
        ("tests/README.md", "tests"),
        ("src/pkg/test_helpers.py", "tests"),
        ("src/pkg/slug_test.py", "tests"),
        ("pkg/server_test.go", "tests"),
        ("web/app.test.ts", "tests"),
        ("web/__tests__/app.js", "tests"),
        ("src/pkg/slug.py", "source"),
        ("src/server/main.rs", "source"),
        ("scripts/release.sh", "source"),
        ("setup.py", "source"),
        ("README.md", "docs"),
        ("docs/guide.rst", "docs"),
        ("docs/conf.py", "docs"),
        ("notes.txt", "docs"),
        ("LICENSE", "docs"),
        ("CHANGELOG", "docs"),
        ("pyproject.toml", "config"),
        ("setup.cfg", "config"),
        ("pytest.ini", "config"),
        ("config/app.yaml", "config"),
        ("package.json", "config"),
        ("Makefile", "config"),
        ("Dockerfile", "config"),
        ("requirements-dev.txt", "config"),
        (".github/workflows/ci.yml", "config"),
        (".github/CODEOWNERS", "config"),
        (".gitignore", "config"),
        (".pre-commit-config.yaml", "config"),
        ("uv.lock", "config"),
        ("assets/logo.png", "other"),
        ("model.bin", "other"),
        ("", "other"),
    ],
)
def test_classify(path: str, kind: str) -> None:
    assert classify(path) == kind


def commit(*files: FileChange, merge: bool = False) -> Commit:
    return Commit("0" * 40, "a", "a@x", datetime(2026, 1, 22, tzinfo=timezone.utc), "", merge, files)


def test_churn_by_kind_sums_lines_and_skips_binaries() -> None:
    commits = [
        commit(FileChange("src/a.py", 10, 2), FileChange("tests/test_a.py", 30, 0)),
        commit(FileChange("docs/plan.md", 120, 5), FileChange("README.md", 4, 4)),
        commit(FileChange("model.bin", None, None), FileChange("pyproject.toml", 3, 1)),
        commit(FileChange("src/a.py", 0, 8)),
    ]
    assert churn_by_kind(commits) == {
        "tests": (30, 0),
        "source": (10, 10),
        "docs": (124, 9),
        "config": (3, 1),
        "other": (0, 0),
    }


def test_churn_with_another_classifier_keeps_its_kinds() -> None:
    commits = [commit(FileChange("src/a.py", 10, 2), FileChange("tests/e2e/test_x.py", 5, 1))]
    by_top = churn_by_kind(commits, lambda path: path.split("/")[0])
    assert by_top == {
        "tests": (5, 1), "source": (0, 0), "docs": (0, 0), "config": (0, 0), "other": (0, 0),
        "src": (10, 2),
    }  # fmt: skip


def test_no_commits_no_churn() -> None:
    assert churn_by_kind([]) == {kind: (0, 0) for kind in ("tests", "source", "docs", "config", "other")}
