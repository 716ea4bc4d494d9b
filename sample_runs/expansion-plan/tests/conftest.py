import pytest

from featurelab.tokenization import TokenizationStore


# Outdated since the model fixtures were last touched: no `has_completed_extractions` (task 1.3).
@pytest.fixture
def model_record():
    return {"id": "gpt2", "name": "GPT-2"}


# Outdated: training runs have said `total_steps` since API v2, not `steps` (task 1.3).
@pytest.fixture
def training_record():
    return {"id": 7, "status": "running", "step": 50, "steps": 100}


@pytest.fixture
def dataset_record():
    return {"id": 1, "name": "openwebtext-10k"}


@pytest.fixture
def store():
    return TokenizationStore()
