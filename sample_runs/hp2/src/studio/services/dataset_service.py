"""Datasets: registration, listing, download and tokenization progress, statistics."""

from __future__ import annotations

from datetime import datetime, timezone

from studio import events
from studio.db import Session
from studio.schemas import DatasetCreate, DatasetStatus, ValidationError, check_name, check_percent

SORTABLE = ("name", "created_at", "num_samples", "status")
MAX_PAGE = 100


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class DatasetService:
    @staticmethod
    def create_dataset(session: Session, data: DatasetCreate) -> dict:
        data.validate()
        row = {
            "id": session.db.new_id("d"),
            "name": data.name,
            "source": data.source,
            "split": data.split,
            "status": DatasetStatus.PENDING.value,
            "progress": 0.0,
            "num_samples": None,
            "num_tokens": None,
            "error_message": None,
            "metadata": dict(data.metadata),
            "created_at": _now(),
        }
        return session.insert("datasets", row)

    @staticmethod
    def get_dataset(session: Session, dataset_id: str) -> dict | None:
        return session.get("datasets", dataset_id)

    @staticmethod
    def get_dataset_by_name(session: Session, name: str) -> dict | None:
        found = session.select("datasets", name=name)
        return found[0] if found else None

    @staticmethod
    def list_datasets(
        session: Session,
        skip: int = 0,
        limit: int = 20,
        search: str | None = None,
        status: str | None = None,
        sort_by: str = "created_at",
        order: str = "desc",
    ) -> tuple[list[dict], int]:
        if sort_by not in SORTABLE:
            raise ValidationError("sort_by", f"one of {', '.join(SORTABLE)}")
        if order not in ("asc", "desc"):
            raise ValidationError("order", "asc or desc")
        limit = min(max(limit, 1), MAX_PAGE)
        rows = session.select("datasets")
        if search:
            needle = search.lower()
            rows = [r for r in rows if needle in r["name"].lower() or needle in r["source"].lower()]
        if status:
            rows = [r for r in rows if r["status"] == DatasetStatus(status).value]
        rows.sort(key=lambda r: (r[sort_by] is not None, r[sort_by] or 0, r["id"]),
                  reverse=order == "desc")  # fmt: skip
        return rows[skip : skip + limit], len(rows)

    @staticmethod
    def update_dataset(session: Session, dataset_id: str, changes: dict) -> dict | None:
        row = session.get("datasets", dataset_id)
        if row is None:
            return None
        unknown = set(changes) - {"name", "split", "metadata"}
        if unknown:
            raise ValidationError(sorted(unknown)[0], "cannot be changed")
        if "name" in changes:
            check_name(changes["name"])
        row.update(changes)
        return session.update("datasets", row)

    @staticmethod
    def update_progress(session: Session, dataset_id: str, progress: float, status: str) -> dict | None:
        row = session.get("datasets", dataset_id)
        if row is None:
            return None
        new_status = DatasetStatus(status)
        if row["status"] == DatasetStatus.READY.value and new_status != DatasetStatus.READY:
            raise ValidationError("status", "a ready dataset cannot go back")
        row["progress"] = check_percent(progress, "progress")
        row["status"] = new_status.value
        events.emit_dataset_progress(dataset_id, row["progress"], row["status"])
        return session.update("datasets", row)

    @staticmethod
    def mark_error(session: Session, dataset_id: str, message: str) -> dict | None:
        row = session.get("datasets", dataset_id)
        if row is None:
            return None
        row["status"] = DatasetStatus.ERROR.value
        row["error_message"] = message
        events.emit_dataset_progress(dataset_id, row["progress"], row["status"])
        return session.update("datasets", row)

    @staticmethod
    def record_statistics(session: Session, dataset_id: str, lengths: list[int]) -> dict | None:
        row = session.get("datasets", dataset_id)
        if row is None:
            return None
        if not lengths:
            raise ValidationError("lengths", "no samples")
        ordered = sorted(lengths)
        row["num_samples"] = len(ordered)
        row["num_tokens"] = sum(ordered)
        row["metadata"] = dict(
            row["metadata"],
            min_length=ordered[0],
            max_length=ordered[-1],
            median_length=ordered[len(ordered) // 2],
        )
        return session.update("datasets", row)

    @staticmethod
    def merge_metadata(session: Session, dataset_id: str, extra: dict) -> dict | None:
        row = session.get("datasets", dataset_id)
        if row is None:
            return None
        row["metadata"] = {**row["metadata"], **extra}
        return session.update("datasets", row)

    @staticmethod
    def delete_dataset(session: Session, dataset_id: str) -> bool:
        if session.get("datasets", dataset_id) is None:
            return False
        session.delete("datasets", dataset_id)
        return True

    @staticmethod
    def ready_datasets(session: Session) -> list[dict]:
        return sorted(session.select("datasets", status=DatasetStatus.READY.value),
                      key=lambda r: r["name"])  # fmt: skip

    @staticmethod
    def tokens_per_sample(row: dict) -> float | None:
        if not row["num_samples"]:
            return None
        return round(row["num_tokens"] / row["num_samples"], 1)

    @staticmethod
    def split_sizes(row: dict, ratios: dict[str, float]) -> dict[str, int]:
        if not row["num_samples"]:
            raise ValidationError("num_samples", "statistics are not recorded yet")
        if abs(sum(ratios.values()) - 1.0) > 1e-9:
            raise ValidationError("ratios", "must add up to 1")
        sizes = {name: int(row["num_samples"] * ratio) for name, ratio in ratios.items()}
        sizes[next(iter(sizes))] += row["num_samples"] - sum(sizes.values())  # the rest to the first
        return sizes

    @staticmethod
    def find_by_source(session: Session, source: str) -> list[dict]:
        return sorted(session.select("datasets", source=source), key=lambda r: r["id"])

    @staticmethod
    def fail_unfinished(session: Session, message: str) -> list[str]:
        failed = []
        for row in session.select("datasets"):
            if row["status"] in (DatasetStatus.DOWNLOADING.value, DatasetStatus.PROCESSING.value):
                DatasetService.mark_error(session, row["id"], message)
                failed.append(row["id"])
        return sorted(failed)

    @staticmethod
    def count_by_status(session: Session) -> dict[str, int]:
        return {s.value: len(session.select("datasets", status=s.value)) for s in DatasetStatus}
