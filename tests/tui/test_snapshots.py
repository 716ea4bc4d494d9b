"""Snapshots of the six views on the sprint6 sample, at the wall-screen minimum and a larger size.

Each SVG was read by eye before it was accepted (`pytest --snapshot-update` writes them; review
the diff in snapshot_report.html before accepting a change).
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

# (view, keys pressed once loaded): the findings view is shown on the 501 smoke test, two keys in.
VIEWS = [
    ("overview", ()),
    ("findings", ("2", "t")),
    ("tests", ("3",)),
    ("tasks", ("4",)),
    ("timeline", ("5",)),
    ("coverage", ("6",)),
]
SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(("view", "keys"), VIEWS, ids=[view for view, _ in VIEWS])
def test_view(
    view: str, keys: tuple[str, ...], size: tuple[int, int], make_app, snap_compare
) -> None:
    async def open_view(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        assert pilot.app.current_mode == view

    assert snap_compare(make_app(), terminal_size=size, run_before=open_view)
