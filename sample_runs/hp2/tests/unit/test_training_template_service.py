"""TrainingTemplateService: create, read, list, update, favorites, duplicate, delete, configs."""

from __future__ import annotations

import pytest

from studio.db import IntegrityError
from studio.schemas import TemplateCreate, ValidationError
from studio.services.model_service import ModelService
from studio.services.training_template_service import DEFAULTS, TrainingTemplateService


class TestCreateTemplate:
    """TrainingTemplateService.create_template()."""

    def test_create_template_defaults(self, make_template):
        row = make_template()
        assert (row["id"], row["hyperparameters"], row["is_favorite"]) == ("t_0001", DEFAULTS, False)
        assert (row["model_id"], row["dataset_id"]) == (None, None)

    def test_create_template_bound_to_model_and_dataset(self, make_model, make_dataset, make_template):
        model, dataset = make_model(), make_dataset()
        row = make_template(model_id=model["id"], dataset_id=dataset["id"])
        assert (row["model_id"], row["dataset_id"]) == (model["id"], dataset["id"])

    def test_create_template_with_missing_model(self, make_template):
        row = make_template(model_id="m_0042")
        assert row["model_id"] == "m_0042"

    def test_create_template_with_missing_dataset(self, session):
        data = TemplateCreate(name="with-dataset", dataset_id="d_0007")
        assert TrainingTemplateService.create_template(session, data)["dataset_id"] == "d_0007"

    def test_create_template_custom_hyperparameters(self, make_template):
        row = make_template(hyperparameters={"lr": 1e-3, "batch_size": 2048})
        assert row["hyperparameters"]["learning_rate"] == 1e-3

    def test_create_template_rejects_long_description(self, make_template):
        with pytest.raises(ValidationError, match="description"):
            make_template(description="x" * 501)


class TestHyperparameters:
    """Limits on hyperparameters, at creation and update."""

    def test_learning_rate_upper_boundary(self, make_template):
        row = make_template(hyperparameters={"learning_rate": 0.5})
        assert row["hyperparameters"]["learning_rate"] == 0.5

    def test_batch_size_out_of_range_is_refused(self, make_template):
        with pytest.raises(ValidationError, match=r"batch_size: must be in \[1, 65536\]"):
            make_template(hyperparameters={"batch_size": 0})

    def test_update_merges_hyperparameters(self, make_template, session):
        row = make_template(hyperparameters={"l1_coefficient": 2.0})
        updated = TrainingTemplateService.update_template(session, row["id"], {"hyperparameters": {"batch_size": 1024}})
        assert (updated["hyperparameters"]["l1_coefficient"], updated["hyperparameters"]["batch_size"]) == (2.0, 1024)

    def test_reset_hyperparameters(self, make_template, session):
        row = make_template(hyperparameters={"total_steps": 10})
        assert TrainingTemplateService.reset_hyperparameters(session, row["id"])["hyperparameters"] == DEFAULTS
        assert TrainingTemplateService.reset_hyperparameters(session, "t_9999") is None


class TestGetTemplate:
    """TrainingTemplateService.get_template() and get_template_by_name()."""

    def test_get_template_by_id_and_name(self, make_template, session):
        row = make_template()
        assert TrainingTemplateService.get_template(session, row["id"]) == row
        assert TrainingTemplateService.get_template_by_name(session, "baseline-8x") == row

    def test_get_template_not_found(self, session):
        assert TrainingTemplateService.get_template(session, "t_9999") is None
        assert TrainingTemplateService.get_template_by_name(session, "missing") is None


class TestListTemplates:
    """TrainingTemplateService.list_templates() and templates_for_dataset()."""

    def test_list_templates_favorites_first(self, make_template, session):
        make_template(name="b")
        fav = make_template(name="c")
        make_template(name="a")
        TrainingTemplateService.toggle_favorite(session, fav["id"])
        page, total = TrainingTemplateService.list_templates(session)
        assert (total, [r["name"] for r in page]) == (3, ["c", "a", "b"])

    def test_list_templates_sorted_by_creation(self, make_template, session):
        for name in ("second-try", "first-try"):
            make_template(name=name)
        page, _ = TrainingTemplateService.list_templates(session)
        assert [r["name"] for r in page] == ["second-try", "first-try"]

    def test_list_templates_filters(self, make_model, make_dataset, make_template, session):
        model, dataset = make_model(), make_dataset()
        bound = make_template(name="bound", model_id=model["id"], dataset_id=dataset["id"])
        make_template(name="free")
        assert TrainingTemplateService.list_templates(session, model_id=model["id"]) == ([bound], 1)
        assert TrainingTemplateService.list_templates(session, favorites_only=True) == ([], 0)
        assert TrainingTemplateService.templates_for_dataset(session, dataset["id"]) == [bound]


class TestUpdateTemplate:
    """TrainingTemplateService.update_template() and toggle_favorite()."""

    def test_update_template_name(self, make_template, session):
        row = make_template()
        assert TrainingTemplateService.update_template(session, row["id"], {"name": "wide-32x"})["name"] == "wide-32x"

    def test_update_template_not_found(self, session):
        assert TrainingTemplateService.update_template(session, "t_9999", {"name": "x"}) is None
        assert TrainingTemplateService.toggle_favorite(session, "t_9999") is None

    def test_update_template_rejects_bad_name(self, make_template, session):
        row = make_template()
        with pytest.raises(ValidationError, match="name"):
            TrainingTemplateService.update_template(session, row["id"], {"name": ""})

    def test_toggle_favorite_twice(self, make_template, session):
        row = make_template()
        assert TrainingTemplateService.toggle_favorite(session, row["id"])["is_favorite"] is True
        assert TrainingTemplateService.toggle_favorite(session, row["id"])["is_favorite"] is False


class TestDuplicateTemplate:
    """TrainingTemplateService.duplicate_template() and compare()."""

    def test_duplicate_template_copies_settings(self, make_template, session):
        row = make_template(hyperparameters={"expansion_factor": 32}, description="wide")
        copy = TrainingTemplateService.duplicate_template(session, row["id"], "wide-copy")
        assert (copy["hyperparameters"], copy["description"]) == (row["hyperparameters"], "wide")
        assert TrainingTemplateService.compare(row, copy) == {}
        assert TrainingTemplateService.duplicate_template(session, "t_9999", "x") is None

    def test_duplicate_template_keeps_favorite(self, make_template, session):
        row = make_template()
        TrainingTemplateService.toggle_favorite(session, row["id"])
        assert TrainingTemplateService.duplicate_template(session, row["id"], "copy")["is_favorite"] is True

    def test_compare_lists_differences(self, make_template):
        a = make_template(name="a", hyperparameters={"l1_coefficient": 1.0})
        b = make_template(name="b", hyperparameters={"l1_coefficient": 8.0})
        assert TrainingTemplateService.compare(a, b) == {"l1_coefficient": (1.0, 8.0)}


class TestDeleteTemplate:
    """TrainingTemplateService.delete_template()."""

    def test_delete_template(self, make_template, session):
        row = make_template()
        assert TrainingTemplateService.delete_template(session, row["id"]) is True
        assert TrainingTemplateService.delete_template(session, row["id"]) is False

    def test_delete_template_then_its_model(self, make_model, make_template, session):
        model = make_model()
        row = make_template(model_id=model["id"])
        with pytest.raises(IntegrityError):
            ModelService.delete_model(session, model["id"])
        TrainingTemplateService.delete_template(session, row["id"])
        assert ModelService.delete_model(session, model["id"]) is True


class TestTrainingConfig:
    """TrainingTemplateService.training_config()."""

    def test_training_config_from_bound_template(self, make_model, make_dataset, make_template, session):
        model, dataset = make_model(), make_dataset()
        ModelService.set_architecture(session, model["id"], layers=12, hidden_size=768)
        row = make_template(model_id=model["id"], dataset_id=dataset["id"], hyperparameters={"expansion_factor": 4})
        config = TrainingTemplateService.training_config(session, row["id"])
        assert (config["d_in"], config["d_sae"], config["batch_size"]) == (768, 3072, 4096)

    def test_training_config_refuses_unbound_or_unknown(self, make_model, make_dataset, make_template, session):
        with pytest.raises(KeyError):
            TrainingTemplateService.training_config(session, "t_9999")
        with pytest.raises(ValidationError, match="bind a model"):
            TrainingTemplateService.training_config(session, make_template(name="free")["id"])
        model, dataset = make_model(), make_dataset()
        bound = make_template(name="bound", model_id=model["id"], dataset_id=dataset["id"])
        with pytest.raises(ValidationError, match="hidden_size"):
            TrainingTemplateService.training_config(session, bound["id"])

    def test_summary_and_favorites(self, make_template, session):
        row = make_template(hyperparameters={"batch_size": 1024, "total_steps": 1000})
        assert TrainingTemplateService.summary(row) == "baseline-8x: 8x, lr 0.0003, 1,024,000 tokens"
        TrainingTemplateService.toggle_favorite(session, row["id"])
        (favorite,) = TrainingTemplateService.favorites(session)
        assert TrainingTemplateService.summary(favorite).startswith("* baseline-8x: ")
