"""The `tally` command: its file format, its JSON, and the messages bad input gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from equalpartners.engines.voting.cli import main

TENNESSEE: dict[str, Any] = {
    "options": ["Memphis", "Nashville", "Chattanooga", "Knoxville"],
    "ballots": [
        {
            "count": 42,
            "ranking": ["Memphis", "Nashville", "Chattanooga", "Knoxville"],
            "partner": "W",
        },
        {
            "count": 26,
            "ranking": ["Nashville", "Chattanooga", "Knoxville", "Memphis"],
            "partner": "M",
        },
        {
            "count": 15,
            "ranking": ["Chattanooga", "Knoxville", "Nashville", "Memphis"],
            "partner": "E",
        },
        {
            "count": 17,
            "ranking": ["Knoxville", "Chattanooga", "Nashville", "Memphis"],
            "partner": "E",
        },
    ],
}


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "decision.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: object, *args: str
) -> tuple[int, str, str]:
    status = main([write(tmp_path, data), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_output_has_every_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(tmp_path, capsys, TENNESSEE, "--method", "schulze", "--json")
    assert status == 0
    assert err == ""
    data = json.loads(out)
    for key in ("method", "winners", "ranking", "scores", "pairwise", "rounds", "explanation"):
        assert key in data
    assert data["method"] == "schulze"
    assert data["winners"] == ["Nashville"]
    assert data["scores"] is None
    assert data["rounds"] is None
    assert data["pairwise"]["support"]["Nashville"]["Memphis"] == 58
    assert data["pairwise"]["margins"]["Memphis"]["Nashville"] == -16
    assert data["explanation"].startswith("Nashville beats each other option head to head")


def test_json_writes_fractions_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        tmp_path, capsys, TENNESSEE, "--method", "plurality", "--weighting", "partner", "--json"
    )
    assert status == 0
    scores = json.loads(out)["scores"]
    assert scores == {"Memphis": 1, "Nashville": 1, "Chattanooga": "15/32", "Knoxville": "17/32"}


def test_rounds_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(tmp_path, capsys, TENNESSEE, "--method", "irv", "--json")
    rounds = json.loads(out)["rounds"]
    assert status == 0
    assert [r["eliminated"] for r in rounds] == [["Chattanooga"], ["Nashville"], []]
    assert rounds[2]["tallies"] == {"Memphis": 42, "Knoxville": 58}


def test_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(tmp_path, capsys, TENNESSEE, "--method", "borda")
    assert status == 0
    assert "Winners: Nashville" in out
    assert "Nashville    194" in out


def test_every_ballot_kind_in_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {
        "options": ["A", "B", "C"],
        "ballots": [
            {"count": 3, "grades": {"A": 4, "B": 1}, "partner": "X"},
            {"count": 1, "grades": {"C": 5}, "partner": "Y"},
        ],
        "scale": {"min": 0, "max": 5},
        "dot_budget": 8,
        "quorum": {"people": 2},
        "threshold": {"more_than": "1/2"},
        "tie_break": {"seed": 5},
    }
    status, out, _ = run(tmp_path, capsys, data, "--method", "score", "--json")
    assert status == 0
    assert json.loads(out)["winners"] == ["A"]


BAD_INPUT = [
    ({"ranking": ["Memphis", "Nashvile"]}, "ballot 1: option 'Nashvile' is not one of the options"),
    (
        {"ranking": ["Memphis", ["Nashville", "Memphis"]]},
        "ballot 1: option 'Memphis' appears twice in the ranking",
    ),
    ({"count": -2, "ranking": ["Memphis"]}, "ballot 1: the count must not be negative, not -2"),
    ({"count": 1.5, "ranking": ["Memphis"]}, "ballot 1: the count must be a whole number, not 1.5"),
    ({"count": "3", "ranking": ["Memphis"]}, "ballot 1: the count must be a whole number, not '3'"),
    ({"grades": {"Memphis": 9}}, "ballot 1: grade 9 for 'Memphis' is off the scale 0 to 5"),
    ({"grades": {"Memphis": 2}}, "ballot 1: borda counts ranking ballots, not grades"),
    ({"stance": "maybe"}, "ballot 1: the stance must be one of agree, abstain, disagree, block"),
    ({"ranking": ["Memphis"], "stance": "agree"}, "ballot 1: a ballot needs exactly one of"),
    ({"ranking": ["Memphis"], "weight": 2}, "ballot 1: unknown field 'weight'"),
    ({"dots": {"Memphis": 9}}, "ballot 1: 9 dots are over the budget of 8"),
    ({"dots": {"Memphis": -1}}, "ballot 1: dots cannot be negative"),
]


@pytest.mark.parametrize(("ballot", "message"), BAD_INPUT)
def test_bad_ballots_exit_non_zero_naming_the_ballot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ballot: dict[str, Any], message: str
) -> None:
    data = {
        "options": TENNESSEE["options"],
        "ballots": [TENNESSEE["ballots"][0], ballot],
        "scale": {"min": 0, "max": 5},
        "dot_budget": 8,
    }
    status, out, err = run(tmp_path, capsys, data, "--method", "borda")
    assert status == 1
    assert out == ""
    assert err.startswith(f"error: {message}")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "error: the file is not valid JSON"),
        ([], "error: the file must hold a JSON object"),
        ({"options": [], "ballots": []}, "error: 'options' must be a non-empty list"),
        ({"options": ["A", "A"], "ballots": []}, "error: option 'A' is listed twice"),
        ({"options": ["A"], "ballots": {}}, "error: 'ballots' must be a list"),
        ({"options": ["A"], "ballots": [], "colour": 1}, "error: unknown field 'colour'"),
        ({"options": ["A"], "ballots": [], "scale": {"min": 3, "max": 1}}, "error: the scale's"),
        ({"options": ["A"], "ballots": [], "threshold": {"more_than": 0.5}}, None),
        (
            {"options": ["A"], "ballots": [], "threshold": {"at_least": "3/2"}},
            "error: the threshold",
        ),
        ({"options": ["A"], "ballots": [], "tie_break": {}}, "error: 'tie_break' needs"),
    ],
)
def test_bad_files_exit_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: object, message: str | None
) -> None:
    status, _, err = run(tmp_path, capsys, data, "--method", "plurality")
    if message is None:  # a decimal threshold is read exactly and accepted
        assert status == 0
        return
    assert status == 1
    assert err.startswith(message)


def test_partner_weighting_needs_partners(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {
        "options": ["A", "B"],
        "ballots": [{"ranking": ["A"], "partner": "X"}, {"ranking": ["B"]}],
    }
    status, _, err = run(tmp_path, capsys, data, "--method", "irv", "--weighting", "partner")
    assert status == 1
    assert err.startswith(
        "error: ballot 1: partner weighting needs every ballot to name its partner"
    )


def test_missing_file_and_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.json"), "--method", "borda"]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert main([write(tmp_path, TENNESSEE), "--method", "coin_toss"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "--weighting" in capsys.readouterr().out


def test_consent_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {
        "options": ["Adopt the charter"],
        "ballots": [
            {"count": 3, "stance": "agree", "partner": "X"},
            {"count": 1, "stance": "block", "partner": "Y"},
        ],
        "quorum": {"partners": 3},
    }
    status, out, _ = run(tmp_path, capsys, data, "--method", "consent", "--json")
    result = json.loads(out)
    assert status == 0
    assert result["winners"] == []
    assert result["checks"] == {"no_block": False, "threshold": True, "quorum": False}
