"""Benchmark negotiations against pydantic v2 and msgspec twins of the same model.

First checks that the three libraries reject the same bad inputs, then times, in one
interleaved run with repeats: decode+validate, encode, round trip, building one
``Meeting`` in Python, ``import`` in a fresh interpreter, and memory per decoded
``Meeting``, beside the ``orjson`` floor of the same data as plain dicts. Prints a
table of medians and ratios. Run from the repository root::

    python -m benchmarks.run            # the full run (1,000 meetings)
    python -m benchmarks.run --quick    # fewer repeats, for CI smoke runs
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python benchmarks/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgspec
import orjson
import pydantic

import negotiations
from benchmarks import msgspec_model, pydantic_model, twin_rules
from benchmarks.record import build_record
from negotiations import NegotiationRecord, from_json, to_json

__all__ = ["LIBRARIES", "bad_inputs", "main", "rejections"]

LIBRARIES = ("negotiations", "pydantic", "msgspec")

# --- the libraries under test, as the same operations ----------------------------------

_PYDANTIC_RECORD = pydantic.TypeAdapter(pydantic_model.NegotiationRecord)
_PYDANTIC_MEETINGS = pydantic.TypeAdapter(tuple[pydantic_model.Meeting, ...])
_MSGSPEC_RECORD = msgspec.json.Decoder(msgspec_model.NegotiationRecord)
_MSGSPEC_MEETINGS = msgspec.json.Decoder(tuple[msgspec_model.Meeting, ...])
_MSGSPEC_ENCODER = msgspec.json.Encoder()


def _decoders() -> dict[str, Callable[[bytes], Any]]:
    return {
        "negotiations": lambda text: from_json(text, NegotiationRecord),
        "pydantic": _PYDANTIC_RECORD.validate_json,
        "msgspec": _MSGSPEC_RECORD.decode,
        "orjson": orjson.loads,
    }


def _encoders() -> dict[str, Callable[[Any], str | bytes]]:
    return {
        "negotiations": to_json,
        "pydantic": _PYDANTIC_RECORD.dump_json,
        "msgspec": _MSGSPEC_ENCODER.encode,
        "orjson": orjson.dumps,
    }


def _meeting_decoders() -> dict[str, Callable[[bytes], Any]]:
    return {
        "negotiations": lambda text: from_json(text, tuple[negotiations.Meeting, ...]),
        "pydantic": _PYDANTIC_MEETINGS.validate_json,
        "msgspec": _MSGSPEC_MEETINGS.decode,
        "orjson": orjson.loads,
    }


def _meeting_builders() -> dict[str, Callable[[], Any]]:
    """Build one meeting of 3 delegations from Python values already at hand."""
    zone = timezone(timedelta(hours=3))
    start = datetime(2025, 5, 15, 12, 30, tzinfo=zone)
    builders: dict[str, Callable[[], Any]] = {}
    for name, classes, enums, many in (
        ("negotiations", negotiations, negotiations, frozenset),
        ("pydantic", pydantic_model, twin_rules, tuple),
        ("msgspec", msgspec_model, twin_rules, tuple),
    ):
        delegations = tuple(
            classes.Delegation(
                party=f"p{party}",
                head=f"p{party}-person-0",
                members=tuple(f"p{party}-person-{k}" for k in range(1, 6)),
                level=enums.DelegationLevel.MINISTERIAL,
            )
            for party in range(3)
        )
        venue = classes.Venue(
            name="Dolmabahçe Palace", city="Istanbul", country="TR", time_zone="Europe/Istanbul"
        )
        kwargs = {
            "id": "meeting-1",
            "title": "Trilateral meeting",
            "delegations": delegations,
            "status": enums.MeetingStatus.CONCLUDED,
            "venue": venue,
            "host": "p0",
            "chair": "p0-person-0",
            "mediators": many(["p3"]),
            "format": enums.MeetingFormat.DIRECT,
            "scheduled_start": start,
            "actual_start": start + timedelta(minutes=66),
            "actual_start_precision": enums.TimePrecision.APPROXIMATE,
            "end": start + timedelta(hours=2),
        }
        builders[name] = functools.partial(classes.Meeting, **kwargs)
    return builders


# --- the honesty check: the same bad inputs are refused --------------------------------


def bad_inputs() -> dict[str, tuple[bytes, str]]:
    """Bad documents by name, each with the rule of negotiations that refuses it."""
    good: dict[str, Any] = orjson.loads(to_json(build_record(6)))

    def changed(edit: Callable[[dict[str, Any]], None]) -> bytes:
        data = orjson.loads(orjson.dumps(good))
        edit(data)
        return orjson.dumps(data)

    def set_value(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
        def edit(data: dict[str, Any]) -> None:
            target: Any = data
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value

        return edit

    meeting = good["meetings"][1]
    early = datetime.fromisoformat(meeting["scheduled_start"]) - timedelta(hours=1)
    valid = orjson.dumps(good)
    repeated = valid.replace(b'{"id":"meeting-0",', b'{"id":"meeting-0","id":"meeting-0",', 1)
    count = ("proposals", 0, "side_a", "handovers", 0, "count")
    return {
        "unknown key": (
            changed(set_value(("meetings", 0, "agenda"), "prisoners")),
            "document.unknown_key",
        ),
        'string "1000" for an integer': (changed(set_value(count, "1000")), "value.type"),
        "float 1000.0 for an integer": (changed(set_value(count, 1000.0)), "value.type"),
        "naive datetime": (
            changed(set_value(("meetings", 1, "scheduled_start"), "2025-05-15T11:00:00")),
            "value.datetime",
        ),
        "actual start before scheduled - slack": (
            changed(set_value(("meetings", 1, "actual_start"), early.isoformat())),
            "meeting.slack",
        ),
        "duplicate key": (repeated, "document.duplicate_key"),
        "blank name": (changed(set_value(("parties", 0, "name"), "  ")), "value.blank"),
        "malformed id": (changed(set_value(("parties", 0, "id"), "-p0")), "value.id"),
        "unknown country code": (
            changed(set_value(("parties", 0, "country"), "XX")),
            "value.country",
        ),
        "unknown time zone": (
            changed(set_value(("meetings", 0, "venue", "time_zone"), "Mars/Olympus")),
            "value.time_zone",
        ),
        "unknown enum value": (
            changed(set_value(("meetings", 0, "status"), "adjourned")),
            "value.enum",
        ),
        "unresolved reference": (
            changed(set_value(("meetings", 0, "chair"), "nobody")),
            "record.unresolved_reference",
        ),
        "end before start": (
            changed(set_value(("meetings", 1, "end"), early.isoformat())),
            "meeting.end_before_start",
        ),
    }


#: Bad inputs a peer cannot refuse by design; everything else it must refuse.
KNOWN_BLIND_SPOTS = {
    ("pydantic", "duplicate key"): "pydantic's JSON parser keeps the last of repeated keys",
    ("msgspec", "duplicate key"): "msgspec's JSON decoder keeps the last of repeated keys",
}


def rejections() -> dict[str, dict[str, bool]]:
    """For each bad input, whether each library refused it."""
    decoders = _decoders()
    errors: dict[str, tuple[type[Exception], ...]] = {
        "negotiations": (negotiations.ValidationError,),
        "pydantic": (pydantic.ValidationError,),
        "msgspec": (msgspec.ValidationError,),
    }
    results: dict[str, dict[str, bool]] = {}
    for case, (text, rule) in bad_inputs().items():
        results[case] = {}
        for library in LIBRARIES:
            try:
                decoders[library](text)
            except negotiations.ValidationError as error:
                refused = rule in error.rules  # refused, and for the stated reason
            except errors[library]:
                refused = True
            else:
                refused = False
            results[case][library] = refused
    return results


# --- timing -----------------------------------------------------------------------------


@dataclass
class Samples:
    """Timings (seconds per call) or sizes (bytes) of one operation, by library."""

    unit: str
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, library: str, value: float) -> None:
        """Record one sample."""
        self.values.setdefault(library, []).append(value)

    def median(self, library: str) -> float | None:
        """The median sample of ``library``, if it was measured."""
        samples = self.values.get(library)
        return statistics.median(samples) if samples else None


def _time(call: Callable[[], Any], loops: int) -> float:
    """Seconds per call of ``call``, with the garbage collector on.

    A full collection first, so that no sample pays for the garbage of the one before
    (another library's, in an interleaved run) and each starts from the same state.
    """
    gc.collect()
    start = time.perf_counter()
    for _ in range(loops):
        call()
    return (time.perf_counter() - start) / loops


def _round_trip(
    decode: Callable[[bytes], Any], encode: Callable[[Any], str | bytes], text: bytes
) -> str | bytes:
    return encode(decode(text))


def _memory_per_item(decode: Callable[[bytes], Any], text: bytes, count: int) -> float:
    decode(text)  # build any lazily built decoders first
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = decode(text)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del kept
    return (after - before) / count


def _import_time(statement: str, after: str = "") -> float:
    """Seconds ``statement`` takes in a fresh interpreter that may cache bytecode.

    ``after`` runs first, untimed. Bytecode caching is turned back on
    (``PYTHONDONTWRITEBYTECODE`` unset) because an installed package has its caches;
    the first, warm-up sample writes them.
    """
    code = (
        f"{after}\nimport time; s = time.perf_counter(); {statement}; "
        "print(time.perf_counter() - s)"
    )
    environment = {
        name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
    }
    output = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=environment
    ).stdout
    return float(output)


_IMPORTS = {
    "attrs+cattrs": "import attrs, cattrs",
    "negotiations": "import negotiations",
    "pydantic": "import pydantic",
    "msgspec": "import msgspec",
}


_BASELINE = _IMPORTS["attrs+cattrs"]

#: ``import negotiations`` timed in an interpreter that has imported attrs and cattrs:
#: what the library adds, without two interpreters' start-up noise in the difference.
ADDED_IMPORT = "import negotiations after attrs, cattrs"


def measure(meetings: int, repeat: int) -> dict[str, Samples]:
    """Time every operation of every library, interleaved, ``repeat`` times."""
    ours = build_record(meetings)
    text = to_json(ours).encode()
    decoders, encoders = _decoders(), _encoders()
    objects = {library: decode(text) for library, decode in decoders.items()}
    builders = _meeting_builders()
    meeting_text = orjson.dumps(orjson.loads(text)["meetings"])
    meeting_decoders = _meeting_decoders()
    results = {
        "decode+validate": Samples("ms"),
        "encode": Samples("ms"),
        "round trip": Samples("ms"),
        "build one Meeting": Samples("us"),
        "import (fresh interpreter)": Samples("ms"),
        ADDED_IMPORT: Samples("ms"),
        "memory per decoded Meeting": Samples("B"),
    }
    loops = max(1, 200 // max(1, meetings))
    for statement in _IMPORTS.values():
        _import_time(statement)  # writes any missing bytecode caches
    for _ in range(repeat):
        for library in (*LIBRARIES, "orjson"):
            decode, encode = decoders[library], encoders[library]
            obj = objects[library]
            results["decode+validate"].add(library, _time(functools.partial(decode, text), loops))
            results["encode"].add(library, _time(functools.partial(encode, obj), loops))
            round_trip = functools.partial(_round_trip, decode, encode, text)
            results["round trip"].add(library, _time(round_trip, loops))
            if library in builders:
                results["build one Meeting"].add(library, _time(builders[library], 2000))
        for library, statement in _IMPORTS.items():
            results["import (fresh interpreter)"].add(library, _import_time(statement))
        added = _import_time(_IMPORTS["negotiations"], _BASELINE)
        results[ADDED_IMPORT].add("negotiations", added)
    for library, decode in meeting_decoders.items():
        results["memory per decoded Meeting"].add(
            library, _memory_per_item(decode, meeting_text, meetings)
        )
    return results


# --- JSON Lines: memory stays flat --------------------------------------------------------

_JSONL_READER = """
import resource, sys
from pathlib import Path
from negotiations import Meeting, iter_jsonl

def peak():
    # VmHWM starts afresh with the new program; ru_maxrss keeps the parent's peak on Linux.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

before = peak()
valid = 0
with open(sys.argv[1], "rb") as stream:
    for _, meeting in iter_jsonl(stream, Meeting):
        valid += isinstance(meeting, Meeting)
print(valid, before, peak())
"""


def jsonl_memory(lines: list[int], directory: Path) -> list[tuple[int, int, int, float]]:
    """For each count: lines read, peak memory (KiB) before and after reading, seconds.

    Each count is read by a fresh interpreter from a file of that many meetings, one
    per line, so the peaks compare: flat memory means the same peak for every count.
    """
    meetings = [to_json(meeting).encode() for meeting in build_record(1000).meetings]
    results = []
    for count in lines:
        path = directory / f"meetings-{count}.jsonl"
        with path.open("wb") as stream:
            for index in range(count):
                stream.write(meetings[index % len(meetings)] + b"\n")
        start = time.perf_counter()
        output = subprocess.run(  # noqa: S603 - our own interpreter, our own code
            [sys.executable, "-c", _JSONL_READER, str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        seconds = time.perf_counter() - start
        valid, before, after = (int(word) for word in output.split())
        if valid != count:
            raise RuntimeError(f"{count - valid} of {count} JSON Lines did not load")
        results.append((count, before, after, seconds))
        path.unlink()
    return results


def jsonl_table(results: list[tuple[int, int, int, float]]) -> str:
    """A Markdown table of the JSON Lines runs."""
    lines = [
        "| meetings (JSON Lines) | peak memory after import | peak memory after reading | time |",
        "|---|---|---|---|",
    ]
    lines.extend(
        f"| {count:,} | {before / 1024:.1f} MiB | {after / 1024:.1f} MiB | {seconds:.1f} s |"
        for count, before, after, seconds in results
    )
    return "\n".join(lines)


# --- what orjson earns -------------------------------------------------------------------


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return dict(pairs)


def engines(meetings: int, repeat: int) -> dict[str, Samples]:
    """The JSON work of `from_json` and `to_json` done by orjson and by the standard library.

    Parsing is measured as the stdlib would have to do it here, with an
    ``object_pairs_hook`` (the only way it can see a repeated key; the document limits
    would still need a walk of their own), beside orjson's parse plus the quick check
    of keys and limits that `from_json` runs on orjson's output. Writing is compact text.
    """
    import json  # noqa: PLC0415 - only this comparison needs it

    from negotiations import _json  # noqa: PLC0415 - the quick check, measured on its own

    text = to_json(build_record(meetings)).encode()
    data = orjson.loads(text)
    limits = negotiations.Limits()
    operations: dict[str, dict[str, Callable[[], Any]]] = {
        "parse, refusing repeated keys": {
            "orjson": lambda: _json._surely_fine(text, orjson.loads(text), limits),  # noqa: SLF001
            "json": lambda: json.loads(text, object_pairs_hook=_pairs),
        },
        "write compact text": {
            "orjson": lambda: orjson.dumps(data),
            "json": lambda: json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        },
    }
    results = {name: Samples("ms") for name in operations}
    loops = max(1, 200 // max(1, meetings))
    for _ in range(repeat):
        for name, calls in operations.items():
            for engine, call in calls.items():
                results[name].add(engine, _time(call, loops))
    return results


def engine_table(results: dict[str, Samples]) -> str:
    """A Markdown table of the two JSON engines' medians and their ratio."""
    lines = ["| JSON work | orjson | json (stdlib) | orjson / json |", "|---|---|---|---|"]
    for name, samples in results.items():
        fast, slow = samples.median("orjson"), samples.median("json")
        lines.append(
            f"| {name} | {_cell(fast, 'ms')} | {_cell(slow, 'ms')} | {_ratio(fast, slow)} |"
        )
    return "\n".join(lines)


# --- the table --------------------------------------------------------------------------

_SCALE = {"ms": 1e3, "us": 1e6, "B": 1.0}


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    scaled = value * _SCALE[unit]
    return f"{scaled:,.0f} {unit}" if scaled >= 100 else f"{scaled:.3g} {unit}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs == 0:
        return "-"
    return f"{ours / theirs:.2f}x"


def table(results: dict[str, Samples]) -> str:
    """A Markdown table of medians, and of our ratios to pydantic and to msgspec."""
    head = (
        "| operation | negotiations | pydantic v2 | msgspec | orjson floor / baseline "
        "| ours / pydantic | ours / msgspec |"
    )
    lines = [head, "|" + "---|" * 7]
    for name, samples in results.items():
        if name == ADDED_IMPORT:  # ours alone: in the sentence below the table
            continue
        ours, pyd, msg = (samples.median(library) for library in LIBRARIES)
        floor = samples.median("orjson") or samples.median("attrs+cattrs")
        cells = [_cell(value, samples.unit) for value in (ours, pyd, msg, floor)]
        lines.append(
            f"| {name} | {' | '.join(cells)} | {_ratio(ours, pyd)} | {_ratio(ours, msg)} |"
        )
    imports = results["import (fresh interpreter)"]
    ours_import, base = imports.median("negotiations"), imports.median("attrs+cattrs")
    added = results[ADDED_IMPORT].median("negotiations")
    if ours_import is not None and base is not None and added is not None:
        lines.append(
            f"\n`import negotiations` adds {added * 1e3:.1f} ms to `import attrs, cattrs` "
            "(timed in an interpreter that has imported those two; the difference of the "
            f"medians in the row above is {(ours_import - base) * 1e3:.1f} ms)."
        )
    return "\n".join(lines)


def honesty_report(results: dict[str, dict[str, bool]]) -> tuple[str, list[str]]:
    """A table of which library refused which bad input, and the failures of the check."""
    lines = ["| bad input | negotiations | pydantic v2 | msgspec |", "|---|---|---|---|"]
    failures: list[str] = []
    notes: list[str] = []
    for case, refused in results.items():
        cells = []
        for library in LIBRARIES:
            if refused[library]:
                cells.append("refused")
                continue
            blind_spot = KNOWN_BLIND_SPOTS.get((library, case))
            if blind_spot is None:
                failures.append(f"{library} accepted the bad input {case!r}")
                cells.append("ACCEPTED")
            else:
                notes.append(blind_spot)
                cells.append(f"accepted [{len(notes)}]")
        lines.append(f"| {case} | {' | '.join(cells)} |")
    lines.extend(f"\n[{number}] {note}." for number, note in enumerate(notes, 1))
    return "\n".join(lines), failures


_FOOTNOTES = """
Notes: every library checks every rule of the model (the twins in benchmarks/ run the
same rules, in pydantic validators and msgspec `__post_init__`). negotiations also
refuses repeated JSON keys, which neither peer can detect, and reports every problem
of a document at once; msgspec stops at the first problem, and pydantic skips an
object's cross-field rules when one of its fields is wrong. msgspec does not check
field types when a Struct is built in Python ("build one Meeting"); negotiations and
pydantic do. Import times are taken with bytecode caches in place, as an installed
package has them. Memory is the traced size of the decoded objects (tracemalloc) divided
by the number of meetings, from a JSON array of the record's meetings."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 if the libraries do not refuse the same bad inputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000, help="meetings in the record")
    parser.add_argument("--repeat", type=int, default=11, help="samples per measurement")
    parser.add_argument("--quick", action="store_true", help="3 samples, for smoke runs")
    parser.add_argument(
        "--jsonl",
        default=None,
        help="comma-separated JSON Lines file sizes to read, in meetings "
        "(default 10000,100000; with --quick 1000,10000)",
    )
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else args.repeat
    jsonl = args.jsonl or ("1000,10000" if args.quick else "10000,100000")

    report, failures = honesty_report(rejections())
    print("Bad inputs (the comparison is honest only if all three refuse them):\n")  # noqa: T201
    print(report)  # noqa: T201
    if failures:
        print("\nFAILED: " + "; ".join(failures), file=sys.stderr)  # noqa: T201
        return 1

    results = measure(args.meetings, repeat)
    versions = ", ".join(
        f"{name} {module.__version__}"
        for name, module in (("pydantic", pydantic), ("msgspec", msgspec))
    )
    print(  # noqa: T201
        f"\nMedians of {repeat} interleaved samples; a record of {args.meetings} meetings "
        f"({len(to_json(build_record(args.meetings))):,} bytes of JSON); Python "
        f"{sys.version.split()[0]}, negotiations {negotiations.__version__}, {versions}, "
        f"orjson {orjson.__version__}.\n"
    )
    print(table(results))  # noqa: T201
    print(_FOOTNOTES)  # noqa: T201
    print(  # noqa: T201
        "\nThe JSON engine, on the same record (orjson is a runtime dependency for this):\n"
    )
    print(engine_table(engines(args.meetings, repeat)))  # noqa: T201
    with tempfile.TemporaryDirectory() as directory:
        runs = jsonl_memory([int(count) for count in jsonl.split(",")], Path(directory))
    print(  # noqa: T201
        "\nJSON Lines with negotiations.iter_jsonl, one meeting per line, each file read "
        "by a fresh interpreter (peak resident memory: VmHWM, or ru_maxrss off Linux):\n"
    )
    print(jsonl_table(runs))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
