"""Fuzz `negotiations.from_json` with atheris: any bytes in, a value or a ValidationError out.

Run from the repository root (see fuzz/README.md)::

    python fuzz/fuzz_from_json.py -dict=fuzz/json.dict /tmp/fuzz-corpus fuzz/seeds

Every input is parsed as bytes and, when it decodes, as str, into each public type.
Anything other than a valid object or `negotiations.ValidationError` (another
exception, a hang past ``-timeout``) stops the run and is saved as ``crash-*``.
A valid object must also survive a round trip through `to_json`.
"""

# ruff: noqa: INP001 - a script run by its path, not part of a package
from __future__ import annotations

import sys

import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

with atheris.instrument_imports():
    import negotiations
    from negotiations import ValidationError, from_json, to_json

TYPES: tuple[type, ...] = (
    negotiations.NegotiationRecord,
    negotiations.Meeting,
    negotiations.Party,
    negotiations.Person,
    negotiations.Delegation,
    negotiations.Venue,
    negotiations.ExchangeProposal,
    negotiations.Statement,
    negotiations.Source,
)

#: Small limits, so that the fuzzer also reaches the limit checks with short inputs.
SMALL = negotiations.Limits(
    max_bytes=4096, max_depth=8, max_string_length=64, max_items=16, max_problems=5
)


def _check(text: str | bytes, cls: type, limits: negotiations.Limits | None) -> None:
    try:
        value: object = from_json(text, cls, limits=limits)
    except ValidationError as error:
        if not error.problems:
            raise AssertionError("a ValidationError without problems") from error
        return
    if from_json(to_json(value), cls) != value:
        raise AssertionError(f"round trip changed {value!r}")


def test_one_input(data: bytes) -> None:
    """Feed one fuzzer input to every type, as bytes and as text, with default and small limits."""
    if not data:
        return
    cls = TYPES[data[0] % len(TYPES)]
    body = data[1:]
    _check(body, cls, None)
    _check(body, cls, SMALL)
    try:
        text = body.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return
    _check(text, cls, None)


def main() -> None:
    """Start libFuzzer with the command line's options."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
