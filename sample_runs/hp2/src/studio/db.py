"""An in-memory database with tables, unique keys, foreign keys and transactions.

It stands in for the backend's PostgreSQL: a write that breaks a constraint raises
IntegrityError, and a failed transaction leaves every table as it was.
"""

from __future__ import annotations

import copy
import itertools
from contextlib import contextmanager


class IntegrityError(Exception):
    """A write broke a constraint: a duplicate key or a missing related record."""


class Database:
    def __init__(self) -> None:
        self.tables: dict[str, dict[str, dict]] = {}
        self.foreign_keys: dict[str, dict[str, str]] = {}
        self.unique: dict[str, tuple[str, ...]] = {}
        self._ids = itertools.count(1)

    def create_table(self, name: str, foreign_keys: dict | None = None, unique: tuple = ()) -> None:
        self.tables[name] = {}
        self.foreign_keys[name] = dict(foreign_keys or {})
        self.unique[name] = tuple(unique)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):04d}"


class Session:
    """One unit of work on a Database; rows are copied in and out, never shared."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _check(self, table: str, row: dict) -> None:
        for column, target in self.db.foreign_keys[table].items():
            value = row.get(column)
            if value is not None and value not in self.db.tables[target]:
                raise IntegrityError(f"{table}.{column}: no {target} row {value!r}")
        for column in self.db.unique[table]:
            for other in self.db.tables[table].values():
                if other["id"] != row["id"] and other.get(column) == row.get(column):
                    raise IntegrityError(f"{table}.{column}: {row.get(column)!r} exists")

    def insert(self, table: str, row: dict) -> dict:
        self._check(table, row)
        self.db.tables[table][row["id"]] = copy.deepcopy(row)
        return copy.deepcopy(row)

    def get(self, table: str, row_id: str) -> dict | None:
        row = self.db.tables[table].get(row_id)
        return copy.deepcopy(row) if row is not None else None

    def select(self, table: str, **equal: object) -> list[dict]:
        rows = self.db.tables[table].values()
        return [copy.deepcopy(r) for r in rows if all(r.get(k) == v for k, v in equal.items())]

    def update(self, table: str, row: dict) -> dict:
        if row["id"] not in self.db.tables[table]:
            raise KeyError(row["id"])
        self._check(table, row)
        self.db.tables[table][row["id"]] = copy.deepcopy(row)
        return copy.deepcopy(row)

    def delete(self, table: str, row_id: str) -> None:
        for other, keys in self.db.foreign_keys.items():
            for column, target in keys.items():
                if target == table and self.select(other, **{column: row_id}):
                    raise IntegrityError(f"{other}.{column} still refers to {row_id!r}")
        del self.db.tables[table][row_id]

    @contextmanager
    def transaction(self):
        saved = copy.deepcopy(self.db.tables)
        try:
            yield self
        except Exception:
            self.db.tables = saved
            raise


def connect() -> Session:
    """A fresh database with the studio's tables."""
    db = Database()
    db.create_table("models", unique=("repo_id",))
    db.create_table("datasets", unique=("name",))
    db.create_table(
        "templates",
        foreign_keys={"model_id": "models", "dataset_id": "datasets"},
        unique=("name",),
    )
    return Session(db)
