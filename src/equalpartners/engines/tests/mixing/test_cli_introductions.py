"""`equalpartners introductions`: the introductions file, and what bad input is told."""

from __future__ import annotations

import csv
import json

from equalpartners.engines.mixing.cli import introductions

PEOPLE = """id,name,organisation,sector,assets,interests,needs
ana,Ana,Org A,third,funding bids,housing,data sharing
ben,Ben,Org B,government,data sharing,housing,funding bids
cy,Cy,Org A,third,youth work,,data sharing
dee,Dee,Org C,public,,housing,youth work
"""


def test_the_file_lists_each_introduction_with_its_reason(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    out = tmp_path / "intros.csv"
    assert introductions([str(people), "--per-person", "1", "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["person_a", "person_b", "slot", "score", "reason"]
    pairs = {(r["person_a"], r["person_b"]) for r in rows}
    assert pairs == {("ana", "ben"), ("cy", "dee")}
    ana_ben = next(r for r in rows if r["person_a"] == "ana")
    assert ana_ben["slot"] == ""
    assert int(ana_ben["score"]) == 3 + 3 + 1 + 1  # both ways, housing, sectors differ
    assert "funding bids" in ana_ben["reason"]
    assert "2 introductions for 4 of 4 people" in capsys.readouterr().out


def test_slots_and_json(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    status = introductions(
        [
            str(people),
            "--per-person",
            "2",
            "--slots",
            "2",
            "--out",
            str(tmp_path / "i.csv"),
            "--json",
        ]
    )
    assert status == 0
    found = json.loads(capsys.readouterr().out)
    assert {i["slot"] for i in found} <= {1, 2}
    for slot in (1, 2):
        met = [p for i in found if i["slot"] == slot for p in (i["person_a"], i["person_b"])]
        assert len(met) == len(set(met))


def test_known_pairs_are_never_introduced_and_unknown_people_are_named(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    known = tmp_path / "known.csv"
    known.write_text("person_a,person_b\nben,ana\n", encoding="utf-8")
    out = tmp_path / "i.csv"
    args = [str(people), "--per-person", "1", "--known", str(known), "--out", str(out)]
    assert introductions(args) == 0
    assert "ana,ben" not in out.read_text(encoding="utf-8")
    known.write_text("person_a,person_b\nben,zed\n", encoding="utf-8")
    assert introductions(args) == 1
    assert "known.csv, row 2, column person_b: zed is not in" in capsys.readouterr().err


def test_bad_numbers_are_explained(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    assert introductions([str(people), "--per-person", "0", "--out", str(tmp_path / "i.csv")]) == 1
    assert "--per-person must be at least 1" in capsys.readouterr().err
    assert introductions([str(people), "--out", "x.csv"]) == 2
