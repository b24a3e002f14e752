"""Your own attrs classes holding negotiation types load with the same rules and errors."""

from __future__ import annotations

import enum
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations import (
    Meeting,
    NegotiationRecord,
    ValidationError,
    configure_converter,
    from_json,
    make_converter,
    to_dict,
    to_json,
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


# --- your own classes: every shape the hooks handle -------------------------------------


class Grade(enum.Enum):
    LOW = 1
    HIGH = 2


@attrs.frozen(kw_only=True)
class Tag:
    name: str


@attrs.frozen(kw_only=True)
class Shelf:
    """Enums of integers, sets of them and of objects, tuples of strings."""

    grade: Grade
    grades: frozenset[Grade]
    tags: frozenset[Tag]
    aliases: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Notebook:
    """A default made by a factory."""

    notes: tuple[str, ...] = attrs.field(factory=tuple)


def test_your_own_shapes_round_trip(converter: cattrs.Converter) -> None:
    shelf = Shelf(
        grade=Grade.HIGH,
        grades=frozenset({Grade.HIGH, Grade.LOW}),
        tags=frozenset({Tag(name="b"), Tag(name="a")}),
        aliases=("x", "y"),
    )
    plain = converter.unstructure(shelf)
    assert plain == {
        "grade": 2,
        "grades": [1, 2],
        "tags": [{"name": "a"}, {"name": "b"}],  # objects do not order: sorted by their text
        "aliases": ["x", "y"],
    }
    assert converter.structure(plain, Shelf) == shelf


def test_a_default_factory_fills_in_a_missing_key(converter: cattrs.Converter) -> None:
    assert converter.structure({}, Notebook) == Notebook(notes=())
    assert converter.structure({"notes": ["n"]}, Notebook) == Notebook(notes=("n",))
    with pytest.raises(ValidationError) as caught:
        converter.structure({"notes": "n"}, Notebook)
    assert {(p.path, p.rule) for p in caught.value.problems} == {("$.notes", "value.type")}


def test_your_own_shapes_report_every_problem(converter: cattrs.Converter) -> None:
    plain = {"grade": 3, "grades": [1, 1], "tags": [], "aliases": ["x", 7]}
    with pytest.raises(ValidationError) as caught:
        converter.structure(plain, Shelf)
    assert {(p.path, p.rule) for p in caught.value.problems} == {
        ("$.grade", "value.enum"),
        ("$.grades[1]", "value.duplicate_item"),
        ("$.aliases[1]", "value.type"),
    }
    with pytest.raises(ValidationError, match="expected integer, got string '2'"):
        converter.structure({**plain, "grade": "2"}, Shelf)


def test_a_long_value_is_cut_in_the_message(converter: cattrs.Converter) -> None:
    with pytest.raises(ValidationError) as caught:
        converter.structure(10**70, str)
    (problem,) = caught.value.problems
    shown = problem.message.removeprefix("expected a string, got integer ")
    assert shown == "1" + "0" * 56 + "..."  # 60 characters: the start of the number, and "..."


@attrs.frozen(init=False)
class Code:
    """A class with its own ``__init__``: the converter builds it through that."""

    value: str

    def __init__(self, value: str) -> None:
        self.__attrs_init__(value.upper())


def test_your_own_init_is_called(converter: cattrs.Converter) -> None:
    assert converter.structure({"value": "ua"}, Code) == Code("UA")
    assert converter.structure({"value": "ua"}, Code).value == "UA"


@attrs.frozen
class Leaf:
    value: int


@attrs.frozen
class Twig:
    leaves: tuple[Leaf, ...]


@attrs.frozen
class Branch:
    twigs: tuple[Twig, ...]


@attrs.frozen
class Tree:
    branches: tuple[Branch, ...]


def test_deeply_nested_objects_round_trip(converter: cattrs.Converter) -> None:
    tree = Tree((Branch((Twig((Leaf(1), Leaf(2))), Twig(()))),))
    plain = converter.unstructure(tree)
    assert plain == {
        "branches": [{"twigs": [{"leaves": [{"value": 1}, {"value": 2}]}, {"leaves": []}]}]
    }
    assert converter.structure(plain, Tree) == tree


# attrs writes its __repr__ and __eq__ with ``self.<name>``: leave them out for such names.
Odd = attrs.make_class(
    "Odd",
    {
        "class": attrs.field(alias="klass", type=int),
        "two words": attrs.field(alias="two_words", type=str),
    },
    frozen=True,
    repr=False,
    eq=False,
)


def test_field_names_that_are_keywords_or_not_identifiers(converter: cattrs.Converter) -> None:
    odd = Odd(klass=1, two_words="x")
    plain = converter.unstructure(odd)
    assert plain == {"class": 1, "two words": "x"}
    back: Any = converter.structure(plain, Odd)
    assert (getattr(back, "class"), getattr(back, "two words")) == (1, "x")


# --- enums and other subclasses of str, int and float in a user's own classes ---------


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Channel(str, enum.Enum):
    PRESS = "press"
    TELEVISION = "television"


class Ratio(float, enum.Enum):
    HALF = 0.5


class Handle(str):
    """A str subclass of a user's own."""

    __slots__ = ()


@attrs.frozen
class Assessment:
    grade: Level
    channels: tuple[Channel, ...]
    ratio: Ratio
    handle: Handle
    tags: frozenset[Channel] = frozenset()


ASSESSMENT = {
    "grade": 2,
    "channels": ["press", "television"],
    "ratio": 0.5,
    "handle": "@mfa",
    "tags": ["press"],
}


class TestSubclassesOfLeafTypes:
    """cattrs finds the hook of ``int`` for an IntEnum, of ``str`` for a str enum."""

    def test_they_load_as_their_own_types(self) -> None:
        loaded = make_converter().structure(ASSESSMENT, Assessment)
        assert loaded == Assessment(
            grade=Level.HIGH,
            channels=(Channel.PRESS, Channel.TELEVISION),
            ratio=Ratio.HALF,
            handle=Handle("@mfa"),
            tags=frozenset({Channel.PRESS}),
        )
        assert [type(value) for value in (loaded.grade, loaded.ratio, loaded.handle)] == [
            Level,
            Ratio,
            Handle,
        ]
        assert {type(channel) for channel in (*loaded.channels, *loaded.tags)} == {Channel}

    @pytest.mark.parametrize(
        ("key", "value", "rule"),
        [
            ("grade", 3, "value.enum"),
            ("grade", "2", "value.type"),
            ("grade", True, "value.type"),
            ("channels", ["radio"], "value.enum"),
            ("tags", ["press", "radio"], "value.enum"),
            ("ratio", 0.25, "value.enum"),
            ("handle", 7, "value.type"),
        ],
    )
    def test_a_value_outside_them_is_refused(self, key: str, value: Any, rule: str) -> None:
        with pytest.raises(ValidationError) as caught:
            make_converter().structure(ASSESSMENT | {key: value}, Assessment)
        assert caught.value.rules == {rule}

    @given(
        st.builds(
            Assessment,
            grade=st.sampled_from(Level),
            channels=st.lists(st.sampled_from(Channel), max_size=3).map(tuple),
            ratio=st.just(Ratio.HALF),
            handle=st.text(max_size=5).map(Handle),
            tags=st.frozensets(st.sampled_from(Channel)),
        )
    )
    def test_they_unstructure_to_plain_values_and_back(self, assessment: Assessment) -> None:
        """Members and subclass instances become plain ``int``, ``float`` and ``str``."""
        converter = make_converter()
        plain = converter.unstructure(assessment)
        leaves = [plain["grade"], plain["ratio"], plain["handle"], *plain["channels"]]
        leaves += plain["tags"]
        assert {type(leaf) for leaf in leaves} <= {int, float, str}
        assert type(plain["grade"]) is int
        assert type(plain["handle"]) is str
        assert plain["channels"] == [channel.value for channel in assessment.channels]
        assert converter.structure(plain, Assessment) == assessment
        assert to_dict(assessment) == plain
        assert from_json(to_json(assessment), Assessment) == assessment

    def test_a_member_on_its_own_is_its_value(self) -> None:
        converter = make_converter()
        assert [converter.unstructure(value) for value in (Channel.PRESS, Level.LOW)] == [
            "press",
            1,
        ]
        assert type(converter.unstructure(Channel.PRESS)) is str
        assert type(converter.unstructure(Handle("@mfa"))) is str
