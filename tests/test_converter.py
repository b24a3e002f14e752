"""Your own attrs classes holding negotiation types load with the same rules and errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import cattrs
import pytest

from negotiations import (
    Meeting,
    NegotiationRecord,
    ValidationError,
    configure_converter,
    from_json,
    make_converter,
    to_dict,
)

EXAMPLE = Path(__file__).parent.parent / "examples" / "istanbul-2025-05-15.json"


@attrs.frozen(kw_only=True)
class Dossier:
    """A downstream type: a user's own collection of meetings."""

    analyst: str
    score: float
    opened: date
    meetings: tuple[Meeting, ...]
    tags: frozenset[str] = frozenset()


def meetings() -> tuple[Meeting, ...]:
    return from_json(EXAMPLE.read_bytes(), NegotiationRecord).meetings


@pytest.fixture(name="converter", params=["configured", "made"])
def fixture_converter(request: pytest.FixtureRequest) -> cattrs.Converter:
    if request.param == "made":
        return make_converter()
    converter = cattrs.Converter()
    configure_converter(converter)
    return converter


def test_a_dossier_round_trips(converter: cattrs.Converter) -> None:
    dossier = Dossier(
        analyst="A",
        score=0.5,
        opened=date(2025, 5, 16),
        meetings=meetings(),
        tags=frozenset({"b", "a"}),
    )
    plain = converter.unstructure(dossier)
    assert plain["tags"] == ["a", "b"]
    assert plain["meetings"][0] == to_dict(dossier.meetings[0])
    assert converter.structure(plain, Dossier) == dossier


def test_a_dossier_reports_every_problem_with_its_path(converter: cattrs.Converter) -> None:
    plain = converter.unstructure(
        Dossier(analyst="A", score=1, opened=date(2025, 5, 16), meetings=meetings())
    )
    plain["analyst"] = 7
    plain["score"] = "high"
    plain["extra"] = True
    plain["meetings"][1]["actual_start"] = "2025-05-15T11:00:00+03:00[Europe/Istanbul]"
    plain["tags"] = ["x", "x"]
    with pytest.raises(ValidationError) as caught:
        converter.structure(plain, Dossier)
    assert {(p.path, p.rule) for p in caught.value.problems} == {
        ("$.analyst", "value.type"),
        ("$.score", "value.type"),
        ("$.extra", "document.unknown_key"),
        ("$.meetings[1].actual_start", "meeting.slack"),
        ("$.tags[1]", "value.duplicate_item"),
    }


def test_json_numbers_fill_float_fields(converter: cattrs.Converter) -> None:
    plain = converter.unstructure(
        Dossier(analyst="A", score=1.0, opened=date(2025, 5, 16), meetings=meetings())
    )
    plain["score"] = 2
    loaded = converter.structure(plain, Dossier)
    assert (loaded.score, type(loaded.score)) == (2.0, float)


def test_booleans_are_not_numbers(converter: cattrs.Converter) -> None:
    plain = converter.unstructure(
        Dossier(analyst="A", score=1.0, opened=date(2025, 5, 16), meetings=meetings())
    )
    plain["score"] = True
    with pytest.raises(ValidationError) as caught:
        converter.structure(plain, Dossier)
    assert caught.value.rules == {"value.type"}


def test_bools_load_strictly(converter: cattrs.Converter) -> None:
    assert converter.structure(True, bool) is True
    with pytest.raises(ValidationError):
        converter.structure(1, bool)
