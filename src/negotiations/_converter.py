"""The cattrs converter: every decision about the plain (JSON-compatible) form, in one place."""

from __future__ import annotations

import enum
import functools
import keyword
import types
import typing
import weakref
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, Final

import attrs
import cattrs
import cattrs.fns

from ._errors import Problem, ValidationError
from ._record import FORMAT_VERSION, NegotiationRecord
from ._rules import DUPLICATE_ITEM, ENUM, MISSING_KEY, TYPE, UNKNOWN_KEY
from ._rules import FORMAT_VERSION as FORMAT_VERSION_RULE
from ._time import (
    TextFormError,
    format_date,
    format_datetime,
    format_duration,
    parse_date,
    parse_datetime,
    parse_duration,
)
from ._values import (
    Rules,
    is_union,
    rules_checked_on_init,
    strip_annotated,
    value_check,
    value_test_lines,
)

__all__ = ["configure_converter", "make_converter"]

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_JSON_NAMES: dict[type, str] = {
    dict: "object",
    list: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def _got(value: object) -> str:
    """Describe a value by its JSON type, e.g. ``integer 123``."""
    name = _JSON_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list, tuple)):
        return name
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{name} {text}"


def _fail(problem: Problem) -> typing.NoReturn:
    raise ValidationError([problem])


def _type_error(expected: str, value: object) -> typing.NoReturn:
    _fail(TYPE.problem((), f"expected {expected}, got {_got(value)}"))


# --- leaves --------------------------------------------------------------------------


# cattrs finds the hook of ``int`` for every subclass of int (an ``IntEnum``, say), and
# the hook of ``str`` for every subclass of str: each leaf hook hands those on.


def _structure_str(value: Any, cl: Any) -> str:
    if cl is not str and isinstance(cl, type):
        return _subclass_hook(cl)(value, cl)  # type: ignore[no-any-return]
    if type(value) is not str:
        _type_error("a string", value)
    return value


def _structure_int(value: Any, cl: Any) -> int:
    if cl is not int and isinstance(cl, type):
        return _subclass_hook(cl)(value, cl)  # type: ignore[no-any-return]
    if type(value) is not int:
        _type_error("an integer", value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        _type_error("a boolean", value)
    return value


def _structure_float(value: Any, cl: Any) -> float:
    if cl is not float and isinstance(cl, type):
        return _subclass_hook(cl)(value, cl)  # type: ignore[no-any-return]
    if type(value) is float:
        return value
    if type(value) is int:  # JSON does not tell 1 from 1.0
        return float(value)
    _type_error("a number", value)


def _from_text(parse: Callable[[str], Any], expected: str) -> StructureHook:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str:
            _type_error(expected, value)
        try:
            return parse(value)
        except TextFormError as error:
            _fail(error.problem)

    _TEXT_PARSERS[structure] = parse
    return structure


def _parse_date_or_datetime(text: str) -> date:
    return parse_datetime(text) if "T" in text else parse_date(text)


def _unstructure_date_or_datetime(value: date) -> str:
    return format_datetime(value) if isinstance(value, datetime) else format_date(value)


#: The members by value of the enums whose values are all strings, by their structure
#: hook, and the inner hook and type of each optional type's hook: the generated
#: structure functions inline these instead of calling the hooks.
_STRING_ENUMS: weakref.WeakKeyDictionary[StructureHook, dict[str, enum.Enum]] = (
    weakref.WeakKeyDictionary()
)
_OPTIONALS: weakref.WeakKeyDictionary[StructureHook, tuple[StructureHook, Any]] = (
    weakref.WeakKeyDictionary()
)
#: The hooks of tuples and frozensets of plain strings, with ``tuple`` or ``frozenset``.
_STRING_SEQUENCES: weakref.WeakKeyDictionary[StructureHook, type] = weakref.WeakKeyDictionary()
#: The parser of each hook that reads a value from its text form.
_TEXT_PARSERS: weakref.WeakKeyDictionary[StructureHook, Callable[[str], Any]] = (
    weakref.WeakKeyDictionary()
)
#: The structure hooks this module made for attrs classes: each returns an instance of
#: its class or raises.
_ATTRS_HOOKS: weakref.WeakSet[StructureHook] = weakref.WeakSet()
#: The hooks of other tuples, with the hook and type of their items.
_TUPLES: weakref.WeakKeyDictionary[StructureHook, tuple[StructureHook, Any]] = (
    weakref.WeakKeyDictionary()
)


def _enum_structure(cls: type[enum.Enum]) -> StructureHook:
    members = {member.value: member for member in cls}
    value_types = {type(value) for value in members}
    choices = ", ".join(repr(value) for value in members)

    def structure(value: Any, _: Any) -> enum.Enum:
        if type(value) in value_types:
            member = members.get(value)
            if member is not None:
                return member
        if type(value) not in value_types:
            _type_error(
                " or ".join(sorted(_JSON_NAMES.get(t, t.__name__) for t in value_types)), value
            )
        _fail(ENUM.problem((), f"{value!r} is not a {cls.__name__}; expected one of {choices}"))

    if value_types == {str}:
        _STRING_ENUMS[structure] = members
    return structure


@functools.lru_cache(maxsize=256)
def _subclass_hook(cl: type) -> StructureHook:
    """The hook of a subclass of str, int or float: an enum's, or the base's and then ``cl``."""
    if issubclass(cl, enum.Enum):
        return _enum_structure(cl)
    base = next(kind for kind in (str, int, float) if issubclass(cl, kind))
    leaf = {str: _structure_str, int: _structure_int, float: _structure_float}[base]
    build: Callable[[Any], Any] = cl
    return lambda value, _: build(leaf(value, base))


def _unstructure_enum(value: enum.Enum) -> Any:
    return value.value


def _unstructure_str(value: str) -> Any:
    """A string's plain form: a subclass's value (a str enum member's, say) as plain text."""
    if isinstance(value, enum.Enum):
        return value.value
    return str.__str__(value)


def _unstructure_hook(tp: Any, converter: cattrs.Converter) -> UnstructureHook:
    """``converter``'s unstructure hook for ``tp``, enums first.

    cattrs dispatches a subclass of ``str`` (a ``StrEnum``, a ``(str, Enum)``) to the
    hook of ``str`` before any predicate: that would leave members in the plain form.
    """
    if tp is str:
        return cattrs.fns.identity
    if _is_enum(tp):
        return _unstructure_enum
    return converter.get_unstructure_hook(tp)


# --- containers ----------------------------------------------------------------------


def _sequence_structure(tp: Any, converter: cattrs.Converter) -> StructureHook:  # noqa: C901
    # A fast path for valid arrays and the detailed pass it falls back to, side by side.
    origin = typing.get_origin(tp)
    item_type = typing.get_args(tp)[0]
    item_hook = converter.get_structure_hook(item_type)
    unique = origin is frozenset

    def detailed(value: list[Any] | tuple[Any, ...]) -> Any:
        """Every problem of every item, each with its index.

        `structure` calls it only for an array its fast path refused, so it raises unless
        an item hook refuses an item once and takes it the next time.
        """
        items = []
        problems: list[Problem] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except ValidationError as error:
                problems.extend(error.within(index))
        if problems:
            raise ValidationError(problems)
        if not unique:
            return tuple(items)  # pragma: no cover - see the docstring
        seen: set[Any] = set()
        for index, item in enumerate(items):
            if item in seen:
                problems.append(
                    DUPLICATE_ITEM.problem((index,), f"{value[index]!r} is listed twice")
                )
            seen.add(item)
        if problems:
            raise ValidationError(problems)
        return frozenset(items)  # pragma: no cover - see the docstring

    plain = item_hook is _structure_str and _is_str(item_type)  # strings are taken as they are

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            _type_error("an array", value)
        # The fast path for valid input; `detailed` finds every problem.
        if plain:
            for item in value:
                if type(item) is not str:
                    return detailed(value)
            items = value
        else:
            try:
                items = [item_hook(item, item_type) for item in value]
            except ValidationError:
                return detailed(value)
        if not unique:
            return tuple(items)
        result = frozenset(items)
        return result if len(result) == len(items) else detailed(value)

    if plain:
        _STRING_SEQUENCES[structure] = origin
    elif not unique:
        _TUPLES[structure] = (item_hook, item_type)
    return structure


def _sequence_unstructure(tp: Any, converter: cattrs.Converter) -> UnstructureHook:
    item_hook = _unstructure_hook(typing.get_args(tp)[0], converter)
    plain = item_hook is cattrs.fns.identity  # items that are their own plain form
    if typing.get_origin(tp) is frozenset:

        def unstructure_set(value: frozenset[Any]) -> list[Any]:
            items = value if plain else [item_hook(item) for item in value]
            try:
                return sorted(items)
            except TypeError:  # items that do not order (objects): order by their repr
                return sorted(items, key=repr)

        if plain:
            _PLAIN_SET_UNSTRUCTURES.add(unstructure_set)
        return unstructure_set

    if plain:
        return list

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    _TUPLE_UNSTRUCTURES[unstructure] = item_hook
    return unstructure


def _is_str(tp: Any) -> bool:
    """Whether ``tp`` is ``str``, perhaps ``Annotated``: not a subclass such as a str enum."""
    return strip_annotated(tp)[0] is str


def _is_sequence(tp: Any) -> bool:
    return typing.get_origin(tp) in (tuple, frozenset) and (
        typing.get_origin(tp) is frozenset or typing.get_args(tp)[1:] == (Ellipsis,)
    )


def _is_optional(tp: Any) -> bool:
    return is_union(tp) and type(None) in typing.get_args(tp)


def _without_none(tp: Any) -> Any:
    members = tuple(arg for arg in typing.get_args(tp) if arg is not type(None))
    return members[0] if len(members) == 1 else typing.Union[members]  # noqa: UP007


def _optional_structure(tp: Any, converter: cattrs.Converter) -> StructureHook:
    inner_type = _without_none(tp)
    inner = converter.get_structure_hook(inner_type)

    def structure(value: Any, _: Any) -> Any:
        if value is None:
            return None
        return inner(value, inner_type)

    _OPTIONALS[structure] = (inner, inner_type)
    return structure


def _optional_unstructure(tp: Any, converter: cattrs.Converter) -> UnstructureHook:
    inner = _unstructure_hook(_without_none(tp), converter)
    if inner is cattrs.fns.identity:  # None is its own plain form too
        return inner

    def unstructure(value: Any) -> Any:
        return None if value is None else inner(value)

    _OPTIONAL_UNSTRUCTURES[unstructure] = inner
    return unstructure


def _is_date_or_datetime(tp: Any) -> bool:
    return is_union(tp) and set(typing.get_args(tp)) == {date, datetime}


def _is_annotated(tp: Any) -> bool:
    return typing.get_origin(tp) is Annotated


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


# --- attrs classes -------------------------------------------------------------------


def _attrs_structure(cls: type, converter: cattrs.Converter) -> StructureHook:  # noqa: C901
    """Strict structuring: unknown and missing keys, every field, every problem at once."""
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    names = frozenset(field.name for field in fields)
    plan = [
        (
            field.name,
            field.alias,
            field.type,
            converter.get_structure_hook(field.type),
            field.default is attrs.NOTHING,
        )
        for field in fields
    ]
    expected = f"an object ({cls.__name__})"
    known = ", ".join(sorted(names))

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            _type_error(expected, value)
        problems: list[Problem] = []
        if not names.issuperset(value):
            problems.extend(
                UNKNOWN_KEY.problem(
                    (key if isinstance(key, str) else repr(key),),
                    f"{key!r} is not a field of {cls.__name__}; its fields are {known}",
                )
                for key in value
                if key not in names
            )
        kwargs: dict[str, Any] = {}
        for name, alias, field_type, hook, required in plan:
            try:
                raw = value[name]
            except KeyError:
                if required:
                    problems.append(
                        MISSING_KEY.problem((name,), f"{cls.__name__} requires {name!r}")
                    )
                continue
            try:
                kwargs[alias] = hook(raw, field_type)
            except ValidationError as error:
                problems.extend(error.within(name))
        if problems:
            if all(
                problem.rule == UNKNOWN_KEY.id and len(problem.location) == 1
                for problem in problems
            ):
                # Only this object's own keys are unknown, so every field was read:
                # report the object's own rules too.
                try:
                    cls(**kwargs)
                except ValidationError as error:
                    problems.extend(error.problems)
            raise ValidationError(problems, cls.__name__)
        return cls(**kwargs)

    hook = _fast_attrs_structure(cls, converter, structure) or structure
    _ATTRS_HOOKS.add(hook)
    return hook


class _Detailed(Exception):  # noqa: N818 - a signal, not an error
    """The fast path met something it does not handle; the detailed pass decides."""


def _inline_conversion(hook: StructureHook, tp: Any, tag: str, env: dict[str, Any]) -> list[str]:
    """Source lines that turn ``raw`` into its structured value, or raise ``_Detailed``.

    Strings, string enums, arrays and optional types are done inline; other hooks are
    called.
    """
    if hook is _structure_str and _is_str(tp):
        return ["if type(raw) is not str:", "    raise _Detailed"]
    members = _STRING_ENUMS.get(hook)
    if members is not None:
        env[f"_m{tag}"] = members
        return [
            "if type(raw) is not str:",
            "    raise _Detailed",
            f"raw = _m{tag}.get(raw)",
            "if raw is None:",
            "    raise _Detailed",
        ]
    array = _inline_array(hook, tag, env)
    if array is not None:
        return array
    optional = _OPTIONALS.get(hook)
    if optional is not None:
        inner, inner_type = optional
        lines = _inline_conversion(inner, inner_type, f"{tag}_", env)
        return ["if raw is not None:", *(f"    {line}" for line in lines)]
    env[f"_h{tag}"] = hook
    env[f"_t{tag}"] = tp
    return [f"raw = _h{tag}(raw, _t{tag})"]


#: Source lines refusing ``raw`` unless it is a JSON array (or a tuple, from Python data).
_ARRAY_TEST: Final = ("if type(raw) is not list and type(raw) is not tuple:", "    raise _Detailed")


def _inline_array(hook: StructureHook, tag: str, env: dict[str, Any]) -> list[str] | None:
    """`_inline_conversion` of a tuple or frozenset, or None if ``hook`` makes neither."""
    lines = list(_ARRAY_TEST)
    env["_tuple"] = tuple
    items = _TUPLES.get(hook)
    if items is not None:  # the items' hook, called in one comprehension
        env[f"_h{tag}"], env[f"_t{tag}"] = items
        return [*lines, f"raw = _tuple([_h{tag}(item, _t{tag}) for item in raw])"]
    origin = _STRING_SEQUENCES.get(hook)
    if origin is None:
        return None
    lines += ["for item in raw:", "    if type(item) is not str:", "        raise _Detailed"]
    if origin is tuple:
        return [*lines, "raw = _tuple(raw)"]
    env["_frozenset"] = frozenset
    return [
        *lines,
        "items, raw = raw, _frozenset(raw)",
        "if len(raw) != len(items):",  # a repeated item: the detailed pass says where
        "    raise _Detailed",
    ]


def _fast_attrs_structure(
    cls: type, converter: cattrs.Converter, detailed: StructureHook
) -> StructureHook | None:
    """A generated structure function for valid input, or None where it cannot be built.

    It reads each field with no bookkeeping and builds the instance; at the first
    thing out of the ordinary (a missing or unknown key, a wrong type, a broken rule)
    it hands the whole object to ``detailed``, which finds and reports every problem.
    So valid documents pay for one pass and invalid ones get the same errors as before.
    """
    fields = attrs.fields(cls)
    if any(
        isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
        or not field.init
        or not field.alias.isidentifier()
        or not field.name.isidentifier()
        for field in fields
    ):
        return None
    env: dict[str, Any] = {
        "_cls": cls,
        "_detailed": detailed,
        "_names": frozenset(field.name for field in fields).issuperset,
        "_Detailed": _Detailed,
        "_ValidationError": ValidationError,
        "_missing": attrs.NOTHING,
        "str": str,
    }
    lines = [
        "def structure(value, _):",
        "    if type(value) is not dict or not _names(value):",
        "        return _detailed(value, _)",
        "    try:",
    ]
    checked, rules = _checked_directly(cls)
    arguments = []
    for number, field in enumerate(fields):
        hook = converter.get_structure_hook(field.type)
        env[f"_d{number}"] = field.default
        key = repr(field.name)
        if checked:
            convert = _checked_conversion(hook, field.type, str(number), env)
        else:
            convert = _inline_conversion(hook, field.type, str(number), env)
        if field.default is attrs.NOTHING:
            lines.append(f"        raw = value[{key}]")
            lines += [f"        {line}" for line in convert]
        else:
            lines += [
                f"        raw = value.get({key}, _missing)",
                "        if raw is _missing:",
                f"            raw = _d{number}",
                "        else:",
            ]
            lines += [f"            {line}" for line in convert]
        lines.append(f"        a{number} = raw")
        arguments.append(f"{field.alias}=a{number}")
    if checked:
        # Every field passed the tests `ensure_valid` runs: set the fields as attrs'
        # __init__ would, and run the class's rules, which are all it has left to do.
        env.update(_new=object.__new__, _rules=rules)
        lines.append("        instance = _new(_cls)")
        # Each slot's own setter: about half the cost of object.__setattr__, which
        # looks the slot up by name on every call.
        for number, field in enumerate(fields):
            env[f"_s{number}"] = typing.cast(
                "types.MemberDescriptorType", _slot(cls, field.name)
            ).__set__
            lines.append(f"        _s{number}(instance, a{number})")
        if rules is not None:
            lines += ["        if _rules(instance):", "            raise _Detailed"]
        lines.append("        return instance")
    else:
        lines.append(f"        return _cls({', '.join(arguments)})")
    env["_TextFormError"] = TextFormError
    lines += [
        "    except (_Detailed, _ValidationError, _TextFormError, KeyError):",
        "        return _detailed(value, _)",
    ]
    source = "\n".join(lines)
    exec(compile(source, f"<negotiations structure {cls.__qualname__}>", "exec"), env)  # noqa: S102
    generated: StructureHook = env["structure"]
    return generated


def _checked_conversion(hook: StructureHook, tp: Any, tag: str, env: dict[str, Any]) -> list[str]:
    """`_inline_conversion` followed by the field test of ``tp``, without the checks twice.

    A string is tested once, by the field test; a string enum's member, an instance
    from one of this module's attrs hooks and a tuple of them need no test after.
    """
    optional = _OPTIONALS.get(hook)
    if optional is not None:
        inner, inner_type = optional
        lines = _checked_conversion(inner, inner_type, f"{tag}_", env)
        return ["if raw is not None:", *(f"    {line}" for line in lines)]
    test = value_test_lines(tp, "raw", env, "raise _Detailed")
    if hook is _structure_str and _is_str(tp):
        return test
    items = _TUPLES.get(hook)
    if (
        hook in _STRING_ENUMS
        or hook in _ATTRS_HOOKS
        or (items is not None and items[0] in _ATTRS_HOOKS)
    ):
        return _inline_conversion(hook, tp, tag, env)
    if _STRING_SEQUENCES.get(hook) is tuple:  # the field test looks at every item
        env["_tuple"] = tuple
        return [*_ARRAY_TEST, "raw = _tuple(raw)", *test]
    parse = _TEXT_PARSERS.get(hook)
    if parse is not None:  # a TextFormError goes to the detailed pass
        env[f"_p{tag}"] = parse
        return ["if type(raw) is not str:", "    raise _Detailed", f"raw = _p{tag}(raw)", *test]
    return [*_inline_conversion(hook, tp, tag, env), *test]


def _slot(cls: type, name: str) -> types.MemberDescriptorType | None:
    """The slot that holds field ``name`` of a ``cls``, if it is held in one."""
    for klass in cls.__mro__:
        slot = vars(klass).get(name)
        if isinstance(slot, types.MemberDescriptorType):
            return slot
    return None


def _checked_directly(cls: type) -> tuple[bool, Rules | None]:
    """Whether a generated structure function may check a ``cls`` itself, and its rules.

    It may when creating a ``cls`` does nothing but set the fields and run `ensure_valid`
    (see `rules_checked_on_init`), every field is held in a slot, and every default
    passes its field's test.
    """
    if not cls.__init__.__code__.co_filename.startswith("<attrs generated"):  # type: ignore[misc]
        return False, None
    attrs.resolve_types(cls)
    checked, rules = rules_checked_on_init(cls)
    checked = checked and all(_slot(cls, field.name) for field in attrs.fields(cls))
    defaults_pass = all(
        not value_check(field.type)(field.default, ())
        for field in attrs.fields(cls)
        if field.default is not attrs.NOTHING
    )
    return checked and defaults_pass, rules


#: The inner hook of each optional type's unstructure hook, by that hook.
_OPTIONAL_UNSTRUCTURES: weakref.WeakKeyDictionary[UnstructureHook, UnstructureHook] = (
    weakref.WeakKeyDictionary()
)
#: By unstructure hook: the item hook of a tuple type's (items other than their own
#: plain form), and the fields of an attrs class's generated one (name and hook of
#: each, in order). Enclosing generated functions write these inline, as optionals.
_TUPLE_UNSTRUCTURES: weakref.WeakKeyDictionary[UnstructureHook, UnstructureHook] = (
    weakref.WeakKeyDictionary()
)
_ATTRS_UNSTRUCTURES: weakref.WeakKeyDictionary[
    UnstructureHook, list[tuple[str, UnstructureHook]]
] = weakref.WeakKeyDictionary()
#: The unstructure hooks of frozensets of items that are their own plain form.
_PLAIN_SET_UNSTRUCTURES: weakref.WeakSet[UnstructureHook] = weakref.WeakSet()

#: How deep generated functions nest instances and tuples inline (record, meetings,
#: meeting, delegations, delegation): deeper ones call their hooks.
_INLINE_DEPTH = 5


def _inline_unstructure(  # noqa: PLR0911 - one return per kind of value
    hook: UnstructureHook, read: str, tag: str, env: dict[str, Any], depth: int = 0
) -> str:
    """An expression giving the plain form of the value that ``read`` reads.

    Values that are their own plain form are read directly, enums give ``_value_``,
    times are written by `_inline_time`, optional values are tested for None inline,
    tuples become list comprehensions and attrs instances dict displays (down to
    `_INLINE_DEPTH`); anything else calls its hook. ``tag`` names the variables and
    hooks of this value, unique within one generated function.
    """
    if hook is cattrs.fns.identity:
        return read
    if hook is _unstructure_enum:
        return f"{read}._value_"
    time = _inline_time(hook, read, tag, env)
    if time is not None:
        return time
    inner = _OPTIONAL_UNSTRUCTURES.get(hook)
    if inner is not None:
        written = _inline_unstructure(inner, f"o{tag}", f"{tag}_", env, depth)
        return f"(None if (o{tag} := {read}) is None else {written})"
    if depth < _INLINE_DEPTH:
        item_hook = _TUPLE_UNSTRUCTURES.get(hook)
        if item_hook is not None:  # an empty tuple needs no comprehension
            item = _inline_unstructure(item_hook, f"i{tag}", f"{tag}s", env, depth + 1)
            return f"([{item} for i{tag} in t{tag}] if (t{tag} := {read}) else [])"
        fields = _ATTRS_UNSTRUCTURES.get(hook)
        if fields is not None and read.isidentifier():  # a variable: read it for each field
            return _dict_display(fields, read, tag, env, depth + 1)
    env[f"_h{tag}"] = hook
    if hook in _PLAIN_SET_UNSTRUCTURES:  # no order to find for one item or none
        return f"(_h{tag}(t{tag}) if len(t{tag} := {read}) > 1 else [*t{tag}])"
    return f"_h{tag}({read})"


def _inline_time(hook: UnstructureHook, read: str, tag: str, env: dict[str, Any]) -> str | None:
    """The expression for a datetime, date or duration hook's common case, else None.

    Datetimes with a fixed offset give their ISO text; for `to_json`, datetimes with a
    known whole-minute offset and dates stay as they are (orjson writes the same text).
    """
    if hook is format_datetime:  # a fixed offset has no [Zone/Name] suffix
        env["_timezone"] = timezone
        env["_format_datetime"] = format_datetime
        return (
            f"(v{tag}.isoformat() if type((v{tag} := {read}).tzinfo) is _timezone"
            f" else _format_datetime(v{tag}))"
        )
    if hook is _json_datetime:
        env["_datetime"] = datetime
        env["_timezone"] = timezone
        env["_zones"] = _WHOLE_MINUTE_ZONES
        env["_json_datetime"] = _json_datetime
        return (
            f"(v{tag} if type(v{tag} := {read}) is _datetime"
            f" and type(z{tag} := v{tag}.tzinfo) is _timezone and z{tag} in _zones"
            f" else _json_datetime(v{tag}))"
        )
    if hook is _json_date:
        env["_date"] = date
        env["_format_date"] = format_date
        return f"(v{tag} if type(v{tag} := {read}) is _date else _format_date(v{tag}))"
    if hook is _json_date_or_datetime:
        env["_date"] = date
        env["_json_date_or_datetime"] = _json_date_or_datetime
        datetime_case = _inline_time(_json_datetime, f"v{tag}", f"{tag}d", env)
        return (
            f"(v{tag} if type(v{tag} := {read}) is _date"
            f" else {datetime_case} if type(v{tag}) is _datetime"
            f" else _json_date_or_datetime(v{tag}))"
        )
    if hook is format_duration:  # slacks repeat: remember their text
        env["_format_duration"] = _cached_format_duration
        return f"_format_duration({read})"
    return None


def _dict_display(
    fields: list[tuple[str, UnstructureHook]],
    read: str,
    tag: str,
    env: dict[str, Any],
    depth: int,
) -> str:
    """A dict display writing the fields of the instance in the variable ``read``, in order."""
    items = []
    for number, (name, hook) in enumerate(fields):
        field_tag = f"{tag}f{number}"
        if name.isidentifier() and not keyword.iskeyword(name):
            field_read = f"{read}.{name}"
        else:
            env[f"_n{field_tag}"] = name
            field_read = f"_getattr({read}, _n{field_tag})"
        items.append(f"{name!r}: {_inline_unstructure(hook, field_read, field_tag, env, depth)}")
    return f"{{{', '.join(items)}}}"


_cached_format_duration = functools.lru_cache(maxsize=256)(format_duration)


# --- the JSON form ---------------------------------------------------------------------
#
# `to_json` hands the unstructured form to orjson, which writes some values itself:
# tuples as arrays, dates as ``YYYY-MM-DD``, and a datetime with a fixed offset in whole
# minutes exactly as ``isoformat()`` does (it drops the seconds of any other offset).
# Leaving those values as they are gives the same text for less work.
#
# Tuples of attrs instances stay tuples too: orjson asks its ``default`` (a `JsonDefault`)
# for each instance's dict, writes it and drops it. Built all at once, the dicts
# of a large record would live until the last was written, and the garbage collector
# would walk them again and again, and move them to its oldest generation, whose full
# collections then walk every object of the program.

#: Fixed offsets in whole minutes, which orjson writes as ``isoformat()`` does.
_WHOLE_MINUTE_ZONES: set[timezone] = set()


def _json_datetime(value: datetime) -> Any:
    """``value`` itself where orjson writes exactly `format_datetime`'s text, else that text."""
    if type(value) is datetime and type(tz := value.tzinfo) is timezone:
        if tz in _WHOLE_MINUTE_ZONES:
            return value
        offset = tz.utcoffset(None)
        if not offset.seconds % 60 and not offset.microseconds:
            _WHOLE_MINUTE_ZONES.add(tz)  # at most 2,879 of them: timezones equal by offset
            return value
    return format_datetime(value)


def _json_date(value: date) -> Any:
    """``value`` itself where orjson writes exactly `format_date`'s text, else that text."""
    return value if type(value) is date else format_date(value)


def _json_date_or_datetime(value: date) -> Any:
    return _json_datetime(value) if isinstance(value, datetime) else _json_date(value)


#: orjson's ``default`` for `to_json`: the dict of an instance that a tuple left as it is.
JsonDefault = Callable[[object], Any]


def _nearest_hook(hooks: dict[type, UnstructureHook], cls: type) -> UnstructureHook:
    """The hook of the nearest of ``cls``'s classes in ``hooks``.

    So a subclass instance is written as its tuple's declared class, as `to_dict` writes it.
    """
    for klass in cls.__mro__[1:]:  # ``cls`` itself was looked up first
        if klass in hooks:
            return hooks[klass]
    msg = f"Type is not JSON serializable: {cls.__qualname__}"  # orjson's own words
    raise TypeError(msg)


def _json_sequence_unstructure(
    tp: Any, converter: cattrs.Converter, deferred: dict[type, UnstructureHook]
) -> UnstructureHook:
    """Tuples of plain items or of attrs instances stay tuples: orjson writes them as arrays.

    The hook of an attrs item class goes in ``deferred``, where the ``default`` that
    `_configure_json_unstructure` returns finds it.
    """
    item = typing.get_args(tp)[0]
    item_hook = _unstructure_hook(item, converter)
    if typing.get_origin(tp) is tuple:
        if isinstance(item, type) and attrs.has(item):
            deferred[item] = item_hook
            return cattrs.fns.identity
        if item_hook is cattrs.fns.identity:
            return cattrs.fns.identity
    return _sequence_unstructure(tp, converter)


def _configure_json_unstructure(converter: cattrs.Converter) -> JsonDefault:
    """Unstructure for `to_json` only: leave the values that orjson writes as the same text.

    Install after `configure_converter`; the result is no longer plain data (it holds
    tuples, instances, dates and datetimes), only the input of ``orjson.dumps`` with the
    ``default`` this returns.
    """
    deferred: dict[type, UnstructureHook] = {}

    def default(value: object) -> Any:
        try:
            hook = deferred[type(value)]
        except KeyError:
            hook = _nearest_hook(deferred, type(value))
        return hook(value)

    converter.register_unstructure_hook(datetime, _json_datetime)
    converter.register_unstructure_hook(date, _json_date)
    converter.register_unstructure_hook_factory(
        _is_sequence, functools.partial(_json_sequence_unstructure, deferred=deferred)
    )
    converter.register_unstructure_hook_factory(
        _is_date_or_datetime, lambda _: _json_date_or_datetime
    )
    return default


def _attrs_unstructure(cls: type, converter: cattrs.Converter) -> UnstructureHook:
    """A generated function writing an instance's fields, in order, into a dict.

    Plain values are written inline (see `_inline_unstructure`) instead of by a hook
    call per field.
    """
    attrs.resolve_types(cls)
    env: dict[str, Any] = {"_getattr": getattr}
    fields = [(field.name, _unstructure_hook(field.type, converter)) for field in attrs.fields(cls)]
    source = f"def unstructure(value):\n    return {_dict_display(fields, 'value', '', env, 0)}"
    code = compile(source, f"<negotiations unstructure {cls.__qualname__}>", "exec")
    exec(code, env)  # noqa: S102 - source built above from the class's own fields
    unstructure: UnstructureHook = env["unstructure"]
    _ATTRS_UNSTRUCTURES[unstructure] = fields
    return unstructure


def _is_record(tp: Any) -> bool:
    return tp is NegotiationRecord


def _record_structure(_: Any, converter: cattrs.Converter) -> StructureHook:
    """Records carry ``format_version``; a newer or unknown version is refused."""
    inner = _attrs_structure(NegotiationRecord, converter)

    def structure(value: Any, _: Any) -> NegotiationRecord:
        if type(value) is not dict:
            _type_error("an object (NegotiationRecord)", value)
        if "format_version" not in value:
            _fail(
                MISSING_KEY.problem(
                    ("format_version",),
                    f"a record document states its format_version (this library writes {FORMAT_VERSION})",
                )
            )
        version = value["format_version"]
        if type(version) is not int:
            _fail(TYPE.problem(("format_version",), f"expected an integer, got {_got(version)}"))
        if version != FORMAT_VERSION:
            newer = "newer than" if version > FORMAT_VERSION else "not"
            _fail(
                FORMAT_VERSION_RULE.problem(
                    ("format_version",),
                    f"format_version {version} is {newer} a version this library reads "
                    f"(it reads {FORMAT_VERSION}); "
                    + ("upgrade negotiations" if version > FORMAT_VERSION else "fix the document"),
                )
            )
        body = {key: item for key, item in value.items() if key != "format_version"}
        record: NegotiationRecord = inner(body, NegotiationRecord)
        return record

    return structure


def _record_unstructure(_: Any, converter: cattrs.Converter) -> UnstructureHook:
    inner = _attrs_unstructure(NegotiationRecord, converter)

    def unstructure(value: NegotiationRecord) -> dict[str, Any]:
        return {"format_version": FORMAT_VERSION, **inner(value)}

    return unstructure


def configure_converter(converter: cattrs.Converter) -> None:
    """Install this library's strict hooks on a cattrs ``Converter``.

    Use it on your own converter so that your attrs classes that hold negotiation
    types (``meetings: tuple[Meeting, ...]``) load with the same rules and errors:
    every problem of a document is reported at once as one `ValidationError`.

    The plain form it reads and writes:

    * attrs classes are objects keyed by field name; unknown keys, missing required
      keys and wrong JSON types are problems; fields with defaults may be omitted;
    * strings, integers and booleans are taken as they are, never coerced
      (``123`` is not a string, ``"5"`` and ``5.7`` are not integers, ``true`` is not
      an integer);
    * datetimes are ISO 8601 with their UTC offset, followed by ``[Zone/Name]`` when
      the datetime's zone is an IANA ``ZoneInfo``; dates are ``YYYY-MM-DD``;
    * timedeltas are ISO 8601 durations in days, hours, minutes and seconds (``PT15M``);
    * enums are their values; tuples are arrays; frozensets are sorted arrays, and an
      array with a repeated item is a problem;
    * a `NegotiationRecord` document also carries ``format_version``.
    """
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(datetime, _from_text(parse_datetime, "a datetime string"))
    converter.register_structure_hook(date, _from_text(parse_date, "a date string"))
    converter.register_structure_hook(timedelta, _from_text(parse_duration, "a duration string"))
    converter.register_unstructure_hook(str, _unstructure_str)  # subclasses; str itself: as-is
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_unstructure_hook(date, format_date)
    converter.register_unstructure_hook(timedelta, format_duration)

    converter.register_structure_hook_factory(attrs.has, _attrs_structure)
    converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure)

    converter.register_structure_hook_factory(_is_enum, _enum_structure)
    converter.register_unstructure_hook_factory(_is_enum, lambda _: _unstructure_enum)
    converter.register_structure_hook_factory(_is_sequence, _sequence_structure)
    converter.register_unstructure_hook_factory(_is_sequence, _sequence_unstructure)
    converter.register_structure_hook_factory(_is_optional, _optional_structure)
    converter.register_unstructure_hook_factory(_is_optional, _optional_unstructure)
    converter.register_structure_hook_factory(
        _is_date_or_datetime,
        lambda _: _from_text(_parse_date_or_datetime, "a datetime or date string"),
    )
    converter.register_unstructure_hook_factory(
        _is_date_or_datetime, lambda _: _unstructure_date_or_datetime
    )
    converter.register_structure_hook_factory(
        _is_annotated,
        lambda tp, conv: conv.get_structure_hook(strip_annotated(tp)[0]),
    )
    converter.register_unstructure_hook_factory(
        _is_annotated,
        lambda tp, conv: _unstructure_hook(strip_annotated(tp)[0], conv),
    )
    # Factories run on first use, once every hook above is in place.
    converter.register_structure_hook_factory(_is_record, _record_structure)
    converter.register_unstructure_hook_factory(_is_record, _record_unstructure)


def make_converter() -> cattrs.Converter:
    """A new cattrs ``Converter`` configured by `configure_converter`."""
    converter = cattrs.Converter()
    configure_converter(converter)
    return converter
