"""Training templates: named SAE training configurations, optionally bound to a model and a dataset."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from studio.db import Session
from studio.schemas import TemplateCreate, ValidationError, check_name

DEFAULTS = {
    "learning_rate": 3e-4,
    "batch_size": 4096,
    "l1_coefficient": 5.0,
    "expansion_factor": 8,
    "total_steps": 100_000,
}
LIMITS = {
    "learning_rate": (1e-6, 1e-1),
    "batch_size": (1, 65536),
    "l1_coefficient": (0.0, 100.0),
    "expansion_factor": (1, 128),
    "total_steps": (1, 10_000_000),
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_hyperparameters(values: dict) -> dict:
    merged = {**DEFAULTS, **values}
    for key, value in merged.items():
        if key not in LIMITS:
            raise ValidationError(f"hyperparameters.{key}", "unknown hyperparameter")
        low, high = LIMITS[key]
        if not low <= value <= high:
            raise ValidationError(f"hyperparameters.{key}", f"must be in [{low}, {high}]")
    return merged


class TrainingTemplateService:
    @staticmethod
    def create_template(session: Session, data: TemplateCreate) -> dict:
        data.validate()
        row = {
            "id": session.db.new_id("t"),
            "name": data.name,
            "description": data.description,
            "model_id": data.model_id,
            "dataset_id": data.dataset_id,
            "hyperparameters": check_hyperparameters(data.hyperparameters),
            "is_favorite": False,
            "created_at": _now(),
        }
        return session.insert("templates", row)

    @staticmethod
    def get_template(session: Session, template_id: str) -> dict | None:
        return session.get("templates", template_id)

    @staticmethod
    def get_template_by_name(session: Session, name: str) -> dict | None:
        found = session.select("templates", name=name)
        return found[0] if found else None

    @staticmethod
    def list_templates(
        session: Session,
        skip: int = 0,
        limit: int = 20,
        favorites_only: bool = False,
        model_id: str | None = None,
    ) -> tuple[list[dict], int]:
        rows = session.select("templates")
        if favorites_only:
            rows = [r for r in rows if r["is_favorite"]]
        if model_id:
            rows = [r for r in rows if r["model_id"] == model_id]
        rows.sort(key=lambda r: (not r["is_favorite"], r["name"]))
        return rows[skip : skip + limit], len(rows)

    @staticmethod
    def update_template(session: Session, template_id: str, changes: dict) -> dict | None:
        row = session.get("templates", template_id)
        if row is None:
            return None
        if "name" in changes:
            check_name(changes["name"])
        if "hyperparameters" in changes:
            changes = dict(changes, hyperparameters=check_hyperparameters(
                {**row["hyperparameters"], **changes["hyperparameters"]}))  # fmt: skip
        row.update(changes)
        return session.update("templates", row)

    @staticmethod
    def toggle_favorite(session: Session, template_id: str) -> dict | None:
        row = session.get("templates", template_id)
        if row is None:
            return None
        row["is_favorite"] = not row["is_favorite"]
        return session.update("templates", row)

    @staticmethod
    def duplicate_template(session: Session, template_id: str, new_name: str) -> dict | None:
        row = session.get("templates", template_id)
        if row is None:
            return None
        copy = TemplateCreate(
            name=new_name,
            model_id=row["model_id"],
            dataset_id=row["dataset_id"],
            hyperparameters=dict(row["hyperparameters"]),
            description=row["description"],
        )
        return TrainingTemplateService.create_template(session, copy)

    @staticmethod
    def delete_template(session: Session, template_id: str) -> bool:
        if session.get("templates", template_id) is None:
            return False
        session.delete("templates", template_id)
        return True

    @staticmethod
    def export_json(row: dict) -> str:
        return json.dumps({key: row[key] for key in ("name", "description", "hyperparameters")},
                          sort_keys=True, indent=2)  # fmt: skip

    @staticmethod
    def import_json(session: Session, text: str) -> dict:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValidationError("json", f"not JSON: {err.msg}") from None
        if not isinstance(data, dict) or "name" not in data:
            raise ValidationError("json", "expected an object with a name")
        existing = TrainingTemplateService.get_template_by_name(session, data["name"])
        if existing is not None:
            raise ValidationError("name", f"{data['name']!r} exists")
        template = TemplateCreate(
            name=data["name"],
            description=data.get("description", ""),
            hyperparameters=data.get("hyperparameters", {}),
        )
        return TrainingTemplateService.create_template(session, template)

    @staticmethod
    def reset_hyperparameters(session: Session, template_id: str) -> dict | None:
        row = session.get("templates", template_id)
        if row is None:
            return None
        row["hyperparameters"] = dict(DEFAULTS)
        return session.update("templates", row)

    @staticmethod
    def compare(first: dict, second: dict) -> dict[str, tuple]:
        return {
            key: (first["hyperparameters"].get(key), second["hyperparameters"].get(key))
            for key in sorted(set(first["hyperparameters"]) | set(second["hyperparameters"]))
            if first["hyperparameters"].get(key) != second["hyperparameters"].get(key)
        }

    @staticmethod
    def training_config(session: Session, template_id: str) -> dict:
        row = session.get("templates", template_id)
        if row is None:
            raise KeyError(template_id)
        if row["model_id"] is None or row["dataset_id"] is None:
            raise ValidationError("template", "bind a model and a dataset before training")
        model = session.get("models", row["model_id"])
        hidden = model["metadata"].get("hidden_size")
        if hidden is None:
            raise ValidationError("model", "architecture unknown: set hidden_size first")
        hp = row["hyperparameters"]
        return {
            "model_id": row["model_id"],
            "dataset_id": row["dataset_id"],
            "d_in": hidden,
            "d_sae": hidden * hp["expansion_factor"],
            **{key: hp[key] for key in ("learning_rate", "batch_size", "l1_coefficient", "total_steps")},
        }

    @staticmethod
    def templates_for_dataset(session: Session, dataset_id: str) -> list[dict]:
        return sorted(session.select("templates", dataset_id=dataset_id), key=lambda r: r["name"])

    @staticmethod
    def favorites(session: Session) -> list[dict]:
        return sorted(session.select("templates", is_favorite=True), key=lambda r: r["name"])

    @staticmethod
    def summary(row: dict) -> str:
        hp = row["hyperparameters"]
        tokens = hp["batch_size"] * hp["total_steps"]
        return f"{'* ' if row['is_favorite'] else ''}{row['name']}: {hp['expansion_factor']}x, lr {hp['learning_rate']:g}, {tokens:,} tokens"
