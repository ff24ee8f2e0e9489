"""The agenda of a multi-session activity."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from equalpartners.attendance.models import (
    Session,
)
from equalpartners.core.services import Actor, model_create, model_delete, model_update
from equalpartners.programme.models import Activity

# --- The agenda --------------------------------------------------------------------------------


@transaction.atomic
def session_save(
    *, actor: Actor, activity: Activity, session: Session | None = None, **values: Any
) -> Session:
    starts, ends = values["starts_at"], values["ends_at"]
    if ends <= starts:
        raise ValidationError({"ends_at": "The session must end after it starts"})
    if starts < activity.starts_at or ends > activity.ends_at:
        raise ValidationError(
            {"starts_at": "The session must fall within the activity's own start and end"}
        )
    if session is None:
        return model_create(
            Session(partnership=activity.partnership, activity=activity, **values),
            actor=actor,
            action="agenda.session.create",
            partnership=activity.partnership,
        )
    return model_update(
        session,
        actor=actor,
        action="agenda.session.update",
        partnership=activity.partnership,
        values=values,
    )


@transaction.atomic
def session_delete(*, actor: Actor, session: Session) -> None:
    model_delete(
        session, actor=actor, action="agenda.session.delete", partnership=session.partnership
    )
