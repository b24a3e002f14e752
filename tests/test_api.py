"""The public API: a curated, sorted front door."""

from __future__ import annotations

import subprocess
import sys

import negotiations


def test_all_names_exist() -> None:
    missing = [name for name in negotiations.__all__ if not hasattr(negotiations, name)]
    assert missing == []


def test_all_is_sorted_and_unique() -> None:
    """Constants, then classes, then functions, each alphabetically (ruff's RUF022 order)."""
    expected = sorted(
        set(negotiations.__all__), key=lambda n: (not n.isupper(), not n[0].isupper(), n)
    )
    assert negotiations.__all__ == expected


def test_dir_shows_only_the_public_api() -> None:
    assert sorted(dir(negotiations)) == sorted(negotiations.__all__)


def test_every_rule_id_is_unique_and_namespaced() -> None:
    ids = list(negotiations.RULES)
    assert all(rule.id == key for key, rule in negotiations.RULES.items())
    assert all(key.count(".") == 1 and key.islower() for key in ids)


#: Modules that ``import negotiations`` must not load beyond what ``import attrs, cattrs``
#: loads: the optional parts (Hypothesis, the schema, the command line), and what only
#: JSON text, zone names or unusual URLs need (each is imported when first used).
_LOADED_ON_FIRST_USE = (
    "argparse",
    "hypothesis",
    "json",
    "jsonschema",
    "negotiations._cli",
    "negotiations._hypothesis",
    "negotiations._samples",
    "negotiations._schema",
    "negotiations.strategies",
    "orjson",
    "sysconfig",
    "urllib.parse",
    "uuid",
    "zoneinfo",
)


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_importing_stays_light() -> None:
    """``import negotiations`` in a fresh interpreter loads none of `_LOADED_ON_FIRST_USE`."""
    code = (
        "import sys, attrs, cattrs\n"
        "before = set(sys.modules)\n"
        "import negotiations\n"
        f"print(sorted(m for m in {_LOADED_ON_FIRST_USE!r} if m in set(sys.modules) - before))"
    )
    assert _run(code) == "[]"


def test_what_loads_on_first_use_works_in_a_fresh_interpreter() -> None:
    """JSON text, zone names and zoned datetimes work when their modules load late."""
    code = """
import sys
from datetime import datetime
import negotiations as n

print("zoneinfo" in sys.modules, "orjson" in sys.modules)
held = "2025-05-15T13:36:00+03:00[Europe/Istanbul]"
text = '{"id": "m1", "title": "Talks", "delegations": [{"party": "ua"}, {"party": "ru"}],'
meeting = n.from_json(text + f' "actual_start": "{held}"}}', n.Meeting)
print(meeting.actual_start.tzinfo.key, held in n.to_json(meeting))
berlin = n.Venue(name="Rotes Rathaus", time_zone="Europe/Berlin").tzinfo
skipped = datetime(2025, 3, 30, 2, 30, tzinfo=berlin)  # the clocks went from 2:00 to 3:00
try:
    n.Meeting(id="m2", title="Talks", delegations=meeting.delegations, actual_start=skipped)
except n.ValidationError as error:
    print(sorted((problem.path, problem.rule) for problem in error.problems))
"""
    assert _run(code).splitlines() == [
        "False False",
        "Europe/Istanbul True",
        "[('$.actual_start', 'value.datetime')]",
    ]
