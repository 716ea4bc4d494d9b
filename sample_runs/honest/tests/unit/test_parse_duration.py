import pytest

from slugkit import parse_duration


def test_single_units():
    assert parse_duration("45s") == 45
    assert parse_duration("3m") == 180
    assert parse_duration("2h") == 7200
    assert parse_duration("1w") == 604800


def test_combined_units_with_spaces_and_case():
    assert parse_duration("1h30m") == 5400
    assert parse_duration("2d 4H 5s") == 2 * 86400 + 4 * 3600 + 5


def test_bare_number_means_seconds():
    assert parse_duration("90") == 90
    assert parse_duration(" 0 ") == 0


def test_invalid_durations_are_rejected():
    for bad in ["", "h", "1x", "1h 2h", "5m 1h", "1.5h", "-3s"]:
        with pytest.raises(ValueError):
            parse_duration(bad)
