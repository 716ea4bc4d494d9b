import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def run_cli(*args):
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.run(
        [sys.executable, "-m", "slugkit", *args],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )


def test_cli_prints_slug():
    result = run_cli("slug", "Crème brûlée: the Recipe", "--sep", "_")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "creme_brulee_the_recipe\n"


def test_cli_reports_bad_duration_with_exit_code_2():
    ok = run_cli("seconds", "1h30m")
    bad = run_cli("seconds", "soon")
    assert (ok.returncode, ok.stdout) == (0, "5400\n")
    assert bad.returncode == 2
    assert "invalid duration 'soon'" in bad.stderr
    assert bad.stdout == ""
