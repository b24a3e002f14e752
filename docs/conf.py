"""Sphinx configuration: furo theme, Markdown pages through MyST, the API through autodoc."""

from __future__ import annotations

import sys
from pathlib import Path

import negotiations

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from negotiations_docs import VALUE_TYPES

project = "negotiations"
author = "The negotiations developers"
copyright = "2025, The negotiations developers"
release = negotiations.__version__
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc", "negotiations_docs"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"negotiations {release}"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# Show the value types by name (``id: Id``) rather than expanded (``Annotated[str, IdForm()]``);
# the negotiations_docs extension links each name to the table that explains it.
autodoc_type_aliases = {name: name for name in VALUE_TYPES}

# The build runs offline, so there is no intersphinx: references to the standard library
# and to attrs and cattrs stay plain text instead of failing the nitpicky (-n) build.
nitpick_ignore_regex = [
    (
        "py:class",
        r"(datetime|zoneinfo|enum|typing|collections\.abc|types|attrs|cattrs|hypothesis)\..+",
    ),
    ("py:class", r"(str|int|bool|bytes|object|type|tuple|frozenset|dict|list)"),
    ("py:exc", r"ValueError"),
    # negotiations.strategies annotates with ``st.SearchStrategy`` (hypothesis.strategies).
    ("py:class", r"st\.SearchStrategy"),
    # The type variables of from_json and friends: ``from_json(text, Meeting) -> Meeting``.
    ("py:class", r"(negotiations\._\w+\.)?T"),
]
