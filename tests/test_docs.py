"""The documentation: it builds without warnings, its examples run, and it covers the API.

Every ``python`` block of every page (and of the README) runs with Sybil, doctest output
included; every ``console`` block runs in a shell and must print what the page shows.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from sybil import Example, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser

import negotiations
from negotiations import _values, strategies

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))

#: The attrs classes of the domain model; the others in ``__all__`` are not model types.
NOT_MODEL = frozenset({"Problem", "Rule", "Limits"})
MODEL_CLASSES = [
    getattr(negotiations, name)
    for name in negotiations.__all__
    if attrs.has(getattr(negotiations, name)) and name not in NOT_MODEL
]


def _run_console(example: Example) -> str | None:
    """Run each ``$ command`` of a console block in bash; compare what it prints."""
    lines = example.parsed.splitlines()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env["COLUMNS"] = "80"  # argparse wraps its help to the terminal width
    env["PYTHONUTF8"] = "1"  # names such as Türkiye print the same on every machine
    commands = [index for index, line in enumerate(lines) if line.startswith("$ ")]
    for number, start in enumerate(commands):
        end = commands[number + 1] if number + 1 < len(commands) else len(lines)
        expected = "\n".join(lines[start + 1 : end]).rstrip()
        result = subprocess.run(
            ["bash", "-c", lines[start][2:]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        actual = (result.stdout + result.stderr).rstrip()
        if actual != expected:
            return f"{lines[start]}\nexpected:\n{expected}\ngot:\n{actual}"
    return None


SYBIL = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE),
        CodeBlockParser(language="console", evaluator=_run_console),
    ],
)


@pytest.mark.parametrize("page", [*PAGES, ROOT / "README.md"], ids=lambda path: path.name)
def test_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page's code blocks run in order in one namespace, and print what they show."""
    monkeypatch.chdir(ROOT)
    document = SYBIL.parse(page)
    for example in document:
        example.evaluate()


#: Code blocks shown but not run: shell commands that install, or run for minutes
#: (the benchmarks). Anything else must run, or be a directive.
NOT_RUN = frozenset({"sh", "bash"})


def _fenced_blocks(text: str) -> list[tuple[str, range]]:
    """Each fenced block's info string (language or ``{directive}``) and its line numbers."""
    blocks: list[tuple[str, range]] = []
    fence: tuple[str, str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if fence is None:
            match = re.match(r"(`{3,}|~{3,})(.*)", stripped)
            if match is not None:
                fence = (match.group(1), match.group(2).strip(), number)
        elif stripped == fence[0]:
            blocks.append((fence[1], range(fence[2], number + 1)))
            fence = None
    return blocks


@pytest.mark.parametrize("page", [*PAGES, ROOT / "README.md"], ids=lambda path: path.name)
def test_no_code_block_escapes_running(page: Path) -> None:
    """Sybil runs something in every python and console block; no other language sneaks in."""
    blocks = _fenced_blocks(page.read_text(encoding="utf-8"))
    languages = {info for info, _ in blocks if not info.startswith("{")}
    assert languages <= {"python", "console"} | NOT_RUN
    example_lines = [example.line for example in SYBIL.parse(page)]
    not_run = [
        lines.start
        for info, lines in blocks
        if info in {"python", "console"} and not any(line in lines for line in example_lines)
    ]
    assert not_run == []


def test_site_builds_without_warnings(tmp_path: Path) -> None:
    """``sphinx-build -W -n``: every warning, and every unresolved reference, is an error."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(DOCS), str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rules_page = (tmp_path / "rules.html").read_text(encoding="utf-8")
    missing = [rule for rule in negotiations.RULES if f">{rule}<" not in rules_page]
    assert missing == []
    api_page = (tmp_path / "api.html").read_text(encoding="utf-8")
    undocumented = [
        f"{module.__name__}.{name}"
        for module in (negotiations, strategies)
        for name in module.__all__
        if f'id="{module.__name__}.{name}"' not in api_page
    ]
    assert undocumented == []


def _documented_names(text: str, module: str) -> list[str]:
    """The names of ``module`` that the page documents with an autodoc directive."""
    pattern = rf"^\.\. auto(?!module)\w+:: {re.escape(module)}\.(\w+)$"
    return re.findall(pattern, text, flags=re.MULTILINE)


@pytest.mark.parametrize("module", [negotiations, strategies], ids=lambda module: module.__name__)
def test_api_page_documents_exactly_all(module: ModuleType) -> None:
    """The API reference has one entry per name of the module's ``__all__``, and no other."""
    names = _documented_names((DOCS / "api.md").read_text(encoding="utf-8"), module.__name__)
    assert sorted(names) == sorted(module.__all__)
    assert len(names) == len(set(names))


def test_value_types_table_covers_every_alias() -> None:
    """The docs explain every annotated alias that field signatures show by name."""
    spec = importlib.util.spec_from_file_location(
        "negotiations_docs", DOCS / "_ext" / "negotiations_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    aliases = {
        name
        for name, value in vars(_values).items()
        if typing.get_origin(value) is typing.Annotated
    }
    assert set(extension.VALUE_TYPES) == aliases


def _field_tables(text: str) -> dict[str, list[str]]:
    """The field names listed in the table under each ``### `Class` `` heading of a page."""
    tables: dict[str, list[str]] = {}
    for section in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = section.partition("\n")
        name = re.fullmatch(r"`(\w+)`", heading.strip())
        if name is not None:
            tables[name.group(1)] = re.findall(r"^\| `(\w+)` \|", body, flags=re.MULTILINE)
    return tables


def test_model_page_lists_every_field_in_order() -> None:
    """Each model class has a section whose table lists its fields as the class defines them."""
    tables = _field_tables((DOCS / "model.md").read_text(encoding="utf-8"))
    expected = {cls.__name__: [field.name for field in attrs.fields(cls)] for cls in MODEL_CLASSES}
    assert tables == expected


def test_guide_pages_mention_every_rule() -> None:
    """Every rule id is explained in context on the model or the JSON page, not only listed."""
    text = (DOCS / "model.md").read_text(encoding="utf-8") + (DOCS / "json.md").read_text(
        encoding="utf-8"
    )
    missing = [rule for rule in negotiations.RULES if f"`{rule}`" not in text]
    assert missing == []
