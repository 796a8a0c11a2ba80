"""Records <-> JSON-able dicts, generic over the dataclasses in `docket.model`.

The codec walks `dataclasses.fields` and the resolved type hints, so a field added to a record is
encoded and decoded without touching this module. Decoding is lenient in one direction only: a key
missing from the data takes the field's default (records stored before the field existed still load),
and a key the class does not know is ignored (data written by a newer docket still loads).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar, Union

T = TypeVar("T")

JSONValue = None | bool | int | float | str | list[Any] | dict[str, Any]


def to_dict(record: object) -> dict[str, Any]:
    """A dataclass record as a dict of JSON-able values, keys in field order."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"to_dict expects a dataclass instance, not {type(record).__name__}")
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _encode(value: object) -> JSONValue:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes):
        # bytes are not JSON; base64 keeps them exact (only RawDocument and DocumentResult carry any).
        return base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """The record of class `cls` that `to_dict` turned into `data`."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{cls.__name__}.{f.name}")
        # else: leave it to the field's default; a required field missing raises TypeError below
    try:
        return cls(**kwargs)
    except TypeError as e:
        raise TypeError(f"{cls.__name__}: {e}") from None


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # model.py uses `from __future__ import annotations`, so annotations are strings until resolved.
    return typing.get_type_hints(cls)


def _decode(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            if type(None) in args:
                return None
            raise TypeError(f"{where}: null for a field that cannot be null")
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value, where)
        for option in options:  # e.g. str | int: take the first that fits
            try:
                return _decode(option, value, where)
            except (TypeError, ValueError):
                continue
        raise TypeError(f"{where}: {value!r} fits none of {options}")
    if origin is typing.Literal:
        if value not in args:
            raise ValueError(f"{where}: {value!r} is not one of {args}")
        return value
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise TypeError(f"{where}: expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, f"{where}[]") for v in value)
        if args == ((),) or not args:
            return tuple(value)
        return tuple(_decode(a, v, f"{where}[]") for a, v in zip(args, value, strict=True))
    if origin in (list, dict):
        raise TypeError(f"{where}: records are immutable; {tp} is not supported")
    if tp is Any:
        return value
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if tp is bytes:
        if not isinstance(value, str):
            raise TypeError(f"{where}: expected base64 text, got {type(value).__name__}")
        return base64.b64decode(value.encode("ascii"), validate=True)
    if tp is bool:
        if not isinstance(value, bool):
            raise TypeError(f"{where}: expected true or false, got {value!r}")
        return value
    if tp in (int, float, str):
        if isinstance(value, bool) or not isinstance(value, tp):
            if tp is float and isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            raise TypeError(f"{where}: expected {tp.__name__}, got {type(value).__name__}")
        return value
    raise TypeError(f"{where}: unsupported type {tp!r}")
