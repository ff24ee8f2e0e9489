"""Security under the production settings, checked in a separate process with its environment.

The test suite itself runs on the test profile, so these tests start ``equalpartners manage`` as
production would be started (a secret key and the host names set, nothing else) and read what
Django reports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

PRODUCTION_ENV = {
    "EQUALPARTNERS_MODE": "production",
    "SECRET_KEY": "a-production-secret-key-" + "k3y" * 20,
    "ALLOWED_HOSTS": "partners.example.org",
    "DJANGO_SETTINGS_MODULE": "equalpartners.settings",
}


def _manage(*args: str, tmp_path: Path, extra: dict[str, str] | None = None) -> Any:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(PRODUCTION_ENV, EQUALPARTNERS_DATA_DIR=str(tmp_path), **(extra or {}))
    return subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "-m", "equalpartners.cli", "manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path: Path) -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(
        {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"},
        EQUALPARTNERS_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "equalpartners.cli", "manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_harden_passwords_cookies_and_transport(tmp_path: Path) -> None:
    names = [
        "PASSWORD_HASHERS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "AXES_ENABLED",
        "AXES_FAILURE_LIMIT",
        "DEBUG",
    ]
    script = (
        "from django.conf import settings; import json; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = _manage("shell", "-c", script, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["AXES_ENABLED"] is True
    assert values["AXES_FAILURE_LIMIT"] == 5
    assert values["DEBUG"] is False


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy_without_inline_code(client: Client) -> None:
    response = client.get("/accounts/sign-in/")
    policy = response["Content-Security-Policy"]
    directives = dict(
        ([*part.strip().split(" ", 1), ""])[:2] for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    # No inline script or style in the page itself, or the policy would break it.
    html = response.content.decode()
    assert "<script>" not in html
    assert "style=" not in html
