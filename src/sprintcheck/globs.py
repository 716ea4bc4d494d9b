"""Path globs as the plan writes them: relative POSIX paths with `*`, `?`, `[...]` and `**`.

`*` stays inside one folder, `**` crosses folders, and a plain folder name means everything under it,
so `tests/e2e`, `tests/e2e/` and `tests/e2e/**` all select the same files.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MAGIC = re.compile(r"[*?\[]")


def is_glob(pattern: str) -> bool:
    return bool(_MAGIC.search(pattern))


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if not is_glob(pattern):
        folder = re.escape(pattern.rstrip("/"))
        return re.compile(rf"{folder}(?:/.*)?")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out))


def matches(path: str, pattern: str) -> bool:
    """True when the relative POSIX `path` is selected by `pattern`."""
    return _compile(pattern).fullmatch(path) is not None


def matches_any(path: str, patterns: tuple[str, ...]) -> bool:
    return any(matches(path, pattern) for pattern in patterns)
