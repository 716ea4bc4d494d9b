"""Repair of UTF-8 text that was once decoded as a single-byte code page and saved again.

Status documents pass through editors, terminals and chat tools that do this: `âœ…` is ✅ read as
cp1252, `ğŸ“Š` is 📊 read as cp1254 (Turkish Windows), `‚úÖ` is ✅ read as Mac Roman. The repair
works on runs of non-ASCII characters, not whole lines, so a line keeps its real accents and emoji
while its mojibake is mended.
"""

from __future__ import annotations

import re

# The code pages seen misreading UTF-8, most common first. A run is re-encoded with the first one
# that can represent every character of it.
_CODE_PAGES = ("cp1252", "cp1254", "mac_roman")
# cp1252 and cp1254 leave five bytes undefined; a misread keeps them as the C1 control characters
# of the same value, so they map back to their byte.
_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_CONTINUATION = re.compile(rb"[\x80-\xbf]*")
_SELECTOR_PREFIX = b"\xef\xb8"  # U+FE00-U+FE3F: variation selectors


def repair(text: str) -> str:
    """`text` with every run of misread UTF-8 decoded again; everything else unchanged."""
    if text.isascii():
        return text
    return _RUN.sub(lambda match: _repair_run(match.group()), text)


def _repair_run(run: str) -> str:
    for code_page in _CODE_PAGES:
        raw = _encode(run, code_page)
        repaired = None if raw is None else _decode_sequences(run, raw)
        if repaired is not None:
            return repaired
    return run


def _encode(run: str, code_page: str) -> bytes | None:
    out = bytearray()
    for char in run:
        try:
            out += char.encode(code_page)
        except UnicodeEncodeError:
            if ord(char) not in _UNDEFINED or code_page == "mac_roman":
                return None
            out.append(ord(char))
    return bytes(out)


def _decode_sequences(run: str, raw: bytes) -> str | None:
    """Decode `raw` one UTF-8 sequence at a time, or None when it holds no UTF-8 at all.

    Single-byte code pages give one byte per character, so byte i is character i of `run`; a byte
    that starts no sequence keeps its character. A sequence that lost a byte on the way (the
    code page could not show it: `❌` arrives as `âŒ`) becomes U+FFFD, or nothing when it was the
    invisible variation selector that follows an emoji (`⚠️` arrives as `âš\xa0ï¸`).
    """
    out: list[str] = []
    found = False
    i = 0
    while i < len(raw):
        size = _utf8_length(raw[i])
        tail = len(_CONTINUATION.match(raw, i + 1, i + size).group()) if size > 1 else 0
        if size > 1 and tail == size - 1:
            out.append(raw[i : i + size].decode("utf-8", errors="replace"))
        elif tail:
            out.append("" if raw[i : i + 1 + tail] == _SELECTOR_PREFIX else "\ufffd")
        else:
            out.append(run[i])
        found = found or tail > 0
        i += 1 + tail
    return "".join(out) if found else None


def _utf8_length(lead: int) -> int:
    """The length of the UTF-8 sequence a lead byte starts (1: not a lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 1
