"""The public address of a published report: read signed out, withdrawn, published again."""

from __future__ import annotations

import pytest
from django.test import Client

from equalpartners.reports import services

from .builders import generated, programme_records, published

pytestmark = pytest.mark.django_db


def test_publish_read_signed_out_withdraw_then_not_found(signed_in, partnership):
    programme_records(partnership)
    made = generated(partnership)
    public = made.public_url_for()
    anyone = Client()
    assert anyone.get(public).status_code == 404  # not published yet

    page = signed_in.get(made.url_for("publish")).content.decode()
    assert "Publish the report?" in page
    signed_in.post(made.url_for("publish"))
    detail = signed_in.get(made.get_absolute_url()).content.decode()
    assert f"http://testserver{public}" in detail

    response = anyone.get(public)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>What we learned working together</h1>" in page
    assert "Summit on assets-based leadership" in page
    assert "private dinner" not in page
    assert "away day" not in page
    assert '<a href="#main-content" class="skip-link">' in page
    assert '<html lang="en-GB">' in page
    assert "Sign in" in page
    assert 'aria-label="Partnership"' not in page
    assert anyone.get(made.public_url_for("pdf"))["Content-Type"] == "application/pdf"
    markdown = anyone.get(made.public_url_for("markdown")).content.decode()
    assert markdown.startswith("# What we learned working together")

    assert "Withdraw the report?" in signed_in.get(made.url_for("withdraw")).content.decode()
    signed_in.post(made.url_for("withdraw"))
    for page_name in ("report", "pdf", "markdown"):
        assert anyone.get(made.public_url_for(page_name)).status_code == 404

    signed_in.post(made.url_for("publish"))
    assert anyone.get(public).status_code == 200


def test_an_unknown_address_is_not_found(client, partnership):
    published(partnership)
    assert client.get("/reports/not-a-real-token/").status_code == 404


def test_a_published_report_stays_as_generated(client, partnership):
    made = published(partnership)
    programme_records(partnership)  # happens after it was generated
    summit = "Summit on assets-based leadership"
    assert summit not in client.get(made.public_url_for()).content.decode()
    services.report_generate(actor=None, report=made, wait=True)
    assert summit in client.get(made.public_url_for()).content.decode()


def test_a_private_partnerships_report_can_be_published(client, other_partnership):
    made = published(other_partnership)
    assert client.get(made.public_url_for()).status_code == 200
