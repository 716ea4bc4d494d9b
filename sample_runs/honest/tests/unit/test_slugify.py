import pytest

from slugkit import slugify


def test_words_are_lowercased_and_joined():
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  Sprint 6 -- review  ") == "sprint-6-review"


def test_accents_are_folded_and_other_scripts_dropped():
    assert slugify("Crème brûlée à Zürich") == "creme-brulee-a-zurich"
    assert slugify("日本 tokyo") == "tokyo"


def test_custom_separator():
    assert slugify("a b  c", sep="_") == "a_b_c"


def test_max_length_cuts_at_a_word_boundary():
    assert slugify("the quick brown fox", max_length=12) == "the-quick"
    assert slugify("abcdefghij", max_length=4) == "abcd"
    with pytest.raises(TypeError):
        slugify(None)
