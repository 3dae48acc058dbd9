"""What the store accepts as a column's value: checked before any write, refused clearly; and
the values it writes itself (new ids, time stamps).

SQLite would raise errors the UI does not expect for a non-finite number, a whole number over
64 bits or text that cannot be encoded; the store refuses them with a message instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from partnerdesk.errors import InvalidValue


def new_id() -> str:
    import uuid  # at the first new record: uuid imports `platform`, which opening never needs

    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clean_row(table: str, known: frozenset[str], values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` as a new row dictionary, each column one of `known` and each value keepable."""
    row = {}
    for column, value in values.items():
        if column not in known:
            raise InvalidValue(f"Unknown field {column!r} of {table!r}.")
        kind = type(value)
        # The common kinds first, by exact type: a drag of many items cleans thousands of values.
        if kind is float:
            if not math.isfinite(value):
                raise InvalidValue(f"{column} must be a finite number, not {value}.")
        elif kind is str and value.isascii():
            pass
        elif isinstance(value, float) and not math.isfinite(value):
            raise InvalidValue(f"{column} must be a finite number, not {value}.")
        elif isinstance(value, int) and not -(2**63) <= value < 2**63:
            raise InvalidValue(f"{column} is too large a whole number to keep.")
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InvalidValue(f"{column} contains characters that cannot be kept.") from exc
        row[column] = value
    return row


def clean_rows(table: str, known: frozenset[str], many: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """`clean_row` for many rows by id (a drag of a thousand post-its): each set of columns is
    checked once, and the common values (finite numbers, plain text) without a call each."""
    checked: set[tuple[str, ...]] = set()
    cleaned = {}
    isfinite = math.isfinite
    for record_id, values in many.items():
        row = dict(values)
        columns = tuple(row)
        if columns not in checked:
            for column in columns:
                if column not in known:
                    raise InvalidValue(f"Unknown field {column!r} of {table!r}.")
            checked.add(columns)
        for column, value in row.items():
            kind = type(value)
            if (kind is float and isfinite(value)) or (kind is str and value.isascii()):
                continue
            clean_row(table, known, {column: value})  # the full checks, which refuse it or pass
        cleaned[record_id] = row
    return cleaned


def check_values(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Refuse a value `clean_row` would refuse (each row: the columns' values, in order). Column
    by column, a column of finite numbers or of plain text passes at C speed (a drag of a
    thousand); any other is checked value by value."""
    if not rows:
        return
    known = frozenset(columns)
    for column, values in zip(columns, zip(*rows, strict=True), strict=True):
        kinds = set(map(type, values))
        if kinds == {float} and all(map(math.isfinite, values)):
            continue
        if kinds == {str} and all(map(str.isascii, values)):
            continue
        for value in values:
            clean_row(table, known, {column: value})
