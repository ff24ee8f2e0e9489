"""Every write to the programme: activities, milestones, outputs and themes.

Challenges and actions are written by ``action_services``, whose services are offered here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from equalpartners.core.audit import audit_record
from equalpartners.core.services import (
    Actor,
    model_create,
    model_delete,
    model_update,
    validate,
)
from equalpartners.programme.action_services import action_create as action_create
from equalpartners.programme.action_services import action_drop as action_drop
from equalpartners.programme.action_services import action_status_change as action_status_change
from equalpartners.programme.action_services import action_update as action_update
from equalpartners.programme.action_services import challenge_create as challenge_create
from equalpartners.programme.models import Activity, Milestone, Output, Theme

ACTIVITY_RELATIONS = ("lead_partners", "co_partners", "led_by")


def themes_named(*, partnership: Any, names: Iterable[str]) -> list[Theme]:
    """The partnership's themes with these names, adding any that are new."""
    themes = []
    # Shorten to what a theme holds before looking up, so a long name is found again next time.
    limit = Theme._meta.get_field("name").max_length
    for name in dict.fromkeys(n.strip()[:limit].strip() for n in names if n.strip()):
        theme = Theme.objects.filter(partnership=partnership, name__iexact=name).first()
        if theme is None:
            theme = Theme(partnership=partnership, name=name)
            validate(theme)
            theme.save()
        themes.append(theme)
    return themes


def _check_same_partnership(partnership: Any, relations: dict[str, Sequence[Any]]) -> None:
    """Partners and people named on an activity must belong to its partnership."""
    for field, objects in relations.items():
        for obj in objects:
            owner = getattr(obj, "partnership_id", None)
            if owner is None:  # a person: must be a member
                if not obj.memberships.filter(partnership=partnership).exists():
                    raise ValidationError({field: f"{obj} is not a member of this partnership"})
            elif owner != partnership.pk:
                raise ValidationError({field: f"{obj} is not a partner in this partnership"})


def _set_relations(instance: models.Model, relations: dict[str, Sequence[Any]]) -> None:
    for field, objects in relations.items():
        getattr(instance, field).set(objects)


@transaction.atomic
def activity_create(
    *,
    actor: Actor,
    partnership: Any,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    time_zone: str,
    summary: str = "",
    themes: Iterable[str] = (),
    lead_partners: Sequence[Any] = (),
    co_partners: Sequence[Any] = (),
    led_by: Sequence[Any] = (),
    venue: str = "",
    online_url: str = "",
    status: str = "planned",
    visibility: str = "partners",
) -> Activity:
    relations = {"lead_partners": lead_partners, "co_partners": co_partners, "led_by": led_by}
    _check_same_partnership(partnership, relations)
    activity = Activity(
        partnership=partnership,
        kind=kind,
        title=title,
        summary=summary,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        venue=venue,
        online_url=online_url,
        status=status,
        visibility=visibility,
    )
    validate(activity)  # full_clean, and the summary's length, which full_clean skips
    activity.save()
    _set_relations(activity, relations)
    activity.themes.set(themes_named(partnership=partnership, names=themes))
    audit_record(
        actor=actor,
        action="activity.create",
        partnership=partnership,
        target=activity,
        data={"title": title, "kind": kind, "status": status},
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: Actor, activity: Activity, themes: Iterable[str] | None = None, **values: Any
) -> Activity:
    """Change an activity's fields and, when given, its partners, leads and themes."""
    relations = {name: values.pop(name) for name in ACTIVITY_RELATIONS if name in values}
    _check_same_partnership(activity.partnership, relations)
    changes = {
        name: {
            "from": sorted(str(o) for o in getattr(activity, name).all()),
            "to": sorted(str(o) for o in objects),
        }
        for name, objects in relations.items()
    }
    new_themes = None
    if themes is not None:
        new_themes = themes_named(partnership=activity.partnership, names=themes)
        changes["themes"] = {
            "from": sorted(t.name for t in activity.themes.all()),
            "to": sorted(t.name for t in new_themes),
        }
    model_update(
        activity,
        actor=actor,
        action="activity.update",
        partnership=activity.partnership,
        values=values,
        related_changes={n: c for n, c in changes.items() if c["from"] != c["to"]},
    )
    _set_relations(activity, relations)
    if new_themes is not None:
        activity.themes.set(new_themes)
    return activity


@transaction.atomic
def milestone_create(
    *,
    actor: Actor,
    partnership: Any,
    title: str,
    date: dt.date,
    description: str = "",
    partners: Sequence[Any] = (),
) -> Milestone:
    _check_same_partnership(partnership, {"partners": partners})
    milestone = model_create(
        Milestone(partnership=partnership, title=title, date=date, description=description),
        actor=actor,
        action="milestone.create",
        partnership=partnership,
    )
    milestone.partners.set(partners)
    return milestone


@transaction.atomic
def milestone_update(*, actor: Actor, milestone: Milestone, **values: Any) -> Milestone:
    partners = values.pop("partners", None)
    if partners is not None:
        _check_same_partnership(milestone.partnership, {"partners": partners})
        milestone.partners.set(partners)
    return model_update(
        milestone,
        actor=actor,
        action="milestone.update",
        partnership=milestone.partnership,
        values=values,
    )


@transaction.atomic
def milestone_delete(*, actor: Actor, milestone: Milestone) -> None:
    model_delete(
        milestone, actor=actor, action="milestone.delete", partnership=milestone.partnership
    )


@transaction.atomic
def output_create(
    *,
    actor: Actor,
    partnership: Any,
    kind: str,
    title: str,
    published_on: dt.date,
    summary: str = "",
    partners: Sequence[Any] = (),
    activity: Activity | None = None,
    url: str = "",
    file: UploadedFile | None = None,
    is_public: bool = False,
) -> Output:
    _check_same_partnership(partnership, {"partners": partners})
    if activity is not None and activity.partnership_id != partnership.pk:
        raise ValidationError({"activity": "That activity belongs to another partnership"})
    output = Output(
        partnership=partnership,
        kind=kind,
        title=title,
        published_on=published_on,
        summary=summary,
        activity=activity,
        url=url,
        is_public=is_public,
    )
    if file is not None:
        output.file = file
    model_create(output, actor=actor, action="output.create", partnership=partnership)
    output.partners.set(partners)
    return output


@transaction.atomic
def output_update(*, actor: Actor, output: Output, **values: Any) -> Output:
    partners = values.pop("partners", None)
    if partners is not None:
        _check_same_partnership(output.partnership, {"partners": partners})
        output.partners.set(partners)
    if values.get("file") is None:
        values.pop("file", None)  # no new upload: keep the file there is
    elif output.file:
        _remove_file_after_commit(output.file)  # replaced: the old upload goes
    return model_update(
        output, actor=actor, action="output.update", partnership=output.partnership, values=values
    )


@transaction.atomic
def output_delete(*, actor: Actor, output: Output) -> None:
    if output.file:
        _remove_file_after_commit(output.file)
    model_delete(output, actor=actor, action="output.delete", partnership=output.partnership)


def _remove_file_after_commit(file: FieldFile) -> None:
    """Delete a stored upload once the change that drops it has committed, never before."""
    storage, name = file.storage, str(file.name)
    transaction.on_commit(lambda: storage.delete(name))
