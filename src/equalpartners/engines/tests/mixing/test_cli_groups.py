"""`equalpartners groups`: the plan file, the certificate, and what bad files are told."""

from __future__ import annotations

import csv
import json

import pytest

from equalpartners.engines.mixing.cli import groups


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def main(argv: list[str]) -> int:
    assert argv[0] == "groups"
    return groups(argv[1:])


def people_csv(tmp_path, rows: int = 16, extra: str = "") -> str:
    lines = ["id,name,organisation,sector,facilitator"]
    for i in range(rows):
        lines.append(
            f"p{i},Person {i},Org {i // 4},{('third', 'public')[i % 2]},{'yes' if i < 4 else ''}"
        )
    return write(tmp_path / "people.csv", "\n".join(lines) + "\n" + extra)


def test_the_plan_file_seats_everyone_once_a_round_and_the_json_certifies_it(tmp_path, capsys):
    people = people_csv(tmp_path)
    out = tmp_path / "plan.csv"
    status = main(
        ["groups", people, "--table-size", "4", "--rounds", "3", "--out", str(out), "--json"]
    )
    assert status == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["round", "table", "person_id"]
    assert len(rows) == 16 * 3
    for r in ("1", "2", "3"):
        seated = sorted(row["person_id"] for row in rows if row["round"] == r)
        assert seated == sorted(f"p{i}" for i in range(16))
        assert {row["table"] for row in rows if row["round"] == r} == {"1", "2", "3", "4"}
    report = json.loads(capsys.readouterr().out)
    assert report["repeated_pairs"] == []
    assert report["same_organisation_pairs"] == []
    assert report["counting_bound"] == 5.0
    assert report["new_contacts"]["min"] == 9
    assert all(rule["kept"] for rule in report["rules"])
    assert report["method"]


def test_the_plain_report_lists_each_rule(tmp_path, capsys):
    people = people_csv(tmp_path)
    status = main(
        ["groups", people, "--table-size", "4", "--rounds", "2", "--out", str(tmp_path / "p.csv")]
    )
    assert status == 0
    text = capsys.readouterr().out
    assert "[kept] nobody sits with the same person twice" in text
    assert "counting bound is 5.00 rounds" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,sector\nAna,third\n", "row 1: the header needs an id column"),
        ("id,name\np1,Ana\n,Ben\n", "row 3, column id: the id is missing"),
        ("id,name\np1,Ana\np2,Ben\np1,Cy\n", "row 4, column id: p1 is already used on row 2"),
        ("id,facilitator\np1,maybe\n", "row 2, column facilitator: write yes or no, not 'maybe'"),
        ("id,fixed_table\np1,first\n", "row 2, column fixed_table: a table number from 1"),
        (
            "id,fixed_table\np1,9\np2,\np3,\n",
            "row 2, column fixed_table: there is no table 9; there are 2",
        ),
        (
            "id,fixed_table\np1,1\np2,1\np3,1\np4,\n",
            "row 4, column fixed_table: more people are fixed to table 1 than it seats (2)",
        ),
        ("", "the file is empty"),
        ("id\n", "there is nobody in the file"),
    ],
)
def test_bad_people_files_name_the_row_and_column(tmp_path, capsys, content, message):
    people = write(tmp_path / "people.csv", content)
    status = main(
        ["groups", people, "--table-size", "2", "--rounds", "1", "--out", str(tmp_path / "p.csv")]
    )
    assert status == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "p.csv").exists()


def test_an_unknown_person_in_the_history_is_named_with_its_row_and_column(tmp_path, capsys):
    people = people_csv(tmp_path)
    history = write(tmp_path / "met.csv", "person_a,person_b\np1,p2\np3,p99\n")
    status = main(
        [
            "groups",
            people,
            "--table-size",
            "4",
            "--rounds",
            "2",
            "--history",
            history,
            "--out",
            str(tmp_path / "p.csv"),
        ]
    )
    assert status == 1
    assert "met.csv, row 3, column person_b: p99 is not in" in capsys.readouterr().err


def test_history_and_pairs_to_keep_apart_are_respected(tmp_path, capsys):
    people = people_csv(tmp_path)
    history = write(tmp_path / "met.csv", "person_a,person_b\np1,p2\n")
    apart = write(tmp_path / "apart.csv", "a,b\np5,p6\n")
    out = tmp_path / "p.csv"
    status = main(["groups", people, "--table-size", "4", "--rounds", "3", "--history", history,
                   "--keep-apart", apart, "--out", str(out), "--json"])  # fmt: skip
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    assert report["met_before_again"] == []
    assert report["kept_apart_broken"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--table-size", "1", "--rounds", "2"], "--table-size must be at least 2, not 1"),
        (["--table-sizes", "4,1", "--rounds", "2"], "a table seats at least 2, not 1"),
        (["--table-sizes", "4,four", "--rounds", "2"], "whole numbers, not 'four'"),
        (["--table-size", "4", "--rounds", "0"], "--rounds must be at least 1"),
    ],
)
def test_bad_options_are_explained(tmp_path, capsys, args, message):
    people = people_csv(tmp_path)
    status = main(["groups", people, *args, "--out", str(tmp_path / "p.csv")])
    assert status == 1
    assert message in capsys.readouterr().err


def test_an_impossible_rule_is_reported_as_infeasible_with_the_rule(tmp_path, capsys):
    people = people_csv(tmp_path)
    status = main(
        ["groups", people, "--table-size", "4", "--rounds", "6", "--out", str(tmp_path / "p.csv")]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith("infeasible: The rule “nobody sits with the same person twice”")
    assert "5 rounds at most, not 6" in err
    # switched off, the plan is made and the repeats are reported as a rule not kept
    status = main(["groups", people, "--table-size", "4", "--rounds", "6", "--off", "no_repeats",
                   "--time-limit", "2", "--out", str(tmp_path / "p.csv"), "--json"])  # fmt: skip
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    assert report["repeated_pairs"]
    assert "no_repeats" not in {rule["rule"] for rule in report["rules"]}


def test_a_bad_command_line_exits_with_2(tmp_path):
    assert main(["groups", "people.csv", "--rounds", "2", "--out", "x.csv"]) == 2


def test_a_file_that_is_not_utf8_is_named(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes("id,name\np1,Zo\xe9\n".encode("latin-1"))
    status = main(
        [
            "groups",
            str(path),
            "--table-size",
            "2",
            "--rounds",
            "1",
            "--out",
            str(tmp_path / "p.csv"),
        ]
    )
    assert status == 1
    assert "is not UTF-8 text" in capsys.readouterr().err
