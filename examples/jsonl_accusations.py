"""Summarise who accused whom in a JSON Lines feed of statements.

Each line of the feed is one `Statement` as JSON. A line that is not a valid statement is
reported with its line number and every problem, and the summary goes on without it. The
bundled ``statements.jsonl`` is a made-up feed about the fictional Northland, Southland
and Eastland, for illustration only. Run:

    python examples/jsonl_accusations.py [FEED]

Exit status 0 when every line was a valid statement, 1 when some were skipped.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from negotiations import Statement, StatementKind, ValidationError, iter_jsonl

FEED = Path(__file__).with_name("statements.jsonl")


def accusations(statements: Iterable[Statement]) -> dict[tuple[str, str | None], list[Statement]]:
    """The accusations among ``statements``, grouped by (accuser, accused party)."""
    grouped: dict[tuple[str, str | None], list[Statement]] = defaultdict(list)
    for statement in statements:
        if statement.kind is StatementKind.ACCUSATION:
            grouped[statement.party, statement.target].append(statement)
    return grouped


def summary(grouped: dict[tuple[str, str | None], list[Statement]]) -> list[str]:
    """One line per accuser and accused: most accusations first, then by name, unnamed last."""
    lines = []
    ordered = sorted(
        grouped.items(),
        key=lambda item: (-len(item[1]), item[0][0], item[0][1] is None, item[0][1] or ""),
    )
    for (accuser, accused), said in ordered:
        whom = accused or "no party named"
        speakers = Counter(statement.speaker or f"{accuser} as a whole" for statement in said)
        voices = ", ".join(f"{speaker} ({count})" for speaker, count in sorted(speakers.items()))
        noun = "accusation" if len(said) == 1 else "accusations"
        lines.append(f"{accuser} -> {whom}: {len(said)} {noun}; by {voices}")
    return lines


def main(argv: list[str]) -> int:
    """Read the feed named in ``argv`` (or the bundled one) and print the summary."""
    feed = Path(argv[0]) if argv else FEED
    statements: list[Statement] = []
    skipped = 0
    with feed.open("rb") as stream:
        for line_number, item in iter_jsonl(stream, Statement):
            if isinstance(item, ValidationError):
                skipped += 1
                print(f"{feed.name}:{line_number}: skipped, {item}", file=sys.stderr)
            else:
                statements.append(item)
    grouped = accusations(statements)
    total = sum(len(said) for said in grouped.values())
    print(f"{total} accusations in {len(statements)} statements from {feed.name}:")
    for line in summary(grouped):
        print(f"  {line}")
    return 1 if skipped else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
