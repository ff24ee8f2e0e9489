"""The last place cannot go twice: many people registering at the same moment, as concurrent
requests on PostgreSQL (each thread has its own connection and transaction)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from equalpartners.attendance import services
from equalpartners.attendance.models import Registration, Status
from equalpartners.attendance.tests.builders import future_activity, register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]

PEOPLE = 12


def _at_once(work: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = work[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_requests_for_the_last_place(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=3)
    register(activity)
    register(activity)  # one place left
    url = reverse("registrant:register", kwargs={"token": activity.registration_setup.link_token})

    def post(n: int) -> Any:
        return lambda: (
            Client().post(url, {"name": f"Racer {n}", "email": f"racer{n}@example.org"}).status_code
        )

    statuses = _at_once([post(n) for n in range(PEOPLE)])
    assert statuses == [302] * PEOPLE, statuses
    racers = Registration.objects.filter(activity=activity, name__startswith="Racer")
    assert racers.count() == PEOPLE
    assert racers.filter(status=Status.CONFIRMED).count() == 1
    assert racers.filter(status=Status.WAITING).count() == PEOPLE - 1
    assert Registration.objects.filter(activity=activity, status=Status.CONFIRMED).count() == 3


def test_concurrent_cancellations_offer_each_place_once(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=4)
    holders = [register(activity) for _ in range(4)]
    waiting = [register(activity) for _ in range(6)]
    work = [(lambda r=r: services.cancel(actor=None, registration=r).status) for r in holders]
    assert _at_once(work) == [Status.CANCELLED] * 4
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.OFFERED] * 4 + [Status.WAITING] * 2
