"""The demo's learning report: generated from the whole story and published, with every
section, readable signed out at its public address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from equalpartners.demo.report_story import TITLE, add_report
from equalpartners.demo.story import PEOPLE, SIGN_INS, load_story
from equalpartners.reports import selectors
from equalpartners.reports.document import document_markdown
from equalpartners.reports.registry import SECTIONS

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 15)


def test_the_demo_publishes_a_report_of_the_whole_story():
    partnership = load_story(today=TODAY)
    coordinator = get_user_model().objects.get(username=SIGN_INS[0].email)
    made = add_report(partnership=partnership, actor=coordinator, today=TODAY)
    assert made.title == TITLE
    assert made.is_published
    assert made.until == TODAY
    assert made.since <= TODAY - dt.timedelta(days=440)  # the programme was agreed then
    document = selectors.document_for(report=made)
    assert document is not None
    assert [part.title for part in document.parts] == [section.title for section in SECTIONS]
    page = Client().get(made.public_url_for()).content.decode()
    assert f"<h1>{TITLE}</h1>" in page
    assert "Equal Partners Summit" in page
    # The roundtable was for partners only; the report is public.
    assert "Roundtable: progressive universalism" not in page
    network = next(part for part in document.parts if part.key == "network")
    named = [name for name, *_ in PEOPLE if name in network.html or name in network.markdown]
    assert named == []  # the map and its tables name organisations and sectors, not people
    text = document_markdown(document)
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE) == [s.title for s in SECTIONS]
