"""Mistakes a type checker must catch in code that uses the public API.

Never run, only type-checked by ``tests/test_downstream.py``. Each mistake ends in a
comment naming the error it must produce: ``# mypy: <code>`` and ``# pyright: <rule>``.
The test requires exactly these errors on exactly these lines.
"""

from __future__ import annotations

from datetime import datetime

from negotiations import Delegation, Meeting, Party, PartyKind, from_json

party = Party(id="ua", name="Ukraine", kind=PartyKind.STATE)
meeting = Meeting(
    id="m", title="Talks", delegations=(Delegation(party="ua"), Delegation(party="ru"))
)

# Assigning to a field of a frozen class.
party.name = "Ukraina"  # mypy: misc  # pyright: reportAttributeAccessIssue

# A keyword the class does not have.
Party(id="ru", name="Russia", kind=PartyKind.STATE, flag="ru")  # mypy: call-arg  # pyright: reportCallIssue

# A value of the wrong type for a field.
Party(id=7, name="Russia", kind=PartyKind.STATE)  # mypy: arg-type  # pyright: reportArgumentType
Meeting(id="m2", title="Talks", delegations=[Delegation(party="ua")])  # mypy: arg-type  # pyright: reportArgumentType

# A from_json result used as the wrong type.
loaded: Party = from_json("{}", Meeting)  # mypy: assignment  # pyright: reportAssignmentType
start: datetime = meeting.actual_start  # mypy: assignment  # pyright: reportAssignmentType
from_json("{}", Meeting).kind.upper()  # mypy: attr-defined  # pyright: reportAttributeAccessIssue
