"""Fixtures for the service tests: a fresh in-memory database per test, and row factories."""

from __future__ import annotations

import pytest

from studio import db, events
from studio.schemas import DatasetCreate, ModelCreate, TemplateCreate
from studio.services.dataset_service import DatasetService
from studio.services.model_service import ModelService
from studio.services.training_template_service import TrainingTemplateService


@pytest.fixture
def session():
    """A session on an empty database; progress events start empty too."""
    events.SENT.clear()
    return db.connect()


@pytest.fixture
def make_model(session):
    def make(name="gpt2-small", repo_id="openai/gpt2", params_millions=124.0, **extra):
        data = ModelCreate(name=name, repo_id=repo_id, params_millions=params_millions, **extra)
        return ModelService.create_model(session, data)

    return make


@pytest.fixture
def make_dataset(session):
    def make(name="openwebtext-10k", source="hf://stas/openwebtext-10k", **extra):
        return DatasetService.create_dataset(session, DatasetCreate(name=name, source=source, **extra))

    return make


@pytest.fixture
def make_template(session):
    def make(name="baseline-8x", **extra):
        return TrainingTemplateService.create_template(session, TemplateCreate(name=name, **extra))

    return make
