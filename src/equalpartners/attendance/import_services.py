"""Importing an attendee list: holding the uploaded rows between the steps, and the import.

The import puts every row through ``services.register`` (source "import") inside one
transaction, so a row that fails rolls back every row before it: a failed import saves
nothing. Places are given in the order of the file; once the activity is full the rest join
the waiting list, as they would registering one by one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from equalpartners.attendance import importing, selectors, services
from equalpartners.attendance.import_models import KEPT_FOR, PendingImport
from equalpartners.attendance.models import Question, Registration, Source, Status
from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, validate
from equalpartners.programme.models import Activity

# How many row errors an import that stops names in its message; the preview shows them all.
ERRORS_NAMED = 10


# --- Reads --------------------------------------------------------------------------------


def pending_import_in(*, activity: Activity, user: Any, import_id: int) -> PendingImport | None:
    """The user's own import for this activity, if it has not expired; others' are not found."""
    if not getattr(user, "is_authenticated", False):
        return None
    return PendingImport.objects.filter(
        activity=activity,
        created_by=user,
        pk=import_id,
        created_at__gt=timezone.now() - KEPT_FOR,
    ).first()


def registered_emails(*, activity: Activity) -> set[str]:
    """The emails of everyone registered for the activity (cancelled and lapsed apart)."""
    emails = (
        Registration.objects.filter(activity=activity)
        .exclude(status__in=(Status.CANCELLED, Status.LAPSED))
        .values_list("email", "person__email")
    )
    return {email.casefold() for pair in emails for email in pair if email}


def question_specs(*, activity: Activity) -> list[importing.QuestionSpec]:
    return [
        importing.QuestionSpec(
            pk=question.pk,
            label=question.label,
            kind=question.kind,
            choices=tuple(question.choice_list),
            required=question.required,
        )
        for question in Question.objects.filter(setup__activity=activity)
    ]


def table_of(pending: PendingImport) -> importing.Table:
    return importing.Table(
        kind=pending.kind,
        headings=list(pending.headings),
        rows=[(int(number), list(cells)) for number, cells in pending.rows],
        sheet=pending.sheet,
        sheets=list(pending.sheets),
    )


def mapping_of(pending: PendingImport) -> dict[str, int | None]:
    return {key: (None if index is None else int(index)) for key, index in pending.mapping.items()}


@dataclass
class Preview:
    """What an import would do now, with nothing saved."""

    check: importing.Check
    places: importing.Places  # for the rows without errors
    capacity: int | None
    places_left: int | None
    refusal: str  # why nothing can be imported at all ("" if something can)

    @property
    def ready(self) -> int:
        return len(self.check.ready)

    @property
    def with_errors(self) -> int:
        return len(self.check.with_errors)


def preview(*, pending: PendingImport) -> Preview:
    activity = pending.activity
    check = importing.check_rows(
        table_of(pending),
        mapping_of(pending),
        already_registered=registered_emails(activity=activity),
        questions=question_specs(activity=activity),
    )
    setup = selectors.setup_of(activity=activity)
    left = services.places_left(setup) if setup is not None else None
    refusal = ""
    problems = importing.mapping_problems(mapping_of(pending), importing.TARGET_LABELS)
    if activity.status == "cancelled":
        refusal = "This activity has been cancelled, so it takes no registrations"
    elif problems:
        refusal = "Choose the columns again: " + "; ".join(problems.values())
    return Preview(
        check=check,
        places=importing.places_for(len(check.ready), left),
        capacity=setup.capacity if setup is not None else None,
        places_left=left,
        refusal=refusal,
    )


# --- Writes -------------------------------------------------------------------------------


@transaction.atomic
def pending_import_create(
    *, actor: Any, activity: Activity, table: importing.Table, file_name: str
) -> PendingImport:
    """Hold the rows read from an uploaded file, with the columns recognised from its headings.
    ``actor`` is the signed-in user, who alone may carry on with the import. Imports left for
    more than a day are deleted first."""
    pending_imports_tidy()
    questions = question_specs(activity=activity)
    mapping = importing.recognise(table.headings)
    mapping.update(importing.recognise_questions(table.headings, questions, mapping))
    pending = PendingImport(
        partnership=activity.partnership,
        activity=activity,
        created_by=actor,
        file_name=file_name[:255],
        kind=table.kind,
        sheet=table.sheet[:100],
        sheets=table.sheets,
        headings=table.headings,
        rows=[[number, cells] for number, cells in table.rows],
        mapping=mapping,
    )
    validate(pending)
    pending.save()
    audit_record(
        actor=actor,
        action="registration.import.upload",
        partnership=activity.partnership,
        target=activity,
        data={"file": pending.file_name, "rows": len(table.rows)},
    )
    return pending


@transaction.atomic
def pending_import_map(
    *, actor: Actor, pending: PendingImport, mapping: Mapping[str, int | None]
) -> PendingImport:
    """Choose which column holds which of our fields."""
    width = len(pending.headings)
    keys = set(importing.TARGET_KEYS) | {
        importing.question_key(spec.pk) for spec in question_specs(activity=pending.activity)
    }
    cleaned: dict[str, int | None] = {}
    for key, index in mapping.items():
        if key not in keys:
            continue
        if index is not None and not 0 <= index < width:
            raise ValidationError({key: "Choose one of the file’s columns"})
        cleaned[key] = index
    problems = importing.mapping_problems(cleaned, importing.TARGET_LABELS)
    if problems:
        raise ValidationError(problems)
    pending.mapping = cleaned
    pending.save(update_fields=["mapping"])
    return pending


def pending_imports_tidy(now: dt.datetime | None = None) -> int:
    """Delete imports started more than a day ago and never finished; returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    with scopes_disabled():
        deleted, _ = PendingImport.objects.filter(created_at__lte=cutoff).delete()
    return deleted


def tidy_source(now: dt.datetime) -> int:
    """``pending_imports_tidy`` as a source for the periodic notifications run
    (``notifications.reminders.register_source``), which counts notifications made: none."""
    pending_imports_tidy(now)
    return 0


@dataclass(frozen=True)
class ImportResult:
    places: int
    waiting: int
    skipped: int

    @property
    def imported(self) -> int:
        return self.places + self.waiting


@transaction.atomic
def import_run(
    *,
    actor: Actor,
    pending: PendingImport,
    expected: int,
    only_valid: bool = False,
    notify: bool = False,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Register everyone on the list, or no one.

    ``expected`` is how many people the organiser saw in the preview and agreed to import;
    if the list now checks differently (someone registered in the meantime) nothing is
    imported and they are asked to look again. Rows with errors stop the import unless
    ``only_valid`` says to leave them out. ``notify`` emails each person about their place.
    Each ``register`` takes the activity's places lock, so someone registering at the same
    moment is either seen by the check here or makes their row fail (and the import with it).
    """
    activity = pending.activity
    checked = preview(pending=pending)
    if checked.refusal:
        raise ValidationError(checked.refusal)
    errors = checked.check.messages()
    if errors and not only_valid:
        named = errors[:ERRORS_NAMED]
        more = len(errors) - len(named)
        raise ValidationError(
            ["Nothing was imported, as some rows have errors:", *named]
            + ([f"and {more} more"] if more else [])
        )
    rows = checked.check.ready
    if len(rows) != expected:
        raise ValidationError(
            f"Nothing was imported: the list now has {len(rows)} people ready to import, not "
            f"{expected}, as registrations changed since you checked it. Check the preview again."
        )
    if not rows:
        raise ValidationError("Nothing was imported: there is nobody on the list to import")
    now = now or timezone.now()
    places = waiting = 0
    for row in rows:
        try:
            registration = services.register(
                actor=actor,
                activity=activity,
                name=row.values["name"],
                email=row.values["email"],
                organisation=row.values["organisation"],
                sector=row.values["sector"],
                job_title=row.values["job_title"],
                ticket_type=row.values["ticket_type"],
                access_needs=row.values["access_needs"],
                dietary_needs=row.values["dietary_needs"],
                listed=False,
                answers=row.answers,
                source=Source.IMPORT,
                now=now,
                notify=notify,
            )
        except ValidationError as error:
            raise ValidationError(
                [f"Nothing was imported. Row {row.number}: {message}" for message in error.messages]
            ) from error
        if registration.status == Status.WAITING:
            waiting += 1
        else:
            places += 1
    result = ImportResult(places=places, waiting=waiting, skipped=checked.with_errors)
    audit_record(
        actor=actor,
        action="registration.import",
        partnership=activity.partnership,
        target=activity,
        data={
            "file": pending.file_name,
            "places": result.places,
            "waiting": result.waiting,
            "skipped": result.skipped,
            "emailed": notify,
        },
    )
    pending.delete()
    return result
