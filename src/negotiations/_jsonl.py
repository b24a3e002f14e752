"""JSON Lines: one document per line, read one line at a time so memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Final, TypeVar

from ._errors import ValidationError
from ._json import from_json
from ._limits import DEFAULT_LIMITS, Limits
from ._rules import LIMIT

__all__ = ["iter_jsonl"]

T = TypeVar("T")

_CHUNK: Final = 1024 * 1024
_BLANK: Final = " \t\r\n"


def _skip_rest_of_line(stream: IO[bytes] | IO[str]) -> None:
    """Read and drop the rest of an over-long line, a chunk at a time."""
    while True:
        rest = stream.readline(_CHUNK)
        if not rest or rest[-1:] in ("\n", b"\n"):
            return


def iter_jsonl(
    stream: IO[bytes] | IO[str], cls: type[T], *, limits: Limits | None = None
) -> Iterator[tuple[int, T | ValidationError]]:
    """Read a ``cls`` from each line of ``stream``; yield ``(line_number, object_or_error)``.

    Line numbers count from 1. A line that is not a valid ``cls`` gives its
    `ValidationError` and reading goes on; blank lines are skipped. No line is held
    longer than ``limits.max_bytes``: a longer one is reported and skipped unread, so
    memory stays flat however long the stream or its lines. A binary stream is decoded
    as UTF-8 by the parser; a text stream decodes itself.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    number = 0
    while True:
        line = stream.readline(limits.max_bytes + 1)
        if not line:
            return
        number += 1
        ended = line[-1:] in ("\n", b"\n")
        if len(line) > limits.max_bytes and not ended:
            _skip_rest_of_line(stream)
            yield (
                number,
                ValidationError(
                    [LIMIT.problem((), f"the line is longer than max_bytes {limits.max_bytes}")],
                    getattr(cls, "__name__", repr(cls)),
                ),
            )
            continue
        if isinstance(line, str):
            if not line.strip(_BLANK):
                continue
        elif not line.strip(_BLANK.encode()):
            continue
        if len(line) > limits.max_bytes:  # max_bytes of text and its newline
            line = line[:-1]
        try:
            yield number, from_json(line, cls, limits=limits)
        except ValidationError as error:
            yield number, error
