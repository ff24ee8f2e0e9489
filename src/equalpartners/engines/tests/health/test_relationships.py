"""Trust and value scores on the hand-computed case, and what holds for any ratings."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.engines.health import (
    ITEMS,
    Rating,
    RatingError,
    percent,
    rounded_half_up,
    score_relationships,
)

ORGS = ["A", "B", "C"]


def _trust(reliable: int | None, mission: int | None, open_: int | None) -> dict[str, int | None]:
    return {"reliable": reliable, "mission": mission, "open": open_}


def test_the_hand_computed_case() -> None:
    # A rates C (4, 3, 4) and B rates C (3, 3, 2) on trust: Total Trust(C) = 19/6 = 3.17.
    scores = score_relationships(
        ORGS,
        [Rating("A", "C", _trust(4, 3, 4)), Rating("B", "C", _trust(3, 3, 2))],
    )
    c = scores.organisations["C"]
    assert c.trust == Fraction(19, 6)
    assert rounded_half_up(c.trust, 2) == Decimal("3.17")
    assert rounded_half_up(percent(c.trust), 0) == Decimal("72")  # (3.17 - 1) / 3
    assert c.value is None
    assert c.rated_by == 2
    assert scores.organisations["A"].trust is None
    assert scores.trust == Fraction(19, 6)  # the only organisation rated
    assert scores.coverage == {("A", "C"), ("B", "C")}


def test_skipped_items_leave_the_mean_of_what_was_rated() -> None:
    scores = score_relationships(
        ORGS, [Rating("A", "C", _trust(4, None, None)), Rating("B", "C", _trust(3, 3, 2))]
    )
    assert scores.organisations["C"].trust == Fraction(12, 4)


def test_an_organisation_that_sends_more_people_does_not_count_more() -> None:
    ratings = [Rating("A", "C", _trust(4, 4, 4)), Rating("A", "C", _trust(2, 2, 2))]
    ratings.append(Rating("B", "C", _trust(1, 1, 1)))
    # A's two people average to 3 on each item; B says 1: C's trust is (3 * 3 + 1 * 3) / 6 = 2.
    assert score_relationships(ORGS, ratings).organisations["C"].trust == 2


def test_the_network_score_is_the_mean_of_the_organisations() -> None:
    ratings = [
        Rating("A", "B", {"influence": 4}),
        Rating("A", "C", {"influence": 2, "resources": 3}),
        Rating("B", "C", {"involvement": 1}),
    ]
    scores = score_relationships(ORGS, ratings)
    assert scores.organisations["B"].value == 4
    assert scores.organisations["C"].value == 2
    assert scores.value == 3
    assert scores.trust is None


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
    max_size=20,
)


@given(ratings)
def test_scores_stay_on_the_scale(given_ratings: list[Rating]) -> None:
    scores = score_relationships(ORGS, given_ratings)
    figures = [scores.trust, scores.value]
    for org in scores.organisations.values():
        figures += [org.trust, org.value]
        assert org.rated_by <= len(ORGS) - 1
    for figure in figures:
        if figure is not None:
            assert 1 <= figure <= 4
            assert 0 <= percent(figure) <= 100


@given(ratings)
def test_one_person_per_organisation_gives_partners_pooled_mean(given_ratings: list[Rating]):
    first: dict[tuple[str, str], Rating] = {}
    for rating in given_ratings:
        first.setdefault((rating.rater, rating.rated), rating)
    scores = score_relationships(ORGS, first.values())
    for name in ORGS:
        pooled = [
            Fraction(v)
            for r in first.values()
            if r.rated == name
            for item, v in r.values.items()
            if item in ("reliable", "mission", "open") and v is not None
        ]
        expected = sum(pooled, Fraction(0)) / len(pooled) if pooled else None
        assert scores.organisations[name].trust == expected
