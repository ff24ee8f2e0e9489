"""Registration records for the tenancy walk (tests/test_tenancy.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.attendance import services
from equalpartners.attendance.models import Question
from equalpartners.programme.models import Activity


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    activity = Activity.objects.get(pk=ids["activity_id"])
    setup = services.setup_for(actor=None, activity=activity)
    question = services.question_save(
        actor=None, setup=setup, label="Anything else?", kind="short", choices="", required=False
    )
    registration = services.register(
        actor=None,
        activity=activity,
        name="Tenancy Person",
        email=f"tenancy.{partnership.slug}@example.org",
        source="organiser",
        notify=False,
    )
    session = services.session_save(
        actor=None,
        activity=activity,
        title="Opening",
        starts_at=activity.starts_at,
        ends_at=activity.starts_at + dt.timedelta(minutes=30),
    )
    assert isinstance(question, Question)
    return {
        "registration_id": registration.pk,
        "question_id": question.pk,
        "session_id": session.pk,
        "import_id": _pending_import(activity),
    }


def _pending_import(activity: Activity) -> int:
    from equalpartners.attendance import import_services, importing
    from equalpartners.testing import factories as f

    table = importing.Table(kind="csv", headings=["Name", "Email"], rows=[(2, ["A", "a@x.org"])])
    return import_services.pending_import_create(
        actor=f.UserFactory(), activity=activity, table=table, file_name="list.csv"
    ).pk
