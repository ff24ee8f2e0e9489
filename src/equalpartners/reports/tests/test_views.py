"""The report pages inside a partnership: the list, creating (and generating), the report,
its progress, the downloads, and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.reports import services
from equalpartners.reports.models import Report, Run, RunStatus

from .builders import OWN_SECTIONS, generated, programme_records, report

pytestmark = pytest.mark.django_db


def _url(partnership, tail=""):
    return f"/p/{partnership.slug}/reports/{tail}"


def _form(**values):
    data = {
        "title": "Our first year",
        "introduction": "",
        "since_day": "1",
        "since_month": "1",
        "since_year": "2026",
        "until_day": "30",
        "until_month": "6",
        "until_year": "2026",
        "sections": list(OWN_SECTIONS),
    }
    data.update(values)
    return data


def test_the_list_starts_empty_and_offers_to_create_one(signed_in, partnership):
    page = signed_in.get(_url(partnership)).content.decode()
    assert "No learning reports yet." in page
    assert f'href="/p/{partnership.slug}/reports/new/"' in page


def test_the_list_reads_in_few_queries_however_many_reports(
    signed_in, partnership, django_assert_max_num_queries
):
    for number in range(5):
        generated(partnership, title=f"Report {number}", sections=["timeline"])
    with django_assert_max_num_queries(10):
        page = signed_in.get(_url(partnership)).content.decode()
    assert page.count('<strong class="tag tag--green">Ready</strong>') == 5


def test_the_form_starts_with_every_section_and_the_whole_life(signed_in, partnership):
    page = signed_in.get(_url(partnership, "new/")).content.decode()
    assert page.count('type="checkbox"') == 7
    assert page.count("checked") == 7
    # The partners joined on 1 January 2025 (the factory's day): the start of its life.
    assert 'name="since_year" value="2025"' in page


def test_creating_generates_and_goes_to_the_report(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    programme_records(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(_url(partnership, "new/"), _form())
    made = Report.objects.get()
    assert response["Location"] == made.url_for("progress")
    ready = signed_in.get(response["Location"])
    assert ready["Location"] == made.get_absolute_url()
    page = signed_in.get(ready["Location"]).content.decode()
    assert "The report is ready" in page
    assert "Summit on assets-based leadership" in page
    for title in ("Timeline", "Outputs", "Actions and their follow-through"):
        assert f">{title}</h2>" in page
    assert "Partnership health checks" not in page


def test_a_period_out_of_order_is_shown_beside_the_end_date(signed_in, partnership):
    response = signed_in.post(_url(partnership, "new/"), _form(until_year="2025"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_until_0">The period must end on or after the day it starts' in page
    assert 'id="id_until_error"' in page
    assert not Report.objects.exists()


def test_no_section_chosen_is_an_error(signed_in, partnership):
    page = signed_in.post(_url(partnership, "new/"), _form(sections=[])).content.decode()
    assert "Choose at least one section for the report" in page
    assert not Report.objects.exists()


def test_the_introduction_is_plain_text(signed_in, partnership):
    made = generated(
        partnership, introduction="We <b>learned</b> a lot.\n\n<script>alert(1)</script>"
    )
    page = signed_in.get(made.get_absolute_url()).content.decode()
    assert "We &lt;b&gt;learned&lt;/b&gt; a lot." in page
    assert "<script>alert(1)" not in page
    assert page.count("<p>") >= 2


def test_changing_a_report_keeps_its_snapshot_until_generated_again(signed_in, partnership):
    made = generated(partnership)
    response = signed_in.post(made.url_for("edit"), _form(title="A better title"))
    assert response["Location"] == made.get_absolute_url()
    page = signed_in.get(made.get_absolute_url()).content.decode()
    assert "Generate it again to show the changes" in page  # the message after saving
    assert "The report was changed after it was generated." in page
    assert "<h1>What we learned working together</h1>" in page
    page = signed_in.get(made.get_absolute_url()).content.decode()
    assert "The report was changed after it was generated." in page  # until generated again
    services.report_generate(actor=None, report=made, wait=True)
    page = signed_in.get(made.get_absolute_url()).content.decode()
    assert "The report was changed after it was generated." not in page
    assert "<h1>A better title</h1>" in page


def test_the_progress_page_works_without_javascript(signed_in, partnership):
    made = report(partnership)
    services.report_generate(actor=None, report=made)  # recorded; starts after commit
    page = signed_in.get(made.url_for("progress")).content.decode()
    assert "Gathering section 1 of 4: Timeline" in page
    assert f'href="{made.url_for("progress")}">Check again</a>' in page
    assert "data-progress-running" in page
    Run.objects.update(done_sections=2, current_section="actions")
    page = signed_in.get(made.url_for("progress")).content.decode()
    assert "Gathering section 3 of 4: Actions and their follow-through" in page
    Run.objects.update(done_sections=4, current_section="")
    page = signed_in.get(made.url_for("progress")).content.decode()
    assert "All 4 sections gathered. Finishing" in page


def test_a_run_left_unfinished_shows_as_failed_with_generate_again(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    made = report(partnership)
    run = services.report_generate(actor=None, report=made)
    long_ago = run.started_at - dt.timedelta(minutes=5)
    Run.objects.update(started_at=long_ago, heartbeat_at=long_ago)
    page = signed_in.get(made.url_for("progress")).content.decode()
    assert "The report could not be generated" in page
    assert "Generating stopped before it finished" in page
    assert f'action="{made.url_for("generate")}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(made.url_for("generate"))
    assert response["Location"] == made.url_for("progress")
    made.refresh_from_db()
    assert made.snapshot_id is not None
    assert Run.objects.get(pk=made.snapshot_id).status == RunStatus.DONE


def test_generating_again_asks_first(signed_in, partnership, django_capture_on_commit_callbacks):
    made = generated(partnership)
    first = made.snapshot_id
    assert "Generate the report again?" in signed_in.get(made.url_for("generate")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(made.url_for("generate"))
    made.refresh_from_db()
    assert made.snapshot_id != first


def test_the_downloads(signed_in, partnership):
    made = generated(partnership, title="Our year: together")
    pdf = signed_in.get(made.url_for("pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="our-year-together.pdf"'
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    markdown = signed_in.get(made.url_for("markdown"))
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert markdown["Content-Disposition"] == 'attachment; filename="our-year-together.md"'
    assert markdown.content.decode().startswith("# Our year: together\n")


def test_a_report_not_yet_generated_has_no_downloads(signed_in, partnership):
    made = report(partnership)
    assert signed_in.get(made.url_for("pdf")).status_code == 404
    assert signed_in.get(made.url_for("markdown")).status_code == 404
    assert "has not been generated yet" in signed_in.get(made.get_absolute_url()).content.decode()


def test_deleting_asks_first(signed_in, partnership):
    made = generated(partnership)
    assert "Delete the report?" in signed_in.get(made.url_for("delete")).content.decode()
    response = signed_in.post(made.url_for("delete"))
    assert response["Location"] == _url(partnership)
    assert not Report.objects.exists()


def test_members_read_reports_but_only_managers_of_learning_change_them(client_as, partnership):
    made = generated(partnership)
    staff = client_as(partnership, Role.STAFF)
    assert staff.get(made.get_absolute_url()).status_code == 200
    assert staff.get(made.url_for("pdf")).status_code == 200
    page = staff.get(made.get_absolute_url()).content.decode()
    assert "Publish it" not in page
    for page_name in ("edit", "generate", "progress", "publish", "withdraw", "delete"):
        assert staff.get(made.url_for(page_name)).status_code == 403, page_name
        assert staff.post(made.url_for(page_name)).status_code == 403, page_name
    assert staff.get(_url(partnership, "new/")).status_code == 403
    assert staff.post(_url(partnership, "new/"), _form()).status_code == 403
    assert Report.objects.get().published_at is None
    lead = client_as(partnership, Role.PARTNER_LEAD)
    assert lead.get(made.url_for("publish")).status_code == 200


def test_another_partnerships_reports_are_not_found(client_as, partnership, other_partnership):
    theirs = generated(other_partnership)
    mine = client_as(partnership, Role.COORDINATOR)
    for page_name in ("detail", "pdf", "markdown", "publish", "delete", "progress"):
        theirs_url = theirs.url_for(page_name)
        ours = theirs_url.replace(f"/p/{other_partnership.slug}/", f"/p/{partnership.slug}/")
        assert mine.get(theirs_url).status_code == 404, page_name
        assert mine.get(ours).status_code == 404, page_name
