"""The attrs instances inside a model object, for tests that visit every class."""

from __future__ import annotations

from typing import Any

import attrs


def instances(obj: Any) -> list[Any]:
    """``obj`` and every attrs instance inside it."""
    found = [obj]
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        items = value if isinstance(value, (tuple, frozenset)) else (value,)
        found += [inner for item in items if attrs.has(type(item)) for inner in instances(item)]
    return found


def samples(obj: Any) -> dict[Any, Any]:
    """One instance of each attrs class found in ``obj``, by class."""
    return {type(instance): instance for instance in instances(obj)}
