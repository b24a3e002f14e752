"""Sphinx extension for the negotiations docs: tables generated from the code, and links.

* ``rules-table``: the table of every rule id, rendered at build time from
  `negotiations.RULES`, so the documented list cannot fall behind the code.
* ``value-types``: what each field value type (``Id``, ``PartyId`` ...) accepts.
* References to a public name through its private module
  (``negotiations._meetings.Venue``) resolve to the documented ``negotiations.Venue``,
  and value type names in signatures link to the ``value-types`` table.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Final

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

import negotiations

#: The field value types of the model, as named in the signatures, and what each accepts.
VALUE_TYPES: Final = {
    "Id": "A string id: 1 to 200 letters, digits and ``. _ : / -``, starting with a letter "
    "or digit (rules ``value.id``, ``value.blank``).",
    "PartyId": "The ``Id`` of a ``Party`` in the same record (``record.unresolved_reference``).",
    "PersonId": "The ``Id`` of a ``Person`` in the same record (``record.unresolved_reference``).",
    "PartyOrPersonId": "The ``Id`` of a ``Party`` or a ``Person`` in the same record.",
    "MeetingId": "The ``Id`` of a ``Meeting`` in the same record.",
    "Text": "A string that is not empty or only white space (``value.blank``).",
    "CountryCode": "An ISO 3166-1 alpha-2 code such as ``UA`` (``value.country``).",
    "TimeZoneName": "An IANA time zone name such as ``Europe/Istanbul`` (``value.time_zone``).",
    "HttpUrl": "An absolute ``http`` or ``https`` URL with a host (``value.url``).",
    "PositiveInt": "An integer of 1 or more; never a boolean (``value.positive``).",
}

#: The page and anchor of the value types table.
VALUE_TYPES_PAGE: Final = "api"
VALUE_TYPES_ANCHOR: Final = "value-types"


def _table(header: tuple[str, ...], rows: list[tuple[nodes.Node, ...]]) -> nodes.table:
    table = nodes.table()
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    for title in header:
        head_row += nodes.entry("", nodes.paragraph(text=title))
    head += head_row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", cell)
        body += row
    return table


class RulesTable(SphinxDirective):
    """Render every rule of `negotiations.RULES`: its id and its summary, in catalogue order."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        """The table, one row per rule."""
        rows: list[tuple[nodes.Node, ...]] = []
        for rule in negotiations.RULES.values():
            target = nodes.target("", "", ids=[f"rule-{rule.id.replace('.', '-')}"])
            id_cell = nodes.paragraph()
            id_cell += target
            id_cell += nodes.literal(text=rule.id)
            rows.append((id_cell, nodes.paragraph(text=rule.summary)))
        return [_table(("Rule id", "What it requires"), rows)]


class ValueTypesTable(SphinxDirective):
    """Render the field value types and what each accepts."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        """An anchor for links from signatures, and the table, one row per value type."""
        section_target = nodes.target("", "", ids=[VALUE_TYPES_ANCHOR])
        rows: list[tuple[nodes.Node, ...]] = []
        for name, text in VALUE_TYPES.items():
            description = nodes.paragraph()
            # Inline ``literals`` in the text become literal nodes; the rest stays text.
            for index, part in enumerate(text.split("``")):
                if part:
                    description += nodes.literal(text=part) if index % 2 else nodes.Text(part)
            rows.append((nodes.paragraph("", "", nodes.literal(text=name)), description))
        return [section_target, _table(("Type", "Accepts"), rows)]


#: How Sphinx 9 prints a type alias nested in a union or generic: ``TypeAliasForwardRef('Id')``.
_ALIAS_REPR: Final = re.compile(r"TypeAliasForwardRef\('(\w+)'\)")


def _tidy_signature(
    _app: Sphinx,
    _what: str,
    _name: str,
    _obj: object,
    _options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """Print nested value type aliases by name, as top-level ones already are."""

    def tidy(text: str | None) -> str | None:
        return None if text is None else _ALIAS_REPR.sub(r"\1", text)

    return tidy(signature), tidy(return_annotation)


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve private-module and value-type references that Sphinx cannot find itself."""
    if node.get("refdomain") != "py":
        return None
    target: str = node["reftarget"]
    name = target.rsplit(".", 1)[-1]
    if target in VALUE_TYPES or (target.startswith("negotiations._") and name in VALUE_TYPES):
        return make_refnode(
            app.builder,
            node["refdoc"],
            VALUE_TYPES_PAGE,
            VALUE_TYPES_ANCHOR,
            contnode,
            f"{name}: a field value type",
        )
    if target.startswith("negotiations._") and name in negotiations.__all__:
        domain = env.get_domain("py")
        return domain.resolve_xref(
            env,
            node["refdoc"],
            app.builder,
            node["reftype"],
            f"negotiations.{name}",
            node,
            contnode,
        )
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the reference resolver."""
    app.add_directive("rules-table", RulesTable)
    app.add_directive("value-types", ValueTypesTable)
    app.connect("autodoc-process-signature", _tidy_signature)
    app.connect("missing-reference", _resolve)
    return {"version": negotiations.__version__, "parallel_read_safe": True}
