"""Which column holds which field: the mapping from our fields and questions to columns.

``recognise`` guesses the columns of our fields from the headings of common ticketing exports;
``recognise_questions`` finds columns headed with a question's label (as our own export writes
them); ``mapping_problems`` says what is wrong with a mapping chosen by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from equalpartners.attendance.importing.fields import (
    TARGETS,
    QuestionSpec,
    normalise_heading,
    question_key,
)

ColumnMap = dict[str, int | None]


def recognise(headings: Sequence[str]) -> ColumnMap:
    """Our field -> the index of the column that holds it (or None), from the headings."""
    normalised = [normalise_heading(heading) for heading in headings]
    used: set[int] = set()
    mapping: ColumnMap = {}
    for target in TARGETS:
        mapping[target.key] = None
        for wanted in target.headings:
            index = next(
                (i for i, name in enumerate(normalised) if name == wanted and i not in used),
                None,
            )
            if index is not None:
                mapping[target.key] = index
                used.add(index)
                break
    return mapping


def recognise_questions(
    headings: Sequence[str], questions: Sequence[QuestionSpec], mapping: ColumnMap
) -> ColumnMap:
    """Columns whose heading is a question's label (as our own export writes them)."""
    normalised = [normalise_heading(heading) for heading in headings]
    used = {index for index in mapping.values() if index is not None}
    found: ColumnMap = {}
    for question in questions:
        label = normalise_heading(question.label)
        index = next(
            (i for i, name in enumerate(normalised) if label and name == label and i not in used),
            None,
        )
        found[question_key(question.pk)] = index
        if index is not None:
            used.add(index)
    return found


def mapping_problems(
    mapping: Mapping[str, int | None], labels: Mapping[str, str]
) -> dict[str, str]:
    """What is wrong with a mapping, by field: what must be chosen, and columns chosen twice."""
    problems: dict[str, str] = {}
    if mapping.get("email") is None:
        problems["email"] = "Choose the column that holds email addresses"
    if mapping.get("name") is None and mapping.get("first_name") is None:
        problems["name"] = (
            "Choose the column with people’s full names, or the columns with first and last names"
        )
    seen: dict[int, str] = {}
    for key, index in mapping.items():
        if index is None:
            continue
        if index in seen:
            problems.setdefault(
                key,
                f"This column is already chosen for {labels.get(seen[index], seen[index])}; "
                "choose each column once",
            )
        else:
            seen[index] = key
    return problems
