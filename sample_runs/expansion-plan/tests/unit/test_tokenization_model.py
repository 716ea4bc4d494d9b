import pytest

from featurelab.tokenization import DatasetTokenization


def test_new_tokenization_is_queued(store):
    assert store.create(1, "gpt2") == DatasetTokenization(1, "gpt2", "QUEUED", 0.0, 0)


def test_dataset_and_model_are_unique(store):
    store.create(1, "gpt2")
    with pytest.raises(ValueError, match="already tokenized"):
        store.create(1, "gpt2")


def test_a_dataset_has_one_tokenization_per_model(store):
    store.create(1, "gpt2")
    store.create(1, "llama")
    assert [row.model_id for row in store.for_dataset(1)] == ["gpt2", "llama"]


def test_update_sets_progress_and_status(store):
    store.create(1, "gpt2")
    store.update(1, "gpt2", progress=40.0, status="PROCESSING")
    assert (store.get(1, "gpt2").progress, store.get(1, "gpt2").status) == (40.0, "PROCESSING")


def test_queued_tokenization_can_be_cancelled(store):
    store.create(1, "gpt2")
    store.cancel(1, "gpt2")
    assert store.get(1, "gpt2").status == "CANCELLED"


def test_processing_tokenization_can_be_cancelled(store):
    store.create(1, "gpt2")
    store.update(1, "gpt2", progress=40.0, status="PROCESSING")
    store.cancel(1, "gpt2")
    assert store.get(1, "gpt2").status == "CANCELLED"


def test_failed_tokenization_cannot_be_cancelled(store):
    store.create(1, "gpt2")
    store.update(1, "gpt2", progress=40.0, status="ERROR")
    with pytest.raises(ValueError, match="status ERROR"):
        store.cancel(1, "gpt2")


def test_deleting_one_tokenization_keeps_the_others(store):
    store.create(1, "gpt2")
    store.create(1, "llama")
    store.delete(1, "gpt2")
    assert [row.model_id for row in store.for_dataset(1)] == ["llama"]


def test_tokenizations_of_other_datasets_are_apart(store):
    store.create(1, "gpt2")
    store.create(2, "gpt2")
    assert [row.dataset_id for row in store.for_dataset(2)] == [2]


# Schema change: written for the table before the migration: one tokenization per dataset,
# `tokenizer` on the row, statuses in lower case.
def test_create_with_tokenizer(store):
    assert store.create(1, tokenizer="gpt2").status == "QUEUED"


def test_row_with_tokenizer_field():
    assert DatasetTokenization(1, tokenizer="gpt2").dataset_id == 1


def test_row_names_its_tokenizer(store):
    assert store.create(1, "gpt2").tokenizer == "gpt2"


def test_get_by_dataset(store):
    store.create(1, "gpt2")
    assert store.get(1).model_id == "gpt2"


def test_num_tokens_by_dataset(store):
    store.create(1, "gpt2")
    assert store.get(1).num_tokens == 0


def test_update_by_dataset(store):
    store.create(1, "gpt2")
    store.update(1, progress=40.0, status="PROCESSING")
    assert store.get(1, "gpt2").progress == 40.0


def test_cancel_by_dataset(store):
    store.create(1, "gpt2")
    store.cancel(1)
    assert store.get(1, "gpt2").status == "CANCELLED"


def test_delete_by_dataset(store):
    store.create(1, "gpt2")
    store.delete(1)
    assert store.for_dataset(1) == []


def test_tokenization_is_one_per_dataset(store):
    store.create(1, "gpt2")
    store.create(1, "llama")
    assert len(store.for_dataset(1)) == 1


def test_second_model_replaces_the_first(store):
    store.create(1, "gpt2")
    store.create(1, "llama")
    assert store.for_dataset(1)[0].model_id == "llama"


def test_tokenization_status_is_lower_case(store):
    assert store.create(1, "gpt2").status == "queued"


def test_cancelled_tokenization_reads_cancelled(store):
    store.create(1, "gpt2")
    store.cancel(1, "gpt2")
    assert store.get(1, "gpt2").status == "cancelled"
