import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from workerkit.database import BatchJob, Database, FailedRequest, FileRecord

T0 = datetime(2025, 10, 28, 9, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


@pytest.fixture
def db():
    database = Database()
    yield database
    database.close()


@pytest.fixture
def input_file(db):
    return db.add_file("requests.jsonl", "batch", 2048, T0)


def new_batch(db, input_file, minutes=0, **kwargs):
    created = T0 + timedelta(minutes=minutes)
    return db.create_batch(input_file.id, created, created + DAY, **kwargs)


def test_files_get_sequential_ids(db):
    first = db.add_file("a.jsonl", "batch", 10, T0)
    second = db.add_file("b.jsonl", "batch", 20, T0)
    assert [first.id, second.id] == ["file-0001", "file-0002"]


def test_file_round_trip(db, input_file):
    assert db.get_file("file-0001") == FileRecord("file-0001", "requests.jsonl", "batch", 2048, T0)


def test_new_batch_starts_validating(db, input_file):
    batch = new_batch(db, input_file)
    assert batch == BatchJob("batch-0001", "file-0001", "validating", T0, T0 + DAY, None, {})


def test_batch_needs_a_known_input_file(db):
    with pytest.raises(LookupError, match="unknown input file 'file-0042'"):
        db.create_batch("file-0042", T0, T0 + DAY)


def test_batch_expiry_must_follow_creation(db, input_file):
    with pytest.raises(ValueError, match="expires_at must be after created_at"):
        db.create_batch(input_file.id, T0, T0)


def test_metadata_round_trips(db, input_file):
    metadata = {"customer": "acme", "priority": 2, "tags": ["nightly", "eval"]}
    new_batch(db, input_file, metadata=metadata)
    assert db.get_batch("batch-0001").metadata == metadata


def test_metadata_is_stored_in_metadata_json_column(db, input_file):
    new_batch(db, input_file, metadata={"priority": 2, "customer": "acme"})
    row = db.conn.execute("SELECT metadata_json FROM batch_jobs").fetchone()
    assert row["metadata_json"] == '{"customer": "acme", "priority": 2}'


def test_metadata_must_be_json_serialisable(db, input_file):
    with pytest.raises(ValueError, match="metadata is not JSON-serialisable"):
        new_batch(db, input_file, metadata={"when": T0})
    assert db.list_batches() == []


def test_times_keep_their_timezone(db, input_file):
    paris = timezone(timedelta(hours=1))
    created = datetime(2025, 10, 28, 10, 30, tzinfo=paris)
    batch = db.create_batch(input_file.id, created, created + DAY)
    assert db.get_batch(batch.id).created_at.utcoffset() == timedelta(hours=1)
    assert db.get_batch(batch.id).expires_at == datetime(2025, 10, 29, 9, 30, tzinfo=timezone.utc)


class TestBatchStatus:
    def test_moves_forward_to_completed(self, db, input_file):
        batch = new_batch(db, input_file)
        db.set_status(batch.id, "in_progress", T0 + timedelta(minutes=1))
        done = db.set_status(batch.id, "completed", T0 + timedelta(minutes=40))
        assert (done.status, done.completed_at) == ("completed", T0 + timedelta(minutes=40))

    def test_finished_batch_cannot_restart(self, db, input_file):
        batch = new_batch(db, input_file)
        db.set_status(batch.id, "in_progress", T0)
        db.set_status(batch.id, "completed", T0)
        with pytest.raises(ValueError, match="cannot move batch-0001 from completed to in_progress"):
            db.set_status(batch.id, "in_progress", T0)

    def test_unknown_status_is_rejected(self, db, input_file):
        batch = new_batch(db, input_file)
        with pytest.raises(ValueError, match="unknown status 'done'"):
            db.set_status(batch.id, "done", T0)
        assert db.get_batch(batch.id).status == "validating"

    def test_list_filters_by_status(self, db, input_file):
        for minutes in (0, 5, 10):
            new_batch(db, input_file, minutes=minutes)
        db.set_status("batch-0002", "in_progress", T0)
        assert [b.id for b in db.list_batches("validating")] == ["batch-0001", "batch-0003"]
        assert [b.id for b in db.list_batches("in_progress")] == ["batch-0002"]

    def test_expiry_only_touches_unfinished_batches(self, db, input_file):
        new_batch(db, input_file)
        new_batch(db, input_file, minutes=5)
        db.set_status("batch-0002", "cancelled", T0 + timedelta(minutes=6))
        expired = db.expire_overdue(T0 + DAY + timedelta(minutes=10))
        assert expired == ["batch-0001"]
        assert db.get_batch("batch-0002").status == "cancelled"


def test_failed_request_goes_to_dead_letter_queue(db, input_file):
    batch = new_batch(db, input_file)
    db.record_failure(batch.id, "req-17", "ValueError: prompt too long", T0)
    assert db.failures(batch.id) == [
        FailedRequest("batch-0001", "req-17", "ValueError: prompt too long", T0)
    ]


def test_failures_are_kept_per_batch(db, input_file):
    first, second = new_batch(db, input_file), new_batch(db, input_file, minutes=1)
    db.record_failure(first.id, "req-1", "timeout", T0)
    db.record_failure(second.id, "req-2", "timeout", T0)
    db.record_failure(first.id, "req-3", "timeout", T0)
    assert [f.custom_id for f in db.failures(first.id)] == ["req-1", "req-3"]


def test_failure_for_unknown_batch_is_rejected(db):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
        db.record_failure("batch-9999", "req-1", "timeout", T0)


def test_heartbeat_keeps_one_row_per_worker(db):
    db.heartbeat("worker-a", T0, "idle")
    db.heartbeat("worker-a", T0 + timedelta(seconds=30), "busy")
    assert db.workers() == {"worker-a": ("busy", T0 + timedelta(seconds=30))}


def test_workers_without_recent_heartbeat_are_stale(db):
    db.heartbeat("worker-a", T0)
    db.heartbeat("worker-b", T0 + timedelta(minutes=4))
    now = T0 + timedelta(minutes=5)
    assert db.stale_workers(now, timeout=timedelta(minutes=2)) == ["worker-a"]
