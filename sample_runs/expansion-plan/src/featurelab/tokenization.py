"""The dataset_tokenizations table: one tokenization per (dataset, model), since the migration
that moved `tokenizer` and `num_tokens` off the dataset."""

from __future__ import annotations

from dataclasses import dataclass

CANCELLABLE = ("QUEUED", "PROCESSING")


@dataclass
class DatasetTokenization:
    dataset_id: int
    model_id: str
    status: str = "QUEUED"
    progress: float = 0.0
    num_tokens: int = 0


class TokenizationStore:
    def __init__(self) -> None:
        self._rows: dict[tuple[int, str], DatasetTokenization] = {}

    def create(self, dataset_id: int, model_id: str) -> DatasetTokenization:
        if (dataset_id, model_id) in self._rows:
            raise ValueError(f"dataset {dataset_id} is already tokenized for {model_id}")
        row = self._rows[dataset_id, model_id] = DatasetTokenization(dataset_id, model_id)
        return row

    def get(self, dataset_id: int, model_id: str) -> DatasetTokenization:
        return self._rows[dataset_id, model_id]

    def for_dataset(self, dataset_id: int) -> list[DatasetTokenization]:
        return [row for (dataset, _), row in self._rows.items() if dataset == dataset_id]

    def update(self, dataset_id: int, model_id: str, progress: float, status: str) -> None:
        row = self.get(dataset_id, model_id)
        row.progress, row.status = progress, status

    def cancel(self, dataset_id: int, model_id: str) -> None:
        row = self.get(dataset_id, model_id)
        if row.status not in CANCELLABLE:
            raise ValueError(f"cannot cancel a tokenization in status {row.status}")
        row.status = "CANCELLED"

    def delete(self, dataset_id: int, model_id: str) -> None:
        del self._rows[dataset_id, model_id]
