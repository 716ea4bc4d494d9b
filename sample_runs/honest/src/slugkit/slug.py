"""Turn arbitrary text into a URL slug."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, sep: str = "-", max_length: int | None = None) -> str:
    """Lower-case ASCII words joined by ``sep``.

    Accents are folded (``"Crème brûlée"`` -> ``"creme-brulee"``), everything else
    that is not a letter or digit separates words. ``max_length`` cuts at a word
    boundary when it can.
    """
    if not isinstance(text, str):
        raise TypeError(f"slugify() expects str, got {type(text).__name__}")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub(sep, folded.lower()).strip(sep)
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        if slug[max_length] != sep and sep in cut:
            cut = cut.rsplit(sep, 1)[0]
        slug = cut.strip(sep)
    return slug
