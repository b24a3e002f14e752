"""The ``negotiations`` command: check a record file and summarise what it holds.

Exit codes: 0, the input is valid; 1, it is not (every problem is printed); 2, the
command was used wrongly or the file could not be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TextIO

from ._errors import ValidationError
from ._json import from_json
from ._meetings import Meeting
from ._record import NegotiationRecord
from ._time import TimePrecision

__all__ = ["main", "run"]

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


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


def _read(path: str, stdin: TextIO) -> bytes:
    if path == "-":
        return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
    with open(path, "rb") as file:  # noqa: PTH123 - a plain path from the command line
        return file.read()


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


def run(args: argparse.Namespace, *, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Carry out parsed arguments; return the exit code."""
    if args.command == "schema":
        return _print_schema(args.type, stdout, stderr)
    try:
        data = _read(args.file, stdin)
    except OSError as error:
        stderr.write(f"negotiations: cannot read {args.file}: {error.strerror or error}\n")
        return EXIT_USAGE
    try:
        record = from_json(data, NegotiationRecord)
    except ValidationError as error:
        stderr.write(f"{args.file}: {error}\n")
        return EXIT_INVALID
    _summary(record, stdout)
    return EXIT_VALID


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``negotiations`` command; returns the exit code."""
    args = _parser().parse_args(argv)
    return run(args, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
