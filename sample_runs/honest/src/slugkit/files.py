"""Rename the files of a folder to slugs, keeping their extensions."""

from __future__ import annotations

from pathlib import Path

from slugkit.slug import slugify


def slugify_filenames(folder: Path, dry_run: bool = False) -> dict[str, str]:
    """Rename every file directly in ``folder``; return ``{old name: new name}``.

    A name that would collide with an existing file gets ``-2``, ``-3``... appended.
    """
    folder = Path(folder)
    renames: dict[str, str] = {}
    taken = {p.name for p in folder.iterdir()}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        stem = slugify(path.stem) or "file"
        suffix = path.suffix.lower()
        new = f"{stem}{suffix}"
        n = 2
        while new != path.name and new in taken:
            new = f"{stem}-{n}{suffix}"
            n += 1
        if new == path.name:
            continue
        renames[path.name] = new
        taken.discard(path.name)
        taken.add(new)
        if not dry_run:
            path.rename(folder / new)
    return renames
