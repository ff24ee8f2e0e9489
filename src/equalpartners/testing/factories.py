"""factory_boy factories for test data. They write rows directly (not through services),
so a test states exactly the world it starts from; services are tested on their own."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import factory
from django.contrib.auth import get_user_model

from equalpartners.core.capabilities import Role
from equalpartners.decisions import models as dm
from equalpartners.partnerships import models as pm
from equalpartners.programme import models as prm

LONDON = zoneinfo.ZoneInfo("Europe/London")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("a-good-test-password")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    purpose = "Working together as equals."
    commitments = factory.LazyFunction(lambda: ["Tackling inequalities"])
    is_public = False


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = "third"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    remit = "Leadership"
    aims = "To lead well."
    joined_on = dt.date(2025, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Person

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Officer"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Membership

    partnership = factory.SubFactory(PartnershipFactory)
    person = factory.SubFactory(PersonFactory)
    role = Role.STAFF


class RelatedInitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.RelatedInitiative

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Initiative {n}")
    how_it_fits = "It fits."


class PublicLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.PublicLink

    partnership = factory.SubFactory(PartnershipFactory)
    label = "Our network"
    url = "https://example.org/network"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Invitation

    partnership = factory.SubFactory(PartnershipFactory)
    name = "Invited Person"
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Role.STAFF
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=7))


def _start(n: int) -> dt.datetime:
    return dt.datetime(2026, 3, 1, 10, 0, tzinfo=LONDON) + dt.timedelta(days=n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = prm.Activity
        skip_postgeneration_save = True  # the hook sets a many-to-many; the row is already saved

    partnership = factory.SubFactory(PartnershipFactory)
    kind = "event"
    title = factory.Sequence(lambda n: f"Activity {n}")
    starts_at = factory.Sequence(_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    time_zone = "Europe/London"
    status = "planned"
    visibility = "partners"

    @factory.post_generation  # type: ignore[untyped-decorator]  # factory_boy is untyped
    def lead_partners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.lead_partners.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = prm.Milestone

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    date = dt.date(2026, 4, 1)


class OutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = prm.Output

    partnership = factory.SubFactory(PartnershipFactory)
    kind = "report"
    title = factory.Sequence(lambda n: f"Output {n}")
    published_on = dt.date(2026, 5, 1)


class DecisionFactory(factory.django.DjangoModelFactory):
    """An open decision (voting opened a day ago, closes in a week) with ``options`` named."""

    class Meta:
        model = dm.Decision
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    method = "borda"
    weighting = "person"
    opens_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=7))
    time_zone = "Europe/London"

    @factory.post_generation  # type: ignore[untyped-decorator]  # factory_boy is untyped
    def options(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            for position, label in enumerate(extracted or ["Option A", "Option B", "Option C"]):
                OptionFactory(decision=self, label=label, position=position)


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dm.Option

    decision = factory.SubFactory(DecisionFactory)
    partnership = factory.SelfAttribute("decision.partnership")
    label = factory.Sequence(lambda n: f"Option {n}")
