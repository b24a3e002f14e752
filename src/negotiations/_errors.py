"""The library's exceptions and the problems a `ValidationError` carries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, final

import attrs

from ._lazy import LazyPattern
from ._model import Model

__all__ = ["NegotiationsError", "Problem", "ValidationError", "render_path"]

_IDENTIFIER: Final = LazyPattern(r"[A-Za-z_][A-Za-z0-9_]*\Z")

#: How many problems ``str(ValidationError)`` lists before summarising the rest.
SHOWN_PROBLEMS: Final = 50

Location = tuple[str | int, ...]


def render_path(location: Location) -> str:
    """Render a location as a JSONPath such as ``$.meetings[1].actual_start``."""
    parts = ["$"]
    for segment in location:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif _IDENTIFIER.match(segment):
            parts.append(f".{segment}")
        else:
            parts.append(f"[{segment!r}]")
    return "".join(parts)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Problem(Model):
    """One broken rule: where (``location``), which rule (``rule``), and what (``message``).

    ``location`` is a tuple of keys and indices from the root of the checked value;
    ``path`` renders it as a JSONPath (``$.meetings[1].actual_start``).
    """

    location: Location
    rule: str
    message: str

    @property
    def path(self) -> str:
        """The location as a JSONPath string, e.g. ``$.meetings[1].actual_start``."""
        return render_path(self.location)

    def within(self, *prefix: str | int) -> Problem:
        """Return this problem as seen from a container of the checked value."""
        return Problem(location=(*prefix, *self.location), rule=self.rule, message=self.message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"


class NegotiationsError(Exception):
    """The root of every exception this library raises on purpose."""

    # Tracebacks and docs name the public path, negotiations.ValidationError.
    __module__ = "negotiations"


@final
class ValidationError(NegotiationsError, ValueError):
    """Input broke one or more rules; ``problems`` lists every one of them.

    This is the only exception that bad input produces, whether the input was Python
    values passed to a constructor, a dict, or JSON text. Each `Problem` names its
    path, a stable rule id (see `negotiations.RULES`) and a message.
    """

    __module__ = "negotiations"

    problems: tuple[Problem, ...]
    subject: str

    def __init__(self, problems: Iterable[Problem], subject: str = "value") -> None:
        self.problems = tuple(problems)
        self.subject = subject
        super().__init__(self.problems, subject)

    @property
    def rules(self) -> frozenset[str]:
        """The ids of the rules that were broken."""
        return frozenset(problem.rule for problem in self.problems)

    def within(self, *prefix: str | int) -> tuple[Problem, ...]:
        """The problems as seen from a container of the checked value."""
        return tuple(problem.within(*prefix) for problem in self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in {self.subject}:"]
        lines.extend(f"  {problem}" for problem in self.problems[:SHOWN_PROBLEMS])
        if count > SHOWN_PROBLEMS:
            lines.append(f"  ... and {count - SHOWN_PROBLEMS} more")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"ValidationError({list(self.problems)!r}, subject={self.subject!r})"

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...], str]]:
        return (ValidationError, (self.problems, self.subject))
