"""DatasetService: create, read, list, update, progress, errors, statistics, metadata, delete."""

from __future__ import annotations

import pytest

from studio import events
from studio.db import IntegrityError
from studio.schemas import DatasetCreate, ValidationError
from studio.services.dataset_service import DatasetService


class TestCreateDataset:
    """DatasetService.create_dataset()."""

    def test_create_dataset_full_fields(self, session):
        data = DatasetCreate(name="tinystories", source="hf://roneneldan/TinyStories",
                             split="validation", metadata={"language": "en"})  # fmt: skip
        row = DatasetService.create_dataset(session, data)
        assert (row["id"], row["split"], row["metadata"]) == ("d_0001", "validation", {"language": "en"})
        assert (row["status"], row["num_samples"], row["num_tokens"]) == ("pending", None, None)

    def test_create_dataset_minimal_fields(self, make_dataset):
        row = make_dataset()
        assert (row["split"], row["progress"], row["metadata"]) == ("train", 0.0, {})

    def test_create_dataset_from_local_file(self, make_dataset):
        assert make_dataset(name="local", source="file:///data/corpus.jsonl")["source"] == "file:///data/corpus.jsonl"

    def test_create_dataset_from_hub_url(self, make_dataset):
        row = make_dataset(name="pile", source="https://huggingface.co/datasets/monology/pile-uncopyrighted")
        assert row["status"] == "pending"

    def test_create_dataset_rejects_unknown_split(self, make_dataset):
        with pytest.raises(ValidationError, match="split"):
            make_dataset(split="dev")

    def test_create_dataset_duplicate_name_is_refused(self, make_dataset):
        make_dataset()
        with pytest.raises(IntegrityError, match="name"):
            make_dataset(source="hf://other/copy")


class TestGetDataset:
    """DatasetService.get_dataset(), get_dataset_by_name() and find_by_source()."""

    def test_get_dataset_by_id(self, make_dataset, session):
        row = make_dataset()
        assert DatasetService.get_dataset(session, row["id"]) == row

    def test_get_dataset_not_found(self, session):
        assert DatasetService.get_dataset(session, "d_9999") is None
        assert DatasetService.get_dataset_by_name(session, "missing") is None

    def test_get_dataset_by_name(self, make_dataset, session):
        row = make_dataset()
        assert DatasetService.get_dataset_by_name(session, "openwebtext-10k")["id"] == row["id"]

    def test_find_by_source(self, make_dataset, session):
        a = make_dataset(name="owt-train")
        b = make_dataset(name="owt-test", split="test")
        found = DatasetService.find_by_source(session, "hf://stas/openwebtext-10k")
        assert [r["id"] for r in found] == [a["id"], b["id"]]


class TestListDatasets:
    """DatasetService.list_datasets()."""

    def test_list_datasets_empty(self, session):
        assert DatasetService.list_datasets(session) == ([], 0)

    def test_list_datasets_pagination(self, make_dataset, session):
        for i in range(4):
            make_dataset(name=f"set-{i}", source=f"hf://org/set-{i}")
        page, total = DatasetService.list_datasets(session, skip=1, limit=2, sort_by="name", order="asc")
        assert (total, [r["name"] for r in page]) == (4, ["set-1", "set-2"])

    def test_list_datasets_search(self, make_dataset, session):
        make_dataset(name="stories", source="hf://roneneldan/TinyStories")
        make_dataset(name="code", source="hf://bigcode/the-stack-smol")
        assert [r["name"] for r in DatasetService.list_datasets(session, search="STACK")[0]] == ["code"]

    def test_list_datasets_filter_by_status(self, make_dataset, session):
        row = make_dataset(name="done")
        make_dataset(name="waiting", source="hf://org/waiting")
        DatasetService.update_progress(session, row["id"], 100, "ready")
        assert [r["name"] for r in DatasetService.list_datasets(session, status="ready")[0]] == ["done"]

    def test_list_datasets_sort_by_samples_puts_unknown_last(self, make_dataset, session):
        small = make_dataset(name="small", source="hf://org/small")
        make_dataset(name="unknown", source="hf://org/unknown")
        big = make_dataset(name="big", source="hf://org/big")
        DatasetService.record_statistics(session, small["id"], [5, 5])
        DatasetService.record_statistics(session, big["id"], [5, 5, 5])
        page, _ = DatasetService.list_datasets(session, sort_by="num_samples", order="desc")
        assert [r["name"] for r in page] == ["big", "small", "unknown"]

    def test_list_datasets_rejects_bad_sort(self, session):
        with pytest.raises(ValidationError, match="sort_by"):
            DatasetService.list_datasets(session, sort_by="source")
        with pytest.raises(ValidationError, match="order"):
            DatasetService.list_datasets(session, order="random")


class TestUpdateDataset:
    """DatasetService.update_dataset()."""

    def test_update_dataset_success(self, make_dataset, session):
        row = make_dataset()
        updated = DatasetService.update_dataset(session, row["id"], {"name": "owt", "split": "test"})
        assert (updated["name"], updated["split"]) == ("owt", "test")

    def test_update_dataset_not_found(self, session):
        assert DatasetService.update_dataset(session, "d_9999", {"name": "x"}) is None

    def test_update_dataset_refuses_source_and_bad_name(self, make_dataset, session):
        row = make_dataset()
        with pytest.raises(ValidationError, match="source"):
            DatasetService.update_dataset(session, row["id"], {"source": "hf://a/b"})
        with pytest.raises(ValidationError, match="name"):
            DatasetService.update_dataset(session, row["id"], {"name": "-bad"})


class TestDatasetProgress:
    """DatasetService.update_progress(): statuses and progress events."""

    def test_update_progress_downloading(self, make_dataset, session):
        row = make_dataset()
        updated = DatasetService.update_progress(session, row["id"], 30, "downloading")
        assert (updated["status"], updated["progress"]) == ("downloading", 30.0)
        assert events.SENT == [(f"datasets/{row['id']}", {"progress": 30.0, "status": "downloading"})]

    def test_update_progress_tokenizing_status(self, make_dataset, session):
        row = make_dataset()
        assert DatasetService.update_progress(session, row["id"], 60, "tokenizing")["status"] == "tokenizing"

    def test_update_progress_ready_cannot_go_back(self, make_dataset, session):
        row = make_dataset()
        DatasetService.update_progress(session, row["id"], 100, "ready")
        with pytest.raises(ValidationError, match="status"):
            DatasetService.update_progress(session, row["id"], 50, "processing")
        assert DatasetService.update_progress(session, "d_9999", 1, "downloading") is None


class TestDatasetErrors:
    """DatasetService.mark_error() and fail_unfinished()."""

    def test_mark_error(self, make_dataset, session):
        row = make_dataset()
        failed = DatasetService.mark_error(session, row["id"], "404 from the hub")
        assert (failed["status"], failed["error_message"]) == ("error", "404 from the hub")
        assert DatasetService.mark_error(session, "d_9999", "x") is None

    def test_fail_unfinished_after_a_worker_crash(self, make_dataset, session):
        a = make_dataset(name="a", source="hf://org/a")
        b = make_dataset(name="b", source="hf://org/b")
        c = make_dataset(name="c", source="hf://org/c")
        DatasetService.update_progress(session, a["id"], 10, "downloading")
        DatasetService.update_progress(session, b["id"], 100, "ready")
        DatasetService.update_progress(session, c["id"], 70, "processing")
        assert DatasetService.fail_unfinished(session, "worker lost") == [a["id"], c["id"]]
        assert DatasetService.get_dataset(session, b["id"])["status"] == "ready"


class TestDatasetStatistics:
    """DatasetService.record_statistics(), tokens_per_sample() and split_sizes()."""

    def test_record_statistics(self, make_dataset, session):
        row = make_dataset()
        stats = DatasetService.record_statistics(session, row["id"], [30, 10, 20])
        assert (stats["num_samples"], stats["num_tokens"]) == (3, 60)
        assert stats["metadata"] == {"min_length": 10, "max_length": 30, "median_length": 20}
        assert DatasetService.tokens_per_sample(stats) == 20.0
        assert DatasetService.record_statistics(session, "d_9999", [1]) is None

    def test_record_statistics_median_of_even_count(self, make_dataset, session):
        row = make_dataset()
        stats = DatasetService.record_statistics(session, row["id"], [10, 20, 30, 40])
        assert stats["metadata"]["median_length"] == 25

    def test_record_statistics_refuses_empty_and_unknown(self, make_dataset, session):
        row = make_dataset()
        assert DatasetService.tokens_per_sample(row) is None
        with pytest.raises(ValidationError, match="lengths"):
            DatasetService.record_statistics(session, row["id"], [])

    def test_split_sizes(self, make_dataset, session):
        row = make_dataset()
        with pytest.raises(ValidationError, match="num_samples"):
            DatasetService.split_sizes(row, {"train": 1.0})
        row = DatasetService.record_statistics(session, row["id"], [1] * 101)
        assert DatasetService.split_sizes(row, {"train": 0.9, "validation": 0.1}) == {"train": 91, "validation": 10}
        with pytest.raises(ValidationError, match="ratios"):
            DatasetService.split_sizes(row, {"train": 0.9})


class TestDatasetMetadata:
    """DatasetService.merge_metadata()."""

    def test_merge_metadata(self, make_dataset, session):
        row = make_dataset(metadata={"language": "en"})
        merged = DatasetService.merge_metadata(session, row["id"], {"license": "odc-by"})
        assert merged["metadata"] == {"language": "en", "license": "odc-by"}
        assert DatasetService.merge_metadata(session, "d_9999", {}) is None


class TestDeleteDataset:
    """DatasetService.delete_dataset() and ready_datasets()."""

    def test_delete_dataset_success(self, make_dataset, session):
        row = make_dataset()
        assert DatasetService.delete_dataset(session, row["id"]) is True
        assert DatasetService.delete_dataset(session, row["id"]) is False

    def test_delete_dataset_used_by_template_is_refused(self, make_dataset, make_template, session):
        row = make_dataset()
        make_template(dataset_id=row["id"])
        with pytest.raises(IntegrityError, match="dataset_id"):
            DatasetService.delete_dataset(session, row["id"])

    def test_ready_datasets_sorted_by_name(self, make_dataset, session):
        for name in ("zeta", "alpha"):
            row = make_dataset(name=name, source=f"hf://org/{name}")
            DatasetService.update_progress(session, row["id"], 100, "ready")
        make_dataset(name="beta", source="hf://org/beta")
        assert [r["name"] for r in DatasetService.ready_datasets(session)] == ["alpha", "zeta"]


class TestDatasetCounts:
    """DatasetService.count_by_status()."""

    def test_count_by_status(self, make_dataset, session):
        row = make_dataset()
        make_dataset(name="other", source="hf://org/other")
        DatasetService.update_progress(session, row["id"], 5, "downloading")
        assert DatasetService.count_by_status(session) == {
            "pending": 1, "downloading": 1, "processing": 0, "ready": 0, "error": 0}  # fmt: skip
