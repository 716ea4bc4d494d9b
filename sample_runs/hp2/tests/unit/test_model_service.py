"""ModelService: create, read, list, update, progress, errors, metadata, delete, estimates."""

from __future__ import annotations

import pytest

from studio import events
from studio.db import IntegrityError
from studio.schemas import ModelCreate, ValidationError
from studio.services.model_service import ModelService


class TestCreateModel:
    """ModelService.create_model()."""

    def test_create_model_full_fields(self, session):
        data = ModelCreate(name="pythia-70m", repo_id="EleutherAI/pythia-70m", params_millions=70,
                           quantization="q8", metadata={"family": "pythia"})  # fmt: skip
        row = ModelService.create_model(session, data)
        assert row["id"] == "m_0001"
        assert row["quantization"] == "q8"
        assert row["params_millions"] == 70.0
        assert row["metadata"] == {"family": "pythia"}
        assert ModelService.get_model(session, row["id"]) == row

    def test_create_model_minimal_fields(self, make_model):
        row = make_model()
        assert row["status"] == "pending"
        assert row["progress"] == 0.0
        assert row["quantization"] == "fp16"
        assert row["error_message"] is None

    def test_create_model_rejects_bad_repo_id(self, session):
        with pytest.raises(ValidationError, match="repo_id"):
            ModelService.create_model(session, ModelCreate("x", "no-slash", 1.0))

    def test_create_model_with_hf_repo_field(self, session):
        data = ModelCreate(name="gpt2", hf_repo_id="openai/gpt2", params_millions=124)
        assert ModelService.create_model(session, data)["repo_id"] == "openai/gpt2"

    def test_create_model_duplicate_repo_is_refused(self, make_model):
        make_model()
        with pytest.raises(IntegrityError, match="repo_id"):
            make_model(name="gpt2-copy")


class TestGetModel:
    """ModelService.get_model() and get_model_by_repo()."""

    def test_get_model_by_id(self, make_model, session):
        row = make_model()
        assert ModelService.get_model(session, row["id"])["name"] == "gpt2-small"

    def test_get_model_not_found(self, session):
        assert ModelService.get_model(session, "m_9999") is None

    def test_get_model_by_repo(self, make_model, session):
        row = make_model()
        assert ModelService.get_model_by_repo(session, "openai/gpt2")["id"] == row["id"]
        assert ModelService.get_model_by_repo(session, "openai/gpt3") is None


class TestListModels:
    """ModelService.list_models()."""

    def test_list_models_empty(self, session):
        assert ModelService.list_models(session) == ([], 0)

    def test_list_models_pagination(self, make_model, session):
        for i in range(5):
            make_model(name=f"model-{i}", repo_id=f"org/model-{i}")
        page, total = ModelService.list_models(session, skip=2, limit=2, sort_by="name", order="asc")
        assert total == 5
        assert [r["name"] for r in page] == ["model-2", "model-3"]

    def test_list_models_search_and_status(self, make_model, session):
        make_model(name="gpt2-small", repo_id="openai/gpt2")
        other = make_model(name="pythia", repo_id="EleutherAI/pythia-70m")
        for progress in (40, 100):  # downloaded, so ready
            ModelService.update_progress(session, other["id"], progress)
        assert [r["name"] for r in ModelService.list_models(session, search="GPT")[0]] == ["gpt2-small"]
        assert [r["name"] for r in ModelService.list_models(session, status="ready")[0]] == ["pythia"]

    def test_list_models_sort_by_size(self, make_model, session):
        make_model(name="big", repo_id="org/big", params_millions=1000)
        make_model(name="small", repo_id="org/small", params_millions=10)
        page, _ = ModelService.list_models(session, sort_by="size", order="asc")
        assert [r["name"] for r in page] == ["small", "big"]

    def test_list_models_rejects_bad_sort(self, session):
        with pytest.raises(ValidationError, match="sort_by"):
            ModelService.list_models(session, sort_by="id")
        with pytest.raises(ValidationError, match="order"):
            ModelService.list_models(session, order="up")


class TestUpdateModel:
    """ModelService.update_model()."""

    def test_update_model_success(self, make_model, session):
        row = make_model()
        updated = ModelService.update_model(session, row["id"], {"name": "gpt2", "quantization": "q4"})
        assert (updated["name"], updated["quantization"]) == ("gpt2", "q4")

    def test_update_model_not_found(self, session):
        assert ModelService.update_model(session, "m_9999", {"name": "x"}) is None

    def test_update_model_refuses_repo_change(self, make_model, session):
        row = make_model()
        with pytest.raises(ValidationError, match="repo_id"):
            ModelService.update_model(session, row["id"], {"repo_id": "other/repo"})


class TestUpdateProgress:
    """ModelService.update_progress(): status transitions and progress events."""

    def test_first_progress_starts_download(self, make_model, session):
        row = make_model()
        updated = ModelService.update_progress(session, row["id"], 12.5)
        assert (updated["status"], updated["progress"]) == ("downloading", 12.5)
        assert events.SENT == [(f"models/{row['id']}", {"progress": 12.5, "status": "downloading"})]

    def test_complete_download_status_is_completed(self, make_model, session):
        row = make_model()
        ModelService.update_progress(session, row["id"], 100)
        assert ModelService.get_model(session, row["id"])["status"] == "completed"

    def test_progress_out_of_range_is_refused(self, make_model, session):
        row = make_model()
        with pytest.raises(ValidationError, match="progress"):
            ModelService.update_progress(session, row["id"], 101)
        assert ModelService.update_progress(session, "m_9999", 5) is None


class TestMarkError:
    """ModelService.mark_error() and retry_download()."""

    def test_mark_error_sets_status_and_message(self, make_model, session):
        row = make_model()
        failed = ModelService.mark_error(session, row["id"], "disk full")
        assert (failed["status"], failed["error_message"]) == ("error", "disk full")
        assert ModelService.mark_error(session, "m_9999", "x") is None

    def test_retry_download_resets_a_failed_model(self, make_model, session):
        row = make_model()
        ModelService.update_progress(session, row["id"], 40)
        ModelService.mark_error(session, row["id"], "timeout")
        retried = ModelService.retry_download(session, row["id"])
        assert (retried["status"], retried["progress"], retried["error_message"]) == ("pending", 0.0, None)
        assert ModelService.retry_download(session, "m_9999") is None
        with pytest.raises(ValidationError, match="status"):
            ModelService.retry_download(session, row["id"])


class TestModelMetadata:
    """ModelService.merge_metadata(), set_architecture() and hook_points()."""

    def test_merge_metadata_merges_nested_dicts(self, make_model, session):
        row = make_model(metadata={"tokenizer": {"vocab": 50257}, "license": "mit"})
        merged = ModelService.merge_metadata(session, row["id"], {"tokenizer": {"bos": 50256}, "license": "apache"})
        assert merged["metadata"] == {"tokenizer": {"vocab": 50257, "bos": 50256}, "license": "apache"}
        assert ModelService.merge_metadata(session, "m_9999", {}) is None

    def test_set_architecture_and_hook_points(self, make_model, session):
        row = make_model()
        assert ModelService.hook_points(row) == []
        updated = ModelService.set_architecture(session, row["id"], layers=2, hidden_size=768)
        assert ModelService.hook_points(updated) == ["blocks.0.hook_resid_post", "blocks.1.hook_resid_post"]
        assert ModelService.set_architecture(session, "m_9999", 1, 1) is None

    def test_set_architecture_rejects_zero_layers(self, make_model, session):
        row = make_model()
        with pytest.raises(ValidationError, match="architecture"):
            ModelService.set_architecture(session, row["id"], layers=0, hidden_size=768)


class TestDeleteModel:
    """ModelService.delete_model() and bulk_delete()."""

    def test_delete_model_success(self, make_model, session):
        row = make_model()
        assert ModelService.delete_model(session, row["id"]) is True
        assert ModelService.get_model(session, row["id"]) is None

    def test_delete_model_not_found(self, session):
        assert ModelService.delete_model(session, "m_9999") is False

    def test_delete_model_used_by_template_returns_false(self, make_model, make_template, session):
        row = make_model()
        make_template(model_id=row["id"])
        assert ModelService.delete_model(session, row["id"]) is False

    def test_bulk_delete_is_all_or_nothing(self, make_model, make_template, session):
        first = make_model(name="a", repo_id="org/a")
        second = make_model(name="b", repo_id="org/b")
        assert ModelService.bulk_delete(session, [first["id"], "m_9999"]) == [first["id"]]
        make_template(model_id=second["id"])
        third = make_model(name="c", repo_id="org/c")
        with pytest.raises(IntegrityError):
            ModelService.bulk_delete(session, [third["id"], second["id"]])
        assert ModelService.get_model(session, third["id"]) is not None


class TestModelEstimates:
    """ModelService.estimate_memory_gb(), count_by_status() and ready_models()."""

    def test_estimate_memory_by_quantization(self, make_model):
        assert ModelService.estimate_memory_gb(make_model(params_millions=1000)) == 2.24
        q4 = make_model(name="q4", repo_id="org/q4", params_millions=1000, quantization="q4")
        assert ModelService.estimate_memory_gb(q4, overhead=1.0) == 0.47

    def test_count_by_status_and_ready_models(self, make_model, session):
        a = make_model(name="b-model", repo_id="org/b")
        b = make_model(name="a-model", repo_id="org/a")
        make_model(name="c-model", repo_id="org/c")
        for row in (a, b):
            ModelService.update_progress(session, row["id"], 100)
        assert ModelService.count_by_status(session) == {
            "pending": 1, "downloading": 0, "loading": 0, "ready": 2, "error": 0}  # fmt: skip
        assert [r["name"] for r in ModelService.ready_models(session)] == ["a-model", "b-model"]
