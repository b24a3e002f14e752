"""The ``negotiations`` command: check a record file and summarise what it holds.

Exit codes: 0, the input is valid; 1, it is not (every problem is printed); 2, the
command was used wrongly or the file could not be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import IO, TextIO

from ._errors import ValidationError
from ._json import from_json
from ._jsonl import iter_jsonl
from ._limits import DEFAULT_LIMITS
from ._meetings import Meeting
from ._record import NegotiationRecord
from ._time import TimePrecision

__all__ = ["main", "run"]

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="negotiations", description="Check and summarise negotiation records."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check a record file (JSON) and print what it holds",
        description="Check a NegotiationRecord JSON file; print a summary, or every problem.",
    )
    validate.add_argument(
        "file", metavar="FILE", help="a record JSON file, or - for standard input"
    )
    validate.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON Lines, one record per line (the default for a .jsonl file)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default), or json: one JSON object per problem on standard output",
    )
    validate.add_argument(
        "--max-errors",
        type=_positive_int,
        default=None,
        metavar="N",
        help="JSON Lines: stop after N invalid lines (default: read to the end)",
    )
    validate.add_argument(
        "--fail-fast",
        dest="max_errors",
        action="store_const",
        const=1,
        help="JSON Lines: stop at the first invalid line (same as --max-errors 1)",
    )
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a type",
        description="Print the JSON Schema (draft 2020-12) of a type, NegotiationRecord by default.",
    )
    schema.add_argument(
        "type",
        metavar="TYPE",
        nargs="?",
        default="NegotiationRecord",
        help="a public type such as Meeting (default: NegotiationRecord)",
    )
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _read(path: str, stdin: TextIO, size: int) -> bytes:
    """At most ``size`` bytes of a file or of standard input (``-``)."""
    if path == "-":
        if hasattr(stdin, "buffer"):
            data: bytes = stdin.buffer.read(size)
            return data
        return stdin.read(size).encode(errors="surrogatepass")
    with open(path, "rb") as file:  # noqa: PTH123 - a plain path from the command line
        return file.read(size)


def _time(value: datetime, precision: TimePrecision, meeting: Meeting) -> str:
    tz = meeting.venue.tzinfo if meeting.venue is not None else None
    local = value.astimezone(tz) if tz is not None else value
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    if precision is TimePrecision.DAY:
        return f"{local:%Y-%m-%d} (day only)"
    about = "about " if precision is TimePrecision.APPROXIMATE else ""
    return f"{about}{local:%Y-%m-%d %H:%M} {offset}"


def _duration(value: timedelta) -> str:
    sign = "-" if value < timedelta(0) else "+"
    minutes = int(abs(value).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{sign}{hours}h{minutes:02}m"


def _summary(record: NegotiationRecord, out: TextIO) -> None:
    names = {party.id: party.name for party in record.parties}
    people = {person.id: person.name for person in record.persons}
    out.write(f"{record.title or 'Negotiation record'}: valid\n")
    out.write(f"Parties ({len(record.parties)}): ")
    out.write(", ".join(f"{party.name} [{party.id}]" for party in record.parties) + "\n")
    out.write(f"Persons ({len(record.persons)}): ")
    out.write(", ".join(f"{person.name} [{person.id}]" for person in record.persons) + "\n")
    out.write(f"Meetings ({len(record.meetings)}):\n")
    for meeting in record.meetings:
        parties = ", ".join(names.get(party, party) for party in meeting.parties)
        status = meeting.status.value if meeting.status else "status not given"
        out.write(f"  {meeting.id}: {meeting.title} ({meeting.kind.value}: {parties}; {status})\n")
        if meeting.venue is not None:
            out.write(f"    at {meeting.venue.name}")
            out.write(f", {meeting.venue.city}\n" if meeting.venue.city else "\n")
        if meeting.chair is not None:
            out.write(f"    chaired by {people.get(meeting.chair, meeting.chair)}\n")
        times = [
            ("scheduled", meeting.scheduled_start, meeting.scheduled_start_precision),
            ("started", meeting.actual_start, meeting.actual_start_precision),
            ("ended", meeting.end, meeting.end_precision),
        ]
        known = [
            f"{label} {_time(value, precision, meeting)}"
            for label, value, precision in times
            if value
        ]
        if known:
            out.write(f"    {'; '.join(known)}\n")
        if meeting.delay is not None:
            out.write(f"    delay {_duration(meeting.delay)}\n")
    out.write(f"Proposals ({len(record.proposals)}):\n")
    for proposal in record.proposals:
        sides = f"{names.get(proposal.side_a.party, proposal.side_a.party)} / {names.get(proposal.side_b.party, proposal.side_b.party)}"
        status = proposal.status.value if proposal.status else "status not given"
        out.write(f"  {proposal.id}: {proposal.formula} ({sides}; {status})\n")
    out.write(f"Statements ({len(record.statements)}):\n")
    for statement in record.statements:
        who = people.get(statement.speaker, statement.speaker) if statement.speaker else None
        party = names.get(statement.party, statement.party)
        by = f"{who} ({party})" if who else party
        outlets = ", ".join(source.outlet for source in statement.sources)
        out.write(f"  {statement.id}: {by}, {statement.kind.value} [{outlets}]\n")


def _print_schema(name: str, stdout: TextIO, stderr: TextIO) -> int:
    from ._schema import SCHEMA_TYPES, schema_text  # noqa: PLC0415 - only this command needs it

    cls = SCHEMA_TYPES.get(name)
    if cls is None:
        stderr.write(
            f"negotiations schema: unknown type {name!r}; choose one of {', '.join(SCHEMA_TYPES)}\n"
        )
        return EXIT_USAGE
    stdout.write(schema_text(cls))
    return EXIT_VALID


# --- validate ----------------------------------------------------------------------------


def _problem_lines(name: str, line: int | None, error: ValidationError) -> Iterator[str]:
    """One JSON object per problem, for other tools (``--format json``)."""
    for problem in error.problems:
        yield (
            json.dumps(
                {
                    "file": name,
                    "line": line,
                    "path": problem.path,
                    "rule": problem.rule,
                    "message": problem.message,
                },
                ensure_ascii=False,
            )
            + "\n"
        )


class _Progress:
    """Lines read and their rate, redrawn on standard error when it is a terminal."""

    def __init__(self, stderr: TextIO) -> None:
        self.stderr = stderr
        self.shown = stderr.isatty()
        self.start = self.last = time.monotonic()
        self.lines = 0

    def _line(self, now: float) -> str:
        rate = self.lines / max(now - self.start, 1e-9)
        return f"\r{self.lines} lines, {rate:,.0f} lines/s\x1b[K"

    def step(self, lines: int) -> None:
        self.lines = lines
        now = time.monotonic()
        if self.shown and now - self.last >= _PROGRESS_EVERY:
            self.last = now
            self.stderr.write(self._line(now))
            self.stderr.flush()

    def clear(self) -> None:
        """Take the progress line away before a message is written below it."""
        if self.shown:
            self.stderr.write("\r\x1b[K")

    def done(self) -> None:
        if self.shown:
            self.stderr.write(self._line(time.monotonic()) + "\n")


#: Seconds between two redraws of the progress line.
_PROGRESS_EVERY = 0.2


def _validate_lines(args: argparse.Namespace, stream: IO[bytes] | IO[str], out: _Output) -> int:
    progress = _Progress(out.stderr)
    lines = invalid = 0
    for lines, result in iter_jsonl(stream, NegotiationRecord):
        progress.step(lines)
        if isinstance(result, ValidationError):
            invalid += 1
            progress.clear()
            out.error(lines, result)
            if args.max_errors is not None and invalid >= args.max_errors:
                out.stderr.write(f"{args.file}: stopped after {invalid} invalid lines\n")
                break
    progress.done()
    if args.format == "text":
        verdict = "all valid" if not invalid else f"{invalid} invalid"
        out.stdout.write(f"{args.file}: {lines} lines read, {verdict}\n")
    return EXIT_INVALID if invalid else EXIT_VALID


class _Output:
    """Where problems go: text on standard error, or JSON objects on standard output."""

    def __init__(self, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> None:
        self.name = args.file
        self.json = args.format == "json"
        self.stdout = stdout
        self.stderr = stderr

    def error(self, line: int | None, error: ValidationError) -> None:
        if self.json:
            self.stdout.writelines(_problem_lines(self.name, line, error))
        else:
            where = self.name if line is None else f"{self.name}:{line}"
            self.stderr.write(f"{where}: {error}\n")


def _open_lines(path: str, stdin: TextIO) -> IO[bytes] | IO[str]:
    if path == "-":
        return stdin.buffer if hasattr(stdin, "buffer") else stdin
    return open(path, "rb")  # noqa: PTH123 - closed by the caller; a plain path


def _validate(args: argparse.Namespace, *, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    out = _Output(args, stdout, stderr)
    try:
        if args.jsonl or args.file.endswith(".jsonl"):
            stream = _open_lines(args.file, stdin)
            try:
                return _validate_lines(args, stream, out)
            finally:
                if args.file != "-":
                    stream.close()
        data = _read(args.file, stdin, DEFAULT_LIMITS.max_bytes + 1)
    except BrokenPipeError:  # the reader of standard output went away: not a read error
        raise
    except OSError as error:
        stderr.write(f"negotiations: cannot read {args.file}: {error.strerror or error}\n")
        return EXIT_USAGE
    try:
        record = from_json(data, NegotiationRecord)
    except ValidationError as error:
        out.error(None, error)
        return EXIT_INVALID
    if not out.json:
        _summary(record, stdout)
    return EXIT_VALID


def run(args: argparse.Namespace, *, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Carry out parsed arguments; return the exit code."""
    if args.command == "schema":
        return _print_schema(args.type, stdout, stderr)
    return _validate(args, stdin=stdin, stdout=stdout, stderr=stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``negotiations`` command; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return run(args, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
    except BrokenPipeError:
        # Piped into a command that stopped reading (``| head``): stop quietly, and keep
        # the interpreter from failing again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except KeyboardInterrupt:  # Ctrl-C: a line, not a traceback; 128 + SIGINT, as shells do
        sys.stderr.write("negotiations: interrupted\n")
        return EXIT_INTERRUPTED
