import pytest

from featurelab.progress import clamp, extraction_progress, tokenization_progress, training_progress


def test_training_progress_is_step_over_total():
    assert training_progress(50, 200) == 25.0


def test_training_progress_starts_at_zero():
    assert training_progress(0, 100) == 0.0


def test_training_progress_ends_at_one_hundred():
    assert training_progress(100, 100) == 100.0


def test_training_progress_is_clamped_on_overflow():
    assert training_progress(150, 100) == 100.0


def test_training_progress_with_zero_total_is_zero():
    assert training_progress(5, 0) == 0.0


def test_training_progress_with_negative_step_is_zero():
    assert training_progress(-5, 100) == 0.0


def test_clamp_keeps_values_in_bounds():
    assert (clamp(-1), clamp(42.5), clamp(101)) == (0.0, 42.5, 100.0)


def test_tokenization_starts_at_zero():
    assert tokenization_progress("queued") == 0


def test_tokenization_ends_at_one_hundred():
    assert tokenization_progress("done") == 100


def test_unknown_tokenization_stage_is_an_error():
    with pytest.raises(KeyError):
        tokenization_progress("compressing")


def test_extraction_midway_is_half():
    assert extraction_progress("extracting", 0.5) == 50.0


def test_extraction_saving_done_is_complete():
    assert extraction_progress("saving", 1.0) == 100.0


# Outdated assertions: written for the five-stage tokenization and the old extraction bands.
def test_tokenization_loading_stage():
    assert tokenization_progress("loading") == 25


def test_tokenization_tokenizing_stage():
    assert tokenization_progress("tokenizing") == 50


def test_tokenization_saving_stage():
    assert tokenization_progress("saving") == 75


def test_extraction_loading_done():
    assert extraction_progress("loading", 1.0) == 20.0


def test_extraction_starts_after_loading():
    assert extraction_progress("extracting", 0.0) == 20.0
