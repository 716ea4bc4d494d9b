"""Parse human durations such as ``"1h30m"`` or ``"2d 4h"`` into seconds."""

from __future__ import annotations

import re

_UNITS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"\s*(\d+)\s*([wdhms])", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """Return the number of seconds in ``text``; a bare number means seconds.

    Units must appear at most once and from largest to smallest.
    Raises ``ValueError`` on anything else.
    """
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped)
    if not stripped:
        raise ValueError("empty duration")
    total, pos, last_rank = 0, 0, -1
    order = list(_UNITS)
    while pos < len(stripped):
        match = _PART.match(stripped, pos)
        if not match:
            raise ValueError(f"invalid duration {text!r} at position {pos}")
        amount, unit = int(match.group(1)), match.group(2).lower()
        rank = order.index(unit)
        if rank <= last_rank:
            raise ValueError(f"unit {unit!r} out of order or repeated in {text!r}")
        total += amount * _UNITS[unit]
        last_rank, pos = rank, match.end()
    return total
