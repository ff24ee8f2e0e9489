"""The records the tenancy walk (tests/test_tenancy.py) needs for the health pages: a closed wave
with a statement (so its results and CSV answer to anyone who may view), and a survey."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from equalpartners.health.models import Survey, Wave, WaveItem
from equalpartners.partnerships.models import Partner


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    wave = Wave.objects.create(
        partnership=partnership,
        name="Spring health check",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=10),
    )
    item = WaveItem.objects.create(
        wave=wave,
        partnership=partnership,
        factor="respect",
        text="Partners value each other's knowledge.",
        position=1,
    )
    survey = Survey.objects.create(
        partnership=partnership,
        name="Spring relationship survey",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=10),
    )
    survey.partners.set(Partner.objects.filter(partnership=partnership))
    return {"wave_id": wave.pk, "item_id": item.pk, "survey_id": survey.pk}
