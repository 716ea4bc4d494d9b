"""Dataset tasks: download samples, tokenize them and write token shards."""

from __future__ import annotations

import json
import os
from pathlib import Path

from studio.db import Session
from studio.services.dataset_service import DatasetService

SHARD_TOKENS = 1_000_000
DATA_DIR = Path(os.environ.get("STUDIO_DATA_DIR", "/var/lib/studio/datasets"))


def dataset_dir(dataset: dict) -> Path:
    return DATA_DIR / dataset["id"]


def download_dataset(session: Session, dataset_id: str, hub) -> Path:
    dataset = DatasetService.get_dataset(session, dataset_id)
    if dataset is None:
        raise KeyError(dataset_id)
    target = dataset_dir(dataset)
    target.mkdir(parents=True, exist_ok=True)
    out_path = target / "samples.jsonl"
    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for sample in hub.iter_samples(dataset["source"], split=dataset["split"]):
            text = sample.get("text")
            if not text:
                continue
            out.write(json.dumps({"text": text}) + "\n")
            count += 1
            if count % 1000 == 0:
                DatasetService.update_progress(session, dataset_id, 40.0, "downloading")
    if count == 0:
        DatasetService.mark_error(session, dataset_id, "the source has no text samples")
        raise ValueError("empty dataset")
    return out_path


def tokenize_dataset(session: Session, dataset_id: str, tokenizer, max_length: int = 1024) -> list[Path]:
    dataset = DatasetService.get_dataset(session, dataset_id)
    source = dataset_dir(dataset) / "samples.jsonl"
    shards: list[Path] = []
    buffer: list[int] = []
    lengths: list[int] = []
    with open(source, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            tokens = tokenizer.encode(json.loads(line)["text"])[:max_length]
            lengths.append(len(tokens))
            buffer.extend(tokens)
            if len(buffer) >= SHARD_TOKENS:
                shards.append(write_shard(dataset, len(shards), buffer[:SHARD_TOKENS]))
                buffer = buffer[SHARD_TOKENS:]
            if number % 5000 == 0:
                DatasetService.update_progress(session, dataset_id, 50.0 + min(49.0, number / 1000), "processing")
    if buffer:
        shards.append(write_shard(dataset, len(shards), buffer))
    DatasetService.record_statistics(session, dataset_id, lengths)
    DatasetService.update_progress(session, dataset_id, 100.0, "ready")
    return shards


def write_shard(dataset: dict, index: int, tokens: list[int]) -> Path:
    path = dataset_dir(dataset) / f"tokens-{index:05d}.bin"
    with open(path, "wb") as out:
        for token in tokens:
            out.write(int(token).to_bytes(4, "little"))
    return path


def read_shard(path: Path) -> list[int]:
    data = path.read_bytes()
    return [int.from_bytes(data[i : i + 4], "little") for i in range(0, len(data), 4)]
