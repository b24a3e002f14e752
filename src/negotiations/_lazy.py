"""Regular expressions compiled on first use, so that ``import negotiations`` stays cheap."""

from __future__ import annotations

import re
import sys

__all__ = ["LazyPattern"]


class LazyPattern:
    """A regular expression that compiles itself the first time it matches.

    ``pattern`` and ``flags`` are the arguments of `re.compile`. The first call of
    ``match``, ``fullmatch`` or ``search`` puts the compiled pattern's own methods on this
    object, where they shadow these: later calls cost what they cost on the pattern.
    `compile` gives the `re.Pattern` itself (for Hypothesis's ``from_regex``, say).
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern (`re` caches it)."""
        compiled = re.compile(self.pattern, self.flags)
        vars(self).update(
            match=compiled.match, fullmatch=compiled.fullmatch, search=compiled.search
        )
        return compiled

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.match`."""
        return self.compile().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """`re.Pattern.fullmatch`."""
        return self.compile().fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.search`."""
        return self.compile().search(string, pos, endpos)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
