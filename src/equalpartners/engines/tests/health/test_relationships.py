"""Trust and value scores on the hand-computed case, the scores withheld so that no
organisation's ratings of another can be read off them, and what holds for any ratings."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.engines.health import (
    ITEMS,
    TRUST_ITEMS,
    Hidden,
    Rating,
    RatingError,
    Score,
    percent,
    rounded_half_up,
    score_relationships,
)

ORGS = ["A", "B", "C", "D", "E"]


def _trust(reliable: int | None, mission: int | None, open_: int | None) -> dict[str, int | None]:
    return {"reliable": reliable, "mission": mission, "open": open_}


def test_the_hand_computed_case() -> None:
    # A rates C (4, 3, 4), B rates C (3, 3, 2) and D rates C (2, 2, 2) on trust: 25/9 = 2.78.
    scores = score_relationships(
        ORGS,
        [
            Rating("A", "C", _trust(4, 3, 4)),
            Rating("B", "C", _trust(3, 3, 2)),
            Rating("D", "C", _trust(2, 2, 2)),
        ],
    )
    c = scores.organisations["C"]
    assert c.trust == Score(Fraction(25, 9), 3)
    assert rounded_half_up(Fraction(25, 9), 2) == Decimal("2.78")
    assert rounded_half_up(percent(Fraction(25, 9)), 0) == Decimal("59")  # (2.78 - 1) / 3
    assert rounded_half_up(percent(Fraction(19, 6)), 0) == Decimal("72")  # (3.17 - 1) / 3
    assert c.value == Score(None, 0)  # nobody rated its value: no figure and nothing withheld
    assert c.rated_by == 3
    assert scores.organisations["A"].trust == Score(None, 0)
    assert scores.trust == Score(Fraction(25, 9), 3)  # the only organisation rated
    assert scores.answered == 3


def test_one_or_two_organisations_rating_another_are_never_shown() -> None:
    # Only A rated E, and only A and B rated D: E's score would be A's ratings of E.
    ratings = [
        Rating("A", "E", _trust(4, 1, 2)),
        Rating("A", "D", _trust(3, 3, 3)),
        Rating("B", "D", _trust(1, 1, 1)),
    ]
    scores = score_relationships(ORGS, ratings)
    for name, raters in (("E", 1), ("D", 2)):
        assert scores.organisations[name].trust == Score(None, raters, Hidden.FEW_RATERS)
        assert scores.organisations[name].rated_by == raters
    assert str(Hidden.FEW_RATERS) == "withheld: rated by fewer than three partner organisations"
    # Only two organisations answered, so the network's trust would be theirs alone.
    assert scores.trust == Score(None, 2, Hidden.FEW_ANSWERED)


def test_each_kind_needs_three_organisations_of_its_own() -> None:
    # Three organisations rated E, but only one on value: E's value would be that one's rating.
    ratings = [
        Rating("A", "E", {**_trust(4, 4, 4), "influence": 1}),
        Rating("B", "E", _trust(3, 3, 3)),
        Rating("C", "E", _trust(2, 2, 2)),
    ]
    e = score_relationships(ORGS, ratings).organisations["E"]
    assert e.trust == Score(Fraction(3), 3)
    assert e.value == Score(None, 1, Hidden.FEW_RATERS)


def test_the_network_is_withheld_when_it_would_give_a_withheld_score_away() -> None:
    # E is rated by A, B and C (shown); D only by A (withheld). The network's trust, the mean of
    # E's and D's, less E's would be A's rating of D.
    ratings = [Rating(rater, "E", _trust(3, 3, 3)) for rater in "ABC"]
    ratings.append(Rating("A", "D", _trust(1, 1, 1)))
    scores = score_relationships(ORGS, ratings)
    assert scores.organisations["E"].trust.mean == 3
    assert scores.organisations["D"].trust.withheld is Hidden.FEW_RATERS
    assert scores.trust == Score(None, 3, Hidden.GIVES_AWAY)


def test_three_partners_show_the_network_and_no_organisation() -> None:
    three = ["A", "B", "C"]
    ratings = [
        Rating(rater, rated, {"influence": 2 + (rater < rated)})
        for rater in three
        for rated in three
        if rater != rated
    ]
    scores = score_relationships(three, ratings)
    assert all(s.value.withheld is Hidden.FEW_RATERS for s in scores.organisations.values())
    # Each is rated 3 by those before it in the alphabet and 2 by those after: A 2, B 5/2, C 3.
    assert scores.value == Score((Fraction(2) + Fraction(5, 2) + Fraction(3)) / 3, 3)


def test_skipped_items_leave_the_mean_of_what_was_rated() -> None:
    scores = score_relationships(
        ORGS,
        [
            Rating("A", "C", _trust(4, None, None)),
            Rating("B", "C", _trust(3, 3, 2)),
            Rating("D", "C", _trust(None, 4, None)),
        ],
    )
    assert scores.organisations["C"].trust.mean == Fraction(16, 5)


def test_an_organisation_that_sends_more_people_does_not_count_more() -> None:
    ratings = [Rating("A", "C", _trust(4, 4, 4)), Rating("A", "C", _trust(2, 2, 2))]
    ratings += [Rating("B", "C", _trust(1, 1, 1)), Rating("D", "C", _trust(2, 2, 2))]
    # A's two people average to 3 on each item; B says 1 and D 2: C's trust is 2.
    assert score_relationships(ORGS, ratings).organisations["C"].trust == Score(Fraction(2), 3)


def test_the_network_score_is_the_mean_of_the_organisations() -> None:
    ratings = [Rating(rater, "B", {"influence": 4}) for rater in "ACD"]
    ratings += [Rating(rater, "C", {"influence": 2, "resources": 2}) for rater in "ABD"]
    scores = score_relationships(ORGS, ratings)
    assert scores.organisations["B"].value.mean == 4
    assert scores.organisations["C"].value.mean == 2
    assert scores.value == Score(Fraction(3), 4)
    assert scores.trust == Score(None, 0)


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (Rating("A", "A", {"open": 3}), "cannot rate itself"),
        (Rating("A", "Z", {"open": 3}), "not one of the organisations"),
        (Rating("A", "B", {"open": 5}), "1 to 4"),
        (Rating("A", "B", {"friendly": 3}), "no rating item"),
    ],
)
def test_bad_ratings_are_refused(rating: Rating, message: str) -> None:
    with pytest.raises(RatingError, match=message):
        score_relationships(ORGS, [rating])


def test_the_percentage_runs_from_the_lowest_to_the_highest_rating() -> None:
    assert percent(Fraction(1)) == 0
    assert percent(Fraction(4)) == 100


ratings = st.lists(
    st.builds(
        Rating,
        st.sampled_from(ORGS),
        st.sampled_from(ORGS),
        st.fixed_dictionaries({item: st.one_of(st.none(), st.integers(1, 4)) for item in ITEMS}),
    ).filter(lambda r: r.rater != r.rated),
    max_size=30,
)


def _all_scores(given_ratings: list[Rating]) -> list[Score]:
    scores = score_relationships(ORGS, given_ratings)
    figures = [scores.trust, scores.value]
    for org in scores.organisations.values():
        figures += [org.trust, org.value]
        assert org.rated_by <= len(ORGS) - 1
    return figures


@given(ratings)
def test_scores_stay_on_the_scale_and_rest_on_three_organisations(
    given_ratings: list[Rating],
) -> None:
    for figure in _all_scores(given_ratings):
        if figure.mean is not None:
            assert 1 <= figure.mean <= 4
            assert 0 <= percent(figure.mean) <= 100
            assert figure.raters >= 3
            assert figure.withheld is None


@given(ratings)
def test_no_organisations_ratings_of_another_can_be_subtracted_out(
    given_ratings: list[Rating],
) -> None:
    # The network's score is shown only when it is the mean of scores that are all shown, or
    # when none of them is: it never sits beside some shown scores to be subtracted from.
    scores = score_relationships(ORGS, given_ratings)
    for kind in ("trust", "value"):
        network: Score = getattr(scores, kind)
        of_each = [getattr(org, kind) for org in scores.organisations.values()]
        shown = [s for s in of_each if s.mean is not None]
        withheld = [s for s in of_each if s.withheld is not None]
        if network.mean is not None and shown and withheld:
            pytest.fail("the network's score sits beside shown and withheld scores")


@given(ratings)
def test_one_person_per_organisation_gives_partners_pooled_mean(given_ratings: list[Rating]):
    first: dict[tuple[str, str], Rating] = {}
    for rating in given_ratings:
        first.setdefault((rating.rater, rating.rated), rating)
    scores = score_relationships(ORGS, first.values())
    for name in ORGS:
        given_trust = [
            (r.rater, Fraction(v))
            for r in first.values()
            if r.rated == name
            for item, v in r.values.items()
            if item in TRUST_ITEMS and v is not None
        ]
        pooled = [v for _, v in given_trust]
        expected = sum(pooled, Fraction(0)) / len(pooled) if pooled else None
        raters = len({rater for rater, _ in given_trust})
        trust = scores.organisations[name].trust
        assert trust.raters == raters
        assert trust.mean == (expected if raters >= 3 else None)
