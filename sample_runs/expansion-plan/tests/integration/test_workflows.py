from featurelab.api import dataset_response, model_response, training_response
from featurelab.labels import Feature, display_label, needs_labeling


def test_tokenization_runs_from_queued_to_done(store, dataset_record):
    store.create(1, "gpt2")
    store.update(1, "gpt2", progress=40.0, status="PROCESSING")
    store.update(1, "gpt2", progress=100.0, status="COMPLETED")
    body = dataset_response(dataset_record, store)["data"]
    assert [t["status"] for t in body["tokenizations"]] == ["COMPLETED"]


def test_two_models_tokenize_one_dataset_apart(store, dataset_record):
    store.create(1, "gpt2")
    store.create(1, "llama")
    store.update(1, "llama", progress=40.0, status="PROCESSING")
    body = dataset_response(dataset_record, store)["data"]
    assert [t["status"] for t in body["tokenizations"]] == ["QUEUED", "PROCESSING"]


def test_cancelled_tokenization_is_reported(store, dataset_record):
    store.create(1, "gpt2")
    store.cancel(1, "gpt2")
    body = dataset_response(dataset_record, store)["data"]
    assert body["tokenizations"][0]["status"] == "CANCELLED"


def test_deleted_tokenization_disappears(store, dataset_record):
    store.create(1, "gpt2")
    store.delete(1, "gpt2")
    assert dataset_response(dataset_record, store)["data"]["tokenizations"] == []


def test_training_run_reports_progress_to_the_end():
    run = {"id": 3, "status": "completed", "step": 400, "total_steps": 400}
    assert training_response(run)["data"] == {"id": 3, "status": "COMPLETED", "progress": 100.0}


def test_training_run_that_overshoots_reports_one_hundred():
    run = {"id": 3, "status": "running", "step": 410, "total_steps": 400}
    assert training_response(run)["data"]["progress"] == 100.0


def test_new_model_has_no_extractions():
    model = {"id": "llama", "name": "Llama", "has_completed_extractions": False}
    assert model_response(model)["data"]["has_completed_extractions"] is False


def test_labeling_job_picks_unlabeled_features_only():
    features = [Feature(1), Feature(2, gpt_label="dates"), Feature(3, manual_label="years")]
    assert [f.id for f in features if needs_labeling(f)] == [1]


def test_manual_labels_override_the_labeling_job():
    feature = Feature(4, gpt_label="dates")
    feature.manual_label = "calendar years"
    assert display_label(feature) == "calendar years"


# Outdated fixtures: `model_record` lacks has_completed_extractions and `training_record` still
# says `steps` (see tests/conftest.py).
def test_model_is_listed_by_name(model_record):
    assert model_response(model_record)["data"]["name"] == "GPT-2"


def test_model_is_listed_by_id(model_record):
    assert model_response(model_record)["data"]["id"] == "gpt2"


def test_model_extraction_state_is_listed(model_record):
    assert model_response(model_record)["data"]["has_completed_extractions"] is False


def test_model_response_has_meta(model_record):
    assert model_response(model_record)["meta"] == {"api_version": 2}


def test_extraction_is_offered_for_new_models(model_record):
    body = model_response(model_record)["data"]
    assert body["has_completed_extractions"] is False


def test_extracted_model_is_flagged(model_record):
    model_record["has_extractions"] = True  # the field's name before API v2
    assert model_response(model_record)["data"]["has_completed_extractions"] is True


def test_model_listing_keys(model_record):
    keys = sorted(model_response(model_record)["data"])
    assert keys == ["has_completed_extractions", "id", "name"]


def test_renamed_model_is_listed(model_record):
    model_record["name"] = "GPT-2 small"
    assert model_response(model_record)["data"]["name"] == "GPT-2 small"


def test_training_progress_is_reported(training_record):
    assert training_response(training_record)["data"]["progress"] == 50.0


def test_training_status_is_reported(training_record):
    assert training_response(training_record)["data"]["status"] == "RUNNING"


def test_training_id_is_reported(training_record):
    assert training_response(training_record)["data"]["id"] == 7


def test_paused_training_keeps_its_progress(training_record):
    training_record["status"] = "paused"
    assert training_response(training_record)["data"]["progress"] == 50.0


def test_resumed_training_moves_on(training_record):
    training_record["step"] = 75
    assert training_response(training_record)["data"]["progress"] == 75.0


def test_stopped_training_is_reported(training_record):
    training_record["status"] = "stopped"
    assert training_response(training_record)["data"]["status"] == "STOPPED"


def test_completed_training_reaches_one_hundred(training_record):
    training_record["step"] = 100
    assert training_response(training_record)["data"]["progress"] == 100.0


def test_training_response_has_meta(training_record):
    assert training_response(training_record)["meta"] == {"api_version": 2}
