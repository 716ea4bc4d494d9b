"""Write a batch's results to `<folder>/<batch_id>.jsonl`, one JSON object a line."""

from __future__ import annotations

import json
from pathlib import Path

from workerkit.result_handlers.base import ResultHandler


class JsonlFileHandler(ResultHandler):
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path_for(self, batch_id: str) -> Path:
        return self.folder / f"{batch_id}.jsonl"

    def handle(self, batch_id: str, results: list[dict]) -> None:
        path = self.path_for(batch_id)
        if path.exists():
            raise FileExistsError(f"results for {batch_id} already written to {path.name}")
        self.folder.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(result, sort_keys=True) for result in results]
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
