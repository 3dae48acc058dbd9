"""What the store accepts as a column's value: checked before any write, refused clearly.

SQLite would raise errors the UI does not expect for a non-finite number, a whole number over
64 bits or text that cannot be encoded; the store refuses them with a message instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from partnerdesk.errors import InvalidValue


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
