from featurelab.api import dataset_response, model_response, training_response

TRAINING = {"id": 7, "status": "running", "step": 50, "total_steps": 200}
MODEL = {"id": "gpt2", "name": "GPT-2", "has_completed_extractions": True}


def test_training_body_is_an_envelope():
    assert training_response(TRAINING)["data"] == {"id": 7, "status": "RUNNING", "progress": 25.0}


def test_responses_carry_the_api_version():
    assert training_response(TRAINING)["meta"] == {"api_version": 2}


def test_model_body_says_whether_extractions_completed():
    assert model_response(MODEL)["data"]["has_completed_extractions"] is True


def test_dataset_lists_its_tokenizations(store, dataset_record):
    store.create(1, "gpt2")
    body = dataset_response(dataset_record, store)["data"]
    assert body["tokenizations"] == [{"model_id": "gpt2", "status": "QUEUED", "num_tokens": 0}]


def test_dataset_without_tokenizations_lists_none(store, dataset_record):
    assert dataset_response(dataset_record, store)["data"]["tokenizations"] == []


# Changed API contract: written for API v1, whose bodies were the bare objects, statuses lower case.
def test_training_status():
    assert training_response(TRAINING)["status"] == "running"


def test_training_progress():
    assert training_response(TRAINING)["progress"] == 25.0


def test_training_id():
    assert training_response(TRAINING)["id"] == 7


def test_training_status_is_lower_case():
    assert training_response(TRAINING)["data"]["status"] == "running"


def test_training_body_has_no_envelope():
    assert "data" not in training_response(TRAINING)


def test_training_body_keys():
    assert sorted(training_response(TRAINING)) == ["id", "progress", "status"]


def test_model_name():
    assert model_response(MODEL)["name"] == "GPT-2"


def test_model_id():
    assert model_response(MODEL)["id"] == "gpt2"


def test_model_extractions_flag():
    assert model_response(MODEL)["has_completed_extractions"] is True


def test_model_body_keys():
    assert sorted(model_response(MODEL)) == ["has_completed_extractions", "id", "name"]


def test_dataset_name(store, dataset_record):
    assert dataset_response(dataset_record, store)["name"] == "openwebtext-10k"


def test_dataset_id(store, dataset_record):
    assert dataset_response(dataset_record, store)["id"] == 1


def test_dataset_tokenizations(store, dataset_record):
    assert dataset_response(dataset_record, store)["tokenizations"] == []


def test_dataset_tokenization_status(store, dataset_record):
    store.create(1, "gpt2")
    body = dataset_response(dataset_record, store)["data"]
    assert body["tokenizations"][0]["status"] == "queued"


def test_dataset_tokenization_names_its_tokenizer(store, dataset_record):
    store.create(1, "gpt2")
    body = dataset_response(dataset_record, store)["data"]
    assert body["tokenizations"][0]["tokenizer"] == "gpt2"


def test_meta_is_absent():
    assert "meta" not in model_response(MODEL)
