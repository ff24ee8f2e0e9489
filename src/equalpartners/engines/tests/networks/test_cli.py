"""`equalpartners network`: its table, its JSON, and what bad files and dates are told."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from equalpartners.engines.networks.cli import main

PEOPLE = "id,organisation,sector\nA,Org A,T\nB,Org B,T\nC,Council,P\nD,Council,P\n"
TIES = (
    "person_a,person_b,date,source\n"
    "A,B,2024-01-15,seated\nA,C,2024-01-15,introduced\nB,C,2024-01-15,met\n"
    "B,D,2024-02-01,\nC,D,2024-02-01,declared\nD,A,2024-03-01,declared\n"
)


def files(tmp_path: Path, ties: str = TIES, people: str = PEOPLE) -> list[str]:
    (tmp_path / "ties.csv").write_text(ties, encoding="utf-8")
    (tmp_path / "people.csv").write_text(people, encoding="utf-8")
    return [str(tmp_path / "ties.csv"), "--people", str(tmp_path / "people.csv")]


def test_json_has_every_measure_under_the_documented_keys(tmp_path, capsys) -> None:
    assert main([*files(tmp_path), "--directed", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == {
        "people": 4,
        "ties": 6,
        "directed": True,
        "density": 0.5,
        "degree_centralization": 0.0,
        "ei_index": 0.3333,
        "assortativity": -0.2,
        "brokerage": {
            "A": {"itinerant": 1, "gatekeeper": 1},
            "B": {"representative": 1},
            "C": {"gatekeeper": 1},
            "D": {"itinerant": 1, "representative": 1},
        },
        "new_cross_sector_ties": 4,
    }


def test_the_period_limits_the_network_and_counts_only_pairs_first_tied_within_it(
    tmp_path, capsys
) -> None:
    args = [*files(tmp_path), "--since", "2024-02-01", "--until", "2024-02-28", "--json"]
    assert main(args) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["ties"], figures["new_cross_sector_ties"]) == (2, 1)  # B-D new, C-D not
    assert figures["brokerage"] == {}


def test_the_table_lists_every_measure_the_brokers_and_the_connectors(tmp_path, capsys) -> None:
    assert main([*files(tmp_path), "--directed", "--top", "2"]) == 0
    text = capsys.readouterr().out
    for label in ("Density  ", "Degree centralization (Freeman)", "E-I index by sector",
                  "Assortativity by sector", "New cross-sector ties"):  # fmt: skip
        assert label in text
    assert "Top brokers (Gould and Fernandez roles), 2 of 4" in text
    broker_rows = text.split("Top brokers")[1].split("Who connects whom")[0].splitlines()
    assert broker_rows[2].split() == ["A", "0", "1", "1", "0", "0", "2"]
    assert "Who connects whom" in text


def test_undefined_measures_are_said_in_words_and_undirected_runs_explain_brokerage(
    tmp_path, capsys
) -> None:
    assert main(files(tmp_path, ties="person_a,person_b,date\n")) == 0
    text = capsys.readouterr().out
    assert "E-I index by sector              not defined (no ties)" in text
    assert "run again with --directed" in text


def test_source_is_optional_and_excel_files_with_a_byte_order_mark_are_read(
    tmp_path, capsys
) -> None:
    ties = "\ufeffPerson_A, Person_B ,Date\nA,C,2024-01-15\n\nA,C,2024-05-01T10:00\n"
    assert main([*files(tmp_path, ties=ties), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["ties"], figures["new_cross_sector_ties"]) == (1, 1)


@pytest.mark.parametrize(
    ("ties", "people", "message"),
    [
        ("person_a,person_b,date\nA,Z,2024-01-01\n", PEOPLE,
         "ties.csv, row 2, column person_b: Z is not in"),
        ("person_a,person_b,date\nA,B,2024-01-01\n,B,2024-01-02\n", PEOPLE,
         "ties.csv, row 3, column person_a: the person's id is missing"),
        ("person_a,person_b,date\nA,B,1/3/2024\n", PEOPLE,
         "ties.csv, row 2, column date: write the date as YYYY-MM-DD, not '1/3/2024'"),
        ("person_a,person_b,date\nA,A,2024-01-01\n", PEOPLE,
         "ties.csv, row 2, column person_b: the tie joins A to themself"),
        ("person_a,date\nA,2024-01-01\n", PEOPLE,
         "ties.csv, row 1: the header has no person_b column (it has person_a, date)"),
        ("", PEOPLE, "ties.csv: the file is empty; it needs a header row"),
        ("a,b\n", PEOPLE, "ties.csv, row 1: the header has no person_a, person_b or date column"),
        (TIES, "id,sector\nA,T\n",
         "people.csv, row 1: the header has no organisation column"),
        (TIES, "id,organisation,sector\nA,Org,T\nA,Org,P\n",
         "people.csv, row 3, column id: A is already used on row 2"),
        (TIES, "id,organisation,sector\nA,Org,\n",
         "people.csv, row 2, column sector: the sector is missing"),
        (TIES, "id,organisation,sector\n", "people.csv: there is nobody in the file"),
    ],
)  # fmt: skip
def test_bad_files_exit_1_naming_file_row_and_column(
    tmp_path, capsys, ties: str, people: str, message: str
) -> None:
    assert main(files(tmp_path, ties=ties, people=people)) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_dates_out_of_order_exit_1_and_a_bad_date_is_a_usage_error(tmp_path, capsys) -> None:
    args = files(tmp_path)
    assert main([*args, "--since", "2024-03-01", "--until", "2024-01-01"]) == 1
    assert "the dates are out of order" in capsys.readouterr().err
    assert main([*args, "--since", "March"]) == 2
    assert "write the date as YYYY-MM-DD, not 'March'" in capsys.readouterr().err


def test_a_missing_file_is_named(tmp_path, capsys) -> None:
    files(tmp_path)
    args = [str(tmp_path / "nowhere.csv"), "--people", str(tmp_path / "people.csv")]
    assert main(args) == 1
    assert "nowhere.csv: cannot be read" in capsys.readouterr().err


def test_the_installed_command_runs_the_engine(tmp_path) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "equalpartners.cli", "network", *files(tmp_path), "--json"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ties"] == 6
    bad = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "equalpartners.cli", "network",
         *files(tmp_path, ties="person_a,person_b,date\nA,Q,2024-01-01\n")],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 1
    assert "row 2, column person_b: Q is not in" in bad.stderr
