"""The base of every attrs class of the library: equality, hashing and repr by field values.

attrs compiles ``__eq__``, ``__hash__`` and ``__repr__`` from source for each class it
builds, and that compilation was a fifth of ``import negotiations``. These three methods
behave as attrs' own (same class and equal fields; a hash that agrees with equality;
``Meeting(id='m1', ...)``) but are shared, so each class is declared
``@attrs.frozen(eq=False, repr=False)`` on this base and attrs compiles only ``__init__``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Model"]


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls))


@functools.cache
def _field_values(cls: type) -> Callable[[Any], Any]:
    """A function of an instance of ``cls`` that gives its field values, all in one go.

    With one field it gives that field's value, not a 1-tuple; equality and the hash
    need only a value that is equal exactly when all the fields are.
    """
    return operator.attrgetter(*_field_names(cls))


class Model:
    """Equality, hashing and ``repr`` from the attrs fields, as attrs would generate them."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        cls: type = self.__class__  # as a plain type: mypy finds type[Model] unhashable
        values = _field_values(cls)
        return bool(values(self) == values(other))

    def __hash__(self) -> int:
        cls: type = self.__class__
        return hash((cls, _field_values(cls)(self)))

    def __repr__(self) -> str:
        cls: type = self.__class__
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(cls))
        return f"{cls.__qualname__}({fields})"
