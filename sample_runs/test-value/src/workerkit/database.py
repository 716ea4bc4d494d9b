"""Job storage on sqlite3: input files, batch jobs, failed requests, worker heartbeats.

`Database()` opens an in-memory database; pass a path for a file. Times are timezone-aware
datetimes, stored as ISO 8601 text. A batch's metadata is a JSON object stored in the
`metadata_json` column and handed back as a dict in `BatchJob.metadata`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SCHEMA = """
CREATE TABLE files (
    id TEXT PRIMARY KEY,
    filename TEXT NOT NULL,
    purpose TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE batch_jobs (
    id TEXT PRIMARY KEY,
    input_file_id TEXT NOT NULL REFERENCES files(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    completed_at TEXT,
    metadata_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE failed_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id TEXT NOT NULL REFERENCES batch_jobs(id),
    custom_id TEXT NOT NULL,
    error TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE worker_heartbeats (
    worker_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
"""

STATUSES = ("validating", "in_progress", "completed", "failed", "cancelled", "expired")
FINISHED = frozenset({"completed", "failed", "cancelled", "expired"})
TRANSITIONS = {
    "validating": frozenset({"in_progress", "failed", "cancelled", "expired"}),
    "in_progress": frozenset({"completed", "failed", "cancelled", "expired"}),
}


@dataclass(frozen=True)
class FileRecord:
    id: str
    filename: str
    purpose: str
    bytes: int
    created_at: datetime


@dataclass(frozen=True)
class BatchJob:
    id: str
    input_file_id: str
    status: str
    created_at: datetime
    expires_at: datetime
    completed_at: datetime | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FailedRequest:
    batch_id: str
    custom_id: str
    error: str
    created_at: datetime


class Database:
    def __init__(self, path: str = ":memory:") -> None:
        self.conn = sqlite3.connect(path)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def _next_id(self, prefix: str, table: str) -> str:
        (count,) = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        return f"{prefix}-{count + 1:04d}"

    # --- files -----------------------------------------------------------------------------------

    def add_file(self, filename: str, purpose: str, size: int, now: datetime) -> FileRecord:
        record = FileRecord(self._next_id("file", "files"), filename, purpose, size, now)
        with self.conn:
            self.conn.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                (record.id, filename, purpose, size, now.isoformat()),
            )
        return record

    def get_file(self, file_id: str) -> FileRecord | None:
        row = self.conn.execute("SELECT * FROM files WHERE id = ?", (file_id,)).fetchone()
        if row is None:
            return None
        return FileRecord(
            row["id"], row["filename"], row["purpose"], row["bytes"],
            datetime.fromisoformat(row["created_at"]),
        )

    # --- batch jobs ------------------------------------------------------------------------------

    def create_batch(
        self,
        input_file_id: str,
        created_at: datetime,
        expires_at: datetime,
        metadata: dict | None = None,
    ) -> BatchJob:
        if self.get_file(input_file_id) is None:
            raise LookupError(f"unknown input file {input_file_id!r}")
        if expires_at <= created_at:
            raise ValueError("expires_at must be after created_at")
        try:
            metadata_json = json.dumps(metadata or {}, sort_keys=True)
        except TypeError as err:
            raise ValueError(f"metadata is not JSON-serialisable: {err}") from None
        batch_id = self._next_id("batch", "batch_jobs")
        with self.conn:
            self.conn.execute(
                "INSERT INTO batch_jobs (id, input_file_id, status, created_at, expires_at,"
                " metadata_json) VALUES (?, ?, 'validating', ?, ?, ?)",
                (batch_id, input_file_id, created_at.isoformat(), expires_at.isoformat(),
                 metadata_json),
            )
        return self.get_batch(batch_id)

    def get_batch(self, batch_id: str) -> BatchJob | None:
        row = self.conn.execute("SELECT * FROM batch_jobs WHERE id = ?", (batch_id,)).fetchone()
        return None if row is None else _batch_from_row(row)

    def set_status(self, batch_id: str, status: str, at: datetime) -> BatchJob:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        batch = self.get_batch(batch_id)
        if batch is None:
            raise LookupError(f"unknown batch {batch_id!r}")
        if status not in TRANSITIONS.get(batch.status, ()):
            raise ValueError(f"cannot move {batch_id} from {batch.status} to {status}")
        completed_at = at.isoformat() if status in FINISHED else None
        with self.conn:
            self.conn.execute(
                "UPDATE batch_jobs SET status = ?, completed_at = ? WHERE id = ?",
                (status, completed_at, batch_id),
            )
        return self.get_batch(batch_id)

    def list_batches(self, status: str | None = None) -> list[BatchJob]:
        query, args = "SELECT * FROM batch_jobs", ()
        if status is not None:
            query, args = query + " WHERE status = ?", (status,)
        rows = self.conn.execute(query + " ORDER BY created_at, id", args).fetchall()
        return [_batch_from_row(row) for row in rows]

    def expire_overdue(self, now: datetime) -> list[str]:
        """Mark unfinished batches whose expiry has passed as expired; return their ids."""
        overdue = [
            batch.id
            for batch in self.list_batches()
            if batch.status not in FINISHED and batch.expires_at <= now
        ]
        for batch_id in overdue:
            self.set_status(batch_id, "expired", now)
        return overdue

    # --- dead letter queue -----------------------------------------------------------------------

    def record_failure(self, batch_id: str, custom_id: str, error: str, at: datetime) -> FailedRequest:
        with self.conn:
            self.conn.execute(
                "INSERT INTO failed_requests (batch_id, custom_id, error, created_at)"
                " VALUES (?, ?, ?, ?)",
                (batch_id, custom_id, error, at.isoformat()),
            )
        return FailedRequest(batch_id, custom_id, error, at)

    def failures(self, batch_id: str) -> list[FailedRequest]:
        rows = self.conn.execute(
            "SELECT * FROM failed_requests WHERE batch_id = ? ORDER BY id", (batch_id,)
        ).fetchall()
        return [
            FailedRequest(r["batch_id"], r["custom_id"], r["error"],
                          datetime.fromisoformat(r["created_at"]))
            for r in rows
        ]

    # --- worker heartbeats -----------------------------------------------------------------------

    def heartbeat(self, worker_id: str, at: datetime, status: str = "idle") -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO worker_heartbeats (worker_id, status, last_seen) VALUES (?, ?, ?)"
                " ON CONFLICT(worker_id) DO UPDATE SET status = excluded.status,"
                " last_seen = excluded.last_seen",
                (worker_id, status, at.isoformat()),
            )

    def workers(self) -> dict[str, tuple[str, datetime]]:
        rows = self.conn.execute("SELECT * FROM worker_heartbeats ORDER BY worker_id").fetchall()
        return {r["worker_id"]: (r["status"], datetime.fromisoformat(r["last_seen"])) for r in rows}

    def stale_workers(self, now: datetime, timeout: timedelta) -> list[str]:
        """Workers whose last heartbeat is older than `timeout`: probably crashed."""
        return [wid for wid, (_, seen) in self.workers().items() if now - seen > timeout]


def _batch_from_row(row: sqlite3.Row) -> BatchJob:
    return BatchJob(
        id=row["id"],
        input_file_id=row["input_file_id"],
        status=row["status"],
        created_at=datetime.fromisoformat(row["created_at"]),
        expires_at=datetime.fromisoformat(row["expires_at"]),
        completed_at=(
            datetime.fromisoformat(row["completed_at"]) if row["completed_at"] else None
        ),
        metadata=json.loads(row["metadata_json"]),
    )
