"""Model tasks: download a model's files in chunks, check them, and load the model on a GPU."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from studio.db import Session
from studio.services.model_service import ModelService

CHUNK_BYTES = 8 * 1024 * 1024
MODELS_DIR = Path(os.environ.get("STUDIO_MODELS_DIR", "/var/lib/studio/models"))


class DownloadError(Exception):
    pass


def model_dir(model: dict) -> Path:
    return MODELS_DIR / model["repo_id"].replace("/", "--")


def download_model(session: Session, model_id: str, hub, resume: bool = True) -> Path:
    model = ModelService.get_model(session, model_id)
    if model is None:
        raise DownloadError(f"no model {model_id}")
    target = model_dir(model)
    target.mkdir(parents=True, exist_ok=True)
    files = hub.list_files(model["repo_id"])
    total = sum(f["size"] for f in files) or 1
    done = 0
    for entry in files:
        path = target / entry["name"]
        offset = path.stat().st_size if resume and path.exists() else 0
        if offset >= entry["size"]:
            done += entry["size"]
            continue
        with open(path, "ab" if offset else "wb") as out:
            for chunk in hub.read(model["repo_id"], entry["name"], offset, CHUNK_BYTES):
                out.write(chunk)
                done += len(chunk)
                ModelService.update_progress(session, model_id, min(99.0, 100.0 * done / total))
        if entry.get("sha256") and sha256(path) != entry["sha256"]:
            path.unlink()
            ModelService.mark_error(session, model_id, f"checksum mismatch: {entry['name']}")
            raise DownloadError(entry["name"])
    ModelService.update_progress(session, model_id, 100.0)
    return target


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(block)
    return digest.hexdigest()


def load_model(session: Session, model_id: str, gpu) -> object:
    model = ModelService.get_model(session, model_id)
    if model is None or model["status"] != "ready":
        raise DownloadError(f"model {model_id} is not downloaded")
    needed = ModelService.estimate_memory_gb(model)
    free = gpu.free_memory_gb()
    if needed > free:
        ModelService.mark_error(session, model_id, f"needs {needed} GB, {free} GB free")
        raise MemoryError(needed)
    handle = gpu.load(model_dir(model), dtype=model["quantization"])
    layers = getattr(handle, "num_layers", None)
    hidden = getattr(handle, "hidden_size", None)
    if layers and hidden:
        ModelService.set_architecture(session, model_id, layers, hidden)
    return handle


def cleanup_partial(model: dict) -> int:
    removed = 0
    for path in model_dir(model).glob("*.partial"):
        path.unlink()
        removed += 1
    return removed
