"""Models: registration, listing, download progress, metadata and memory estimates."""

from __future__ import annotations

from datetime import datetime, timezone

from studio import events
from studio.db import Session
from studio.schemas import (
    BYTES_PER_PARAM,
    ModelCreate,
    ModelStatus,
    Quantization,
    ValidationError,
    check_percent,
)

SORTABLE = ("name", "created_at", "params_millions", "status")
MAX_PAGE = 100


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ModelService:
    @staticmethod
    def create_model(session: Session, data: ModelCreate) -> dict:
        data.validate()
        row = {
            "id": session.db.new_id("m"),
            "name": data.name,
            "repo_id": data.repo_id,
            "params_millions": float(data.params_millions),
            "quantization": data.quantization.value,
            "status": ModelStatus.PENDING.value,
            "progress": 0.0,
            "error_message": None,
            "metadata": dict(data.metadata),
            "created_at": _now(),
        }
        return session.insert("models", row)

    @staticmethod
    def get_model(session: Session, model_id: str) -> dict | None:
        return session.get("models", model_id)

    @staticmethod
    def get_model_by_repo(session: Session, repo_id: str) -> dict | None:
        found = session.select("models", repo_id=repo_id)
        return found[0] if found else None

    @staticmethod
    def list_models(
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
        if skip < 0:
            raise ValidationError("skip", "must not be negative")
        limit = min(max(limit, 1), MAX_PAGE)
        rows = session.select("models")
        if search:
            rows = [r for r in rows if search.lower() in (r["name"] + " " + r["repo_id"]).lower()]
        if status:
            rows = [r for r in rows if r["status"] == ModelStatus(status).value]
        rows.sort(key=lambda r: (r[sort_by], r["id"]), reverse=order == "desc")
        return rows[skip : skip + limit], len(rows)

    @staticmethod
    def update_model(session: Session, model_id: str, changes: dict) -> dict | None:
        row = session.get("models", model_id)
        if row is None:
            return None
        allowed = {"name", "quantization", "metadata"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValidationError(sorted(unknown)[0], "cannot be changed")
        if "quantization" in changes:
            changes = dict(changes, quantization=Quantization(changes["quantization"]).value)
        row.update(changes)
        return session.update("models", row)

    @staticmethod
    def update_progress(session: Session, model_id: str, progress: float) -> dict | None:
        row = session.get("models", model_id)
        if row is None:
            return None
        row["progress"] = check_percent(progress, "progress")
        if row["progress"] >= 100.0:
            row["status"] = ModelStatus.READY.value
        elif row["status"] == ModelStatus.PENDING.value:
            row["status"] = ModelStatus.DOWNLOADING.value
        events.emit_model_progress(model_id, row["progress"], row["status"])
        return session.update("models", row)

    @staticmethod
    def mark_error(session: Session, model_id: str, message: str) -> dict | None:
        row = session.get("models", model_id)
        if row is None:
            return None
        row.update(status=ModelStatus.ERROR.value, error_message=message)
        events.emit_model_progress(model_id, row["progress"], row["status"])
        return session.update("models", row)

    @staticmethod
    def merge_metadata(session: Session, model_id: str, extra: dict) -> dict | None:
        row = session.get("models", model_id)
        if row is None:
            return None
        merged = dict(row["metadata"])
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
        row["metadata"] = merged
        return session.update("models", row)

    @staticmethod
    def delete_model(session: Session, model_id: str) -> bool:
        if session.get("models", model_id) is None:
            return False
        session.delete("models", model_id)
        return True

    @staticmethod
    def estimate_memory_gb(row: dict, overhead: float = 1.2) -> float:
        if overhead < 1.0:
            raise ValidationError("overhead", "must be at least 1.0")
        size = row["params_millions"] * 1e6 * BYTES_PER_PARAM[Quantization(row["quantization"])]
        return round(size * overhead / 1024**3, 2)

    @staticmethod
    def ready_models(session: Session) -> list[dict]:
        rows = session.select("models", status=ModelStatus.READY.value)
        return sorted(rows, key=lambda r: r["name"])

    @staticmethod
    def retry_download(session: Session, model_id: str) -> dict | None:
        row = session.get("models", model_id)
        if row is None:
            return None
        if row["status"] != ModelStatus.ERROR.value:
            raise ValidationError("status", "only a failed download can be retried")
        row.update(status=ModelStatus.PENDING.value, progress=0.0, error_message=None)
        return session.update("models", row)

    @staticmethod
    def count_by_status(session: Session) -> dict[str, int]:
        return {s.value: len(session.select("models", status=s.value)) for s in ModelStatus}

    @staticmethod
    def set_architecture(session: Session, model_id: str, layers: int, hidden_size: int) -> dict | None:
        row = session.get("models", model_id)
        if row is None:
            return None
        if layers <= 0 or hidden_size <= 0:
            raise ValidationError("architecture", "layers and hidden_size must be positive")
        row["metadata"] = dict(row["metadata"], layers=layers, hidden_size=hidden_size)
        return session.update("models", row)

    @staticmethod
    def hook_points(row: dict) -> list[str]:
        return [f"blocks.{i}.hook_resid_post" for i in range(row["metadata"].get("layers") or 0)]

    @staticmethod
    def bulk_delete(session: Session, model_ids: list[str]) -> list[str]:
        deleted = []
        with session.transaction():
            for model_id in model_ids:
                if ModelService.delete_model(session, model_id):
                    deleted.append(model_id)
        return deleted
