"""The hand-written corpus of bad documents in ``tests/bad/``: each is refused as it says.

A case is either a wrapper ``NAME.json`` holding ``type``, ``document``, ``expect``
(and optionally ``limits``), or a raw text ``NAME.json``/``NAME.bin`` beside its
``NAME.expect.json``. ``expect`` lists the exact problems, as ``path`` and ``rule``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import negotiations
from negotiations import Limits, Meeting, ValidationError, from_dict, from_json

BAD = Path(__file__).parent / "bad"


@attrs.frozen
class Case:
    name: str
    type: type
    text: bytes | None
    document: Any
    expect: tuple[tuple[str, str], ...]
    limits: Limits | None


def _load(path: Path) -> Case:
    if path.name.endswith(".expect.json"):
        spec = json.loads(path.read_text(encoding="utf-8"))
        stem = path.name.removesuffix(".expect.json")
        (text_path,) = [p for p in BAD.glob(f"{stem}.*") if p != path]
        text: bytes | None = text_path.read_bytes()
        document = None
    else:
        spec = json.loads(path.read_text(encoding="utf-8"))
        stem, text, document = path.stem, None, spec["document"]
    return Case(
        name=stem,
        type=getattr(negotiations, spec["type"]),
        text=text,
        document=document,
        expect=tuple((item["path"], item["rule"]) for item in spec["expect"]),
        limits=Limits(**spec["limits"]) if "limits" in spec else None,
    )


def _is_case(path: Path) -> bool:
    if path.name.endswith(".expect.json"):
        return True
    return path.suffix == ".json" and not (BAD / f"{path.stem}.expect.json").exists()


CASES = [_load(path) for path in sorted(BAD.iterdir()) if _is_case(path)]


def _problems(error: ValidationError) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((problem.path, problem.rule) for problem in error.problems))


def _text(case: Case) -> bytes:
    if case.text is not None:
        return case.text
    return json.dumps(case.document, ensure_ascii=False).encode()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_from_json_refuses_with_exactly_the_expected_problems(case: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        from_json(_text(case), case.type, limits=case.limits)
    assert tuple(sorted(case.expect)) == _problems(caught.value)
    assert all(problem.message for problem in caught.value.problems)


def _utf8(case: Case) -> bool:
    try:
        _text(case).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize(
    "case", [case for case in CASES if _utf8(case)], ids=lambda case: case.name
)
def test_from_json_refuses_the_text_as_str_too(case: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        from_json(_text(case).decode("utf-8"), case.type, limits=case.limits)
    assert tuple(sorted(case.expect)) == _problems(caught.value)


@pytest.mark.parametrize(
    "case", [case for case in CASES if case.text is None], ids=lambda case: case.name
)
def test_from_dict_refuses_with_the_same_problems(case: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        from_dict(case.document, case.type, limits=case.limits)
    assert tuple(sorted(case.expect)) == _problems(caught.value)


def test_every_rule_has_a_case() -> None:
    """Every rule id of ``RULES`` is broken by some case; naive datetimes only in Python."""
    covered = {rule for case in CASES for _, rule in case.expect}
    # JSON text cannot hold a naive datetime: its text form without an offset is
    # value.datetime (see datetime-naive.json); the test below breaks the rule in Python.
    python_only = {"value.naive_datetime"}
    assert set(negotiations.RULES) - python_only == covered
    assert python_only <= set(negotiations.RULES)


def test_a_naive_datetime_in_python_is_its_own_rule() -> None:
    document = json.loads((BAD / "meeting-slack.json").read_text(encoding="utf-8"))["document"]
    meeting = from_dict({**document, "actual_start": None}, Meeting)
    naive = datetime(2025, 5, 15, 13, 36)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(meeting, actual_start=naive)
    assert _problems(caught.value) == (("$.actual_start", "value.naive_datetime"),)


def test_the_corpus_holds_both_duplicate_key_paths() -> None:
    """Duplicate-key cases reach the fast count and, through escaped colons, the exact check."""
    duplicates = [
        case.text
        for case in CASES
        if case.text is not None and {rule for _, rule in case.expect} == {"document.duplicate_key"}
    ]
    assert any(b"\\u003a" in text.lower() for text in duplicates)
    assert any(b"\\u003a" not in text.lower() for text in duplicates)
