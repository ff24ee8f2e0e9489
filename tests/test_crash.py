"""What the app has acknowledged survives the app process being killed.

A child process, on its own SQLite database file with the production journal settings (WAL,
synchronous=NORMAL), registers someone, checks them in and records an action, each through
its service; it prints the ids as its acknowledgement and is then killed with SIGKILL, with no
chance to tidy up. A second process opens the same file and finds all three.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

SETUP = """
import os, signal, sys
os.environ["EQUALPARTNERS_MODE"] = "demo"
os.environ["DJANGO_SETTINGS_MODULE"] = "equalpartners.settings"
import django
django.setup()
from django_scopes import scopes_disabled
"""

WRITE = (
    SETUP
    + """
import datetime as dt
from django.core.management import call_command
from django.utils import timezone
call_command("migrate", verbosity=0, interactive=False)
from equalpartners.attendance import services as attendance
from equalpartners.partnerships.models import Membership, Partnership
from equalpartners.programme import services as programme
from equalpartners.programme.action_services import action_create
with scopes_disabled():
    partnership = Partnership.objects.create(name="Crash test", slug="crash")
    starts = timezone.now() + dt.timedelta(days=3)
    activity = programme.activity_create(
        actor=None, partnership=partnership, kind="event", title="Kept",
        starts_at=starts, ends_at=starts + dt.timedelta(hours=1), time_zone="Europe/London",
    )
    registration = attendance.register(
        actor=None, activity=activity, name="Ann Lee", email="ann@example.org", notify=False
    )
    attendance.check_in(actor=None, registration=registration)
    Membership.objects.create(partnership=partnership, person=registration.person, role="staff")
    action = action_create(
        actor=None, partnership=partnership, what="Tell the board", scale="small",
        due_on=dt.date.today() + dt.timedelta(days=30), owner_person=registration.person,
    )
print(registration.pk, action.pk, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
)

READ = (
    SETUP
    + """
from equalpartners.attendance.models import Registration
from equalpartners.programme.action_models import Action
registration_id, action_id = map(int, sys.argv[1:3])
with scopes_disabled():
    registration = Registration.objects.get(pk=registration_id)
    assert registration.checked_in_at is not None, "the check-in was lost"
    assert Action.objects.filter(pk=action_id).exists(), "the action was lost"
print("kept")
"""
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_acknowledged_writes_survive_a_killed_process(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "EQUALPARTNERS_DATA_DIR": str(tmp_path),
    }
    writer = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", WRITE],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert writer.returncode == -signal.SIGKILL, writer.stderr[-2000:]
    acknowledged = writer.stdout.split()
    assert len(acknowledged) == 2, writer.stdout + writer.stderr[-2000:]
    reader = subprocess.run(  # noqa: S603
        [sys.executable, "-c", READ, *acknowledged],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert reader.stdout.strip() == "kept", reader.stderr[-2000:]
