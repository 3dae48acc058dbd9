"""Small value classes without `dataclasses`: what `@dataclass` gave the records the first window
needs, at the cost of an ordinary class.

On Python 3.11 each `@dataclass` compiles its generated methods (`__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__`, `__delattr__`) from source when its module loads, about half
a millisecond a class, and `dataclasses` itself is a sizeable import; a dozen such classes load
before the first window is painted. A subclass of `Value` lists its fields in `_fields` (and in
`__slots__`) and writes its own `__init__`; it compares, hashes and prints as the dataclass did:
equal only to an instance of the very same class with equal fields (those in `_compared`, all
of them unless it says otherwise), hashed on those fields, printed as `Name(field=value, ...)`.
A `Frozen` one also refuses assignment after `__init__` (`FrozenError`, an AttributeError, as
`dataclasses.FrozenInstanceError` is); its `__init__` sets fields with `object.__setattr__`.
"""

from __future__ import annotations

import functools
import re
from typing import Any, ClassVar


class FrozenError(AttributeError):
    """An assignment to a field of a frozen value."""


class Value:
    """Equality, hash and repr over the fields a subclass lists (see the module's notes)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    #: The fields equality and the hash look at; None: all of `_fields`.
    _compared: ClassVar[tuple[str, ...] | None] = None

    def _key(self) -> tuple:
        return tuple([getattr(self, name) for name in (self._compared if self._compared is not None else self._fields)])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()  # type: ignore[attr-defined] - the same class
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self) -> tuple:
        """Copied and pickled through `__init__` with the fields in order, as a frozen value's slots
        cannot be set afterwards (the dataclasses handled this themselves)."""
        return self.__class__, tuple([getattr(self, name) for name in self._fields])

    def as_dict(self) -> dict[str, Any]:
        """The fields and their values, in order (as `dataclasses.asdict` for flat values)."""
        return {name: getattr(self, name) for name in self._fields}

    def replace(self, **changes: Any) -> Any:
        """A copy with `changes` (as `dataclasses.replace`)."""
        unknown = set(changes).difference(self._fields)
        if unknown:
            raise TypeError(f"{self.__class__.__qualname__} has no field(s) {sorted(unknown)}")
        return self.__class__(**{**self.as_dict(), **changes})


class Frozen(Value):
    """A `Value` whose fields cannot be assigned after `__init__`."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")


try:  # what `collections.namedtuple` reads its fields with (C), else the same in Python
    from _collections import _tuplegetter
except ImportError:  # pragma: no cover - other Pythons
    from operator import itemgetter as _itemgetter

    def _tuplegetter(index: int, doc: str | None) -> Any:  # type: ignore[misc]
        return property(_itemgetter(index), doc=doc)


class Record(tuple):
    """A named tuple without `typing.NamedTuple`'s cost: that compiles each class's `__new__`
    from source and, under `from __future__ import annotations`, each field's annotation (about
    1.3M instructions a class). A subclass lists `_fields` (and `__slots__ = ()`) and writes
    `__new__(cls, <fields>)` returning `tuple.__new__(cls, (<fields>))`; it gets each field as
    a read-only attribute, `_make`, `_replace`, `_asdict`, `_field_defaults` (from `__new__`'s
    defaults) and the namedtuple's repr, equality (a tuple's), hash, pickling and copying."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _field_defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = cls.__dict__.get("_fields")
        if fields is None:
            return
        for index, name in enumerate(fields):
            setattr(cls, name, _tuplegetter(index, f"Alias for field number {index}"))
        cls.__match_args__ = fields
        defaults = cls.__new__.__defaults__ or ()
        cls._field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults, strict=True))

    @classmethod
    def _make(cls, iterable: Any) -> Any:
        result = tuple.__new__(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self, **changes: Any) -> Any:
        result = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return result

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{self.__class__.__name__}({values})"

    def __getnewargs__(self) -> tuple:
        return tuple(self)


@functools.cache
def pattern(expression: str) -> re.Pattern[str]:
    """`re.compile(expression)` at its first use, kept for the process: compiling is the costly part
    of a regular expression (a character class over the surrogates, a few million instructions),
    and a module-level `re.compile` pays it at import, before the first paint, used or not."""
    return re.compile(expression)
