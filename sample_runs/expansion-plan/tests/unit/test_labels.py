from featurelab.labels import Feature, display_label, needs_labeling


def test_manual_label_is_shown():
    assert display_label(Feature(1, manual_label="negation")) == "negation"


def test_gpt_label_is_shown_without_a_manual_one():
    assert display_label(Feature(1, gpt_label="negation words")) == "negation words"


def test_unlabeled_feature_shows_nothing():
    assert display_label(Feature(1)) is None


def test_unlabeled_feature_needs_labeling():
    assert needs_labeling(Feature(1)) is True


def test_gpt_labeled_feature_needs_no_labeling():
    assert needs_labeling(Feature(1, gpt_label="dates")) is False


# Outdated assertions: from before the dual-label system, when the GPT label won.
def test_gpt_label_wins_over_manual():
    assert display_label(Feature(1, gpt_label="dates", manual_label="years")) == "dates"


def test_manually_labeled_feature_still_needs_gpt_label():
    assert needs_labeling(Feature(1, manual_label="years")) is True


def test_empty_manual_label_counts_as_a_label():
    assert display_label(Feature(1, gpt_label="dates", manual_label="")) == ""
