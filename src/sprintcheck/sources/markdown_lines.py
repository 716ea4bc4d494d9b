"""Line shapes of Markdown shared by the readers of status documents and plans."""

from __future__ import annotations

import re

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")  # a code fence opens or closes
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")  # an ATX heading, closing #s off
