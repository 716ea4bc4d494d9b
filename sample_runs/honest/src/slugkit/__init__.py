"""slugkit: URL slugs and human durations."""

from slugkit.duration import parse_duration
from slugkit.slug import slugify

__all__ = ["parse_duration", "slugify"]
__version__ = "0.2.0"
