"""The benchmark's twins in pydantic and msgspec hold the same data and refuse the same input.

This is what makes the comparison in ``benchmarks/run.py`` honest: a twin that skipped
a rule would look faster for the wrong reason. No timing is asserted here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec
import pydantic
import pytest
from benchmarks import msgspec_model, pydantic_model, run, twin_rules
from benchmarks.record import build_record

from negotiations import (
    ExchangeCategory,
    Handover,
    Meeting,
    NegotiationRecord,
    Quantity,
    ValidationError,
    from_json,
    to_json,
)

ROOT = Path(__file__).resolve().parent.parent
RECORD = build_record(12)
TEXT = to_json(RECORD).encode()
BAD_INPUTS = run.bad_inputs()


def test_the_record_is_as_big_as_it_says() -> None:
    record = build_record(30)
    assert len(record.meetings) == 30
    assert len(record.proposals) == 2
    assert len(record.statements) == 15
    for meeting in record.meetings:
        assert len(meeting.delegations) == 3
        for delegation in meeting.delegations:
            assert delegation.head is not None
            assert len(delegation.members) == 5


def test_the_pydantic_twin_reads_and_writes_the_same_record() -> None:
    twin = pydantic_model.NegotiationRecord.model_validate_json(TEXT)
    assert [meeting.id for meeting in twin.meetings] == [meeting.id for meeting in RECORD.meetings]
    assert from_json(twin.model_dump_json(), NegotiationRecord) == RECORD


def test_the_msgspec_twin_reads_and_writes_the_same_record() -> None:
    twin = msgspec.json.decode(TEXT, type=msgspec_model.NegotiationRecord)
    assert [meeting.id for meeting in twin.meetings] == [meeting.id for meeting in RECORD.meetings]
    assert from_json(msgspec.json.encode(twin), NegotiationRecord) == RECORD


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_negotiations_refuses_each_bad_input_by_its_rule(case: str) -> None:
    text, rule = BAD_INPUTS[case]
    with pytest.raises(ValidationError) as caught:
        from_json(text, NegotiationRecord)
    assert rule in caught.value.rules


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_pydantic_twin_refuses_each_bad_input_it_can_see(case: str) -> None:
    text, _ = BAD_INPUTS[case]
    if ("pydantic", case) in run.KNOWN_BLIND_SPOTS:
        # The footnote in the table says pydantic accepts it: keep that true.
        pydantic_model.NegotiationRecord.model_validate_json(text)
    else:
        with pytest.raises(pydantic.ValidationError):
            pydantic_model.NegotiationRecord.model_validate_json(text)


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_msgspec_twin_refuses_each_bad_input_it_can_see(case: str) -> None:
    text, _ = BAD_INPUTS[case]
    if ("msgspec", case) in run.KNOWN_BLIND_SPOTS:
        msgspec.json.decode(text, type=msgspec_model.NegotiationRecord)
    else:
        with pytest.raises(msgspec.ValidationError):
            msgspec.json.decode(text, type=msgspec_model.NegotiationRecord)


def test_the_honesty_check_reports_only_the_known_blind_spots() -> None:
    results = run.rejections()
    accepted = {
        (library, case)
        for case, refused in results.items()
        for library, ok in refused.items()
        if not ok
    }
    assert accepted == set(run.KNOWN_BLIND_SPOTS)


def test_all_three_refuse_a_meeting_built_in_python_that_starts_too_early() -> None:
    start = datetime(2025, 5, 15, 12, 30, tzinfo=timezone(timedelta(hours=3)))
    early = start - timedelta(minutes=16)
    with pytest.raises(ValidationError) as caught:
        Meeting(
            id="m",
            title="t",
            delegations=(),
            scheduled_start=start,
            actual_start=early,
        )
    assert "meeting.slack" in caught.value.rules
    with pytest.raises(pydantic.ValidationError, match=r"meeting\.slack"):
        pydantic_model.Meeting(
            id="m", title="t", delegations=(), scheduled_start=start, actual_start=early
        )
    with pytest.raises(ValueError, match=r"meeting\.slack"):
        msgspec_model.Meeting(
            id="m", title="t", delegations=(), scheduled_start=start, actual_start=early
        )


@pytest.mark.parametrize(
    ("quantity", "count", "broken"),
    [("all", 5, True), ("all", None, False), ("exact", None, True), ("exact", 5, False)],
)
def test_all_three_apply_the_handover_count_rule_alike(
    quantity: str, count: int | None, broken: bool
) -> None:
    category, twin_quantity = twin_rules.ExchangeCategory.CHILDREN, twin_rules.Quantity(quantity)
    builders: dict[str, Callable[[], Any]] = {
        "negotiations": lambda: Handover(
            category=ExchangeCategory.CHILDREN, quantity=Quantity(quantity), count=count
        ),
        "pydantic": lambda: pydantic_model.Handover(
            category=category, quantity=twin_quantity, count=count
        ),
        "msgspec": lambda: msgspec_model.Handover(
            category=category, quantity=twin_quantity, count=count
        ),
    }
    for build in builders.values():
        if broken:
            with pytest.raises(ValueError, match=r"count"):
                build()
        else:
            assert build().count == count


def test_the_benchmark_runs_and_prints_its_table() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--meetings",
            "20",
            "--repeat",
            "1",
            "--jsonl",
            "20,200",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| decode+validate |" in result.stdout
    assert "| ours / pydantic | ours / msgspec |" in result.stdout
    assert "ACCEPTED" not in result.stdout
    assert "| 200 |" in result.stdout  # the JSON Lines table
    assert "| parse, refusing repeated keys |" in result.stdout  # what orjson earns
    assert "`import negotiations` adds " in result.stdout
