"""The audit's statistics by hand and against the standard library: blanks, the minimum, comparison."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.behaviours_audit import stats
from partnerdesk.behaviours_audit.stats import compare, question_result, round_results

# -- statistics by hand ----------------------------------------------------------------------


def test_question_statistics_ignore_blanks():
    result = question_result(1, "Q", [4, None, 6, 8, None, 2])
    assert result.n == 4
    assert result.mean == pytest.approx(5.0)
    assert result.median == pytest.approx(5.0)  # (4 + 6) / 2
    assert (result.minimum, result.maximum) == (2, 8)
    assert result.sd == pytest.approx(5 ** 0.5)  # deviations 1, 1, 3, 3: variance 20/4
    assert result.spread == "2–8 (sd 2.24)"


def test_blank_never_counts_as_zero():
    assert question_result(1, "Q", [None, 10, None]).mean == 10
    nobody = question_result(1, "Q", [None, None])
    assert nobody.n == 0 and nobody.mean is None and nobody.spread == "—"


def test_overall_is_the_mean_of_question_means_and_lowest_are_marked():
    results = round_results(["a", "b", "c"], [[9, 9, None], [2, 4, 6], [5, 7, 6]], responses=3,
                            minimum_responses=2)
    assert [q.mean for q in results.questions] == [9, 4, 6]
    assert results.overall == pytest.approx((9 + 4 + 6) / 3)  # not the mean of all 8 answers
    assert [q.position for q in results.lowest] == [2, 3]
    assert not results.withheld


def test_ties_at_the_cut_off_are_all_marked():
    results = round_results(list("abcd"), [[1, 1, 1], [5, 5, 5], [5, 5, 5], [9, 9, 9]], responses=3)
    assert [q.position for q in results.lowest] == [1, 2, 3]


def test_results_are_withheld_below_the_minimum():
    results = round_results(["a"], [[3, 9]], responses=2, minimum_responses=3)
    assert results.withheld
    assert results.overall is None and results.questions[0].mean is None
    assert "at least 3" in results.withheld_message and "1 more" in results.withheld_message
    assert not round_results(["a"], [[3, 9, 4]], responses=3, minimum_responses=3).withheld
    assert round_results(["a"], [[3, 9, 4]], responses=3, minimum_responses=4).withheld


def test_comparison_per_question_overall_and_most_moved():
    before = round_results(["a", "b", "c"], [[4, 6, 5], [2, 2, 2], [8, 8, 8]], responses=3)
    after = round_results(["a", "b", "c"], [[6, 6, 6], [7, 8, 9], [7, 7, 7]], responses=3)
    result = compare(before, after)
    assert [c.change for c in result.changes] == pytest.approx([1.0, 6.0, -1.0])
    assert result.overall_change == pytest.approx((6 + 8 + 7) / 3 - (5 + 2 + 8) / 3)
    assert [c.position for c in result.most_moved(2)] == [2, 1]  # ties: first question first
    assert stats.fmt_change(-1.0) == "−1.00"


def test_comparison_is_withheld_if_either_round_is():
    before = round_results(["a"], [[4, 6]], responses=2)
    after = round_results(["a"], [[6, 6, 6]], responses=3)
    result = compare(before, after)
    assert result.withheld and "first round" in result.withheld and result.overall_change is None


# -- property: the statistics agree with the standard library --------------------------------



@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=80))
def test_statistics_agree_with_the_standard_library(scores):
    import statistics

    result = question_result(1, "Q", scores)
    answered = [s for s in scores if s is not None]
    assert result.n == len(answered)
    if answered:
        assert result.mean == pytest.approx(statistics.fmean(answered))
        assert result.median == pytest.approx(statistics.median(answered))
        assert result.sd == pytest.approx(statistics.pstdev(answered), abs=1e-9)
        assert 0 <= result.minimum <= result.mean <= result.maximum <= 10
    else:
        assert result.mean is None
