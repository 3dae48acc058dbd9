"""The latest schema written down in `partnerdesk.migrations.schema` is what the migrations build."""

from __future__ import annotations

import sqlite3

import pytest

from partnerdesk.errors import NotAWorkspace
from partnerdesk.migrations import built_schema, expected_schema, latest_version, schema
from partnerdesk.store import Workspace


def test_the_written_schema_is_what_the_migrations_build():
    built = built_schema(latest_version())
    rows = "".join(f'    "{name}": "{" ".join(sorted(columns))}",\n' for name, columns in built.items())
    assert latest_version() == schema.VERSION, "a migration was added: update partnerdesk/migrations/schema.py"
    assert {name: set(columns) for name, columns in schema.TABLES.items()} == built, (
        f"partnerdesk/migrations/schema.py differs from the migrations; its _COLUMNS are now:\n{rows}")


def test_an_older_version_is_still_built_from_its_migrations():
    older = expected_schema(latest_version() - 1)
    assert older == built_schema(latest_version() - 1)
    assert older != {name: set(columns) for name, columns in schema.TABLES.items()}


def test_a_workspace_lacking_a_column_of_the_written_schema_is_refused_unchanged(tmp_path):
    path = tmp_path / "w.partnerdesk"
    Workspace.open(path, create=True).close()
    table, columns = next(iter(schema.TABLES.items()))
    conn = sqlite3.connect(path)
    conn.execute(f"ALTER TABLE [{table}] DROP COLUMN [{sorted(columns)[-1]}]")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAWorkspace, match=table):
        Workspace.open(path, defer_check=True)
    assert path.read_bytes() == before
