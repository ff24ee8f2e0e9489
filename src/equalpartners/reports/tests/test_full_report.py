"""The full report, with the three sections the learning, health and networking apps provide:
every form holds all seven sections, and what is kept inside the partnership stays out."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.learning import services as learning_services
from equalpartners.learning.tests.builders import member_of, partner_named, reflection
from equalpartners.programme.selectors import partnership_today
from equalpartners.reports import selectors, services
from equalpartners.reports.document import document_markdown
from equalpartners.reports.registry import SECTION_KEYS, SECTIONS

from .builders import pdf_text, published

pytestmark = pytest.mark.django_db
TITLES = [section.title for section in SECTIONS]


def test_every_section_in_every_form(partnership):
    made = published(partnership, sections=SECTION_KEYS, until=partnership_today(partnership))
    page = Client().get(made.public_url_for()).content.decode()
    assert re.findall(r'<h2 id="section-\w+" class="heading-l">([^<]+)</h2>', page) == TITLES
    document = selectors.document_for(report=made)
    assert document is not None
    markdown = document_markdown(document)
    assert re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE) == TITLES
    snapshot = services.snapshot_pdf(report=made)
    assert snapshot is not None
    inside = pdf_text(snapshot[1])
    for title in TITLES:
        assert f"({title})".encode() in inside, title


def test_only_public_reflections_chosen_for_the_report_are_published(partnership):
    lead = member_of(partnership, partner_named(partnership, "Leaders Org"), Role.COORDINATOR)
    shared = reflection(lead, "public", title="Meeting in each other's offices helped")
    learning_services.reflection_choose_for_report(
        actor=None, reflection=shared, membership=lead, for_report=True
    )
    reflection(lead, "partnership", title="Our board nearly walked away")
    made = published(
        partnership,
        sections=["learning"],
        since=dt.date(2025, 1, 1),
        until=partnership_today(partnership),
    )
    page = Client().get(made.public_url_for()).content.decode()
    assert "Meeting in each other&#x27;s offices helped" in page
    assert "Our board nearly walked away" not in page
