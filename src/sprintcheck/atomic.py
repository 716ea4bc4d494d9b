"""The one way sprintcheck writes a file (a report, a plan, the review file, the minutes)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Replace a regular file in one step, so a reader never sees half of it and a failed write
    leaves the old file as it was. Raises OSError; callers say which file and why.

    Anything that is not a regular file (a pipe, /dev/null, a terminal) is written in place:
    renaming over it would replace the device or pipe itself with a plain file.
    """
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not mkstemp: its files are private (0600), and these files are shared like any other, so
    # the temporary file gets the umask's usual mode.
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
