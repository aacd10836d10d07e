"""The NKI arithmetic, worked out by hand: a respondent's index is 100 × (mean of the three − 1)
/ 9, a group's is the mean over respondents, rounded half up, with no figure below seven."""

import pytest

from feedback.nki import Band, band_of, group_factor, group_nki, respondent_index


def test_every_answer_highest_is_100_and_every_answer_lowest_is_0():
    assert respondent_index(10, 10, 10) == 100
    assert respondent_index(1, 1, 1) == 0


def test_a_mixed_respondent():
    # mean (8 + 7 + 9) / 3 = 8; 100 × 7 / 9 = 77.77…
    assert respondent_index(8, 7, 9) == pytest.approx(77.7778, abs=1e-4)


def test_a_respondent_who_skipped_one_of_the_three_has_no_index():
    assert respondent_index(9, None, 9) is None
    assert respondent_index(None, None, None) is None


def test_a_group_of_seven_is_the_rounded_mean_with_its_band():
    # Five all-10 (100 each), one 8/7/9 (77.78), one 1/1/1 (0): 577.78 / 7 = 82.54 -> 83.
    indices = [100.0] * 5 + [respondent_index(8, 7, 9), 0.0]
    figure = group_nki(sum(indices), 7, surveyed=10)  # type: ignore[arg-type]
    assert figure.value == 83
    assert figure.band == Band.VERY_HIGH
    assert figure.respondents == 7
    assert figure.response_rate == 70


def test_a_group_one_short_of_the_threshold_shows_too_few_answers():
    figure = group_nki(600.0, 6, surveyed=6)
    assert figure.too_few and figure.value is None and figure.band is None
    assert figure.respondents == 6


def test_half_is_rounded_up():
    assert group_nki(7 * 85.5, 7).value == 86
    assert group_nki(7 * 84.5, 7).value == 85


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (100, Band.VERY_HIGH),
        (81, Band.VERY_HIGH),
        (80, Band.HIGH),
        (70, Band.HIGH),
        (69, Band.APPROVED),
        (62, Band.APPROVED),
        (61, Band.LOW),
        (50, Band.LOW),
        (49, Band.VERY_LOW),
        (0, Band.VERY_LOW),
    ],
)
def test_bands_at_their_edges(value, band):
    assert band_of(value) == band


def test_factor_index_follows_the_same_threshold():
    assert group_factor(5.5, 7) == 50
    assert group_factor(10.0, 6) is None
    assert group_factor(None, 0) is None
