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


def test_importing_stays_light() -> None:
    """``import negotiations`` loads neither Hypothesis nor jsonschema nor argparse."""
    code = (
        "import sys, negotiations; "
        "print(sorted(m for m in ('hypothesis', 'jsonschema', 'argparse') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
