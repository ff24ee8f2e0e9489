"""The server under test, for ``run.py``: its environment, its data, starting and stopping it.

The production settings' environment for a temporary data folder, migrating and generating the
large partnership in this process (and counting a page's SQL queries there), and
``equalpartners serve`` started on a free loopback port, waited for, asked for a page and
stopped with its workers.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
HOST = "127.0.0.1"
SLUG = "large"


# --- Preparing the data, in this process --------------------------------------------------


def server_environment(data_dir: Path) -> dict[str, str]:
    """Production mode, unchanged but for plain HTTP on loopback and the two reference views."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "DEBUG", "STATIC_ROOT", "MEDIA_ROOT"}
    }
    env.update(
        {
            "EQUALPARTNERS_MODE": "production",
            "EQUALPARTNERS_DATA_DIR": str(data_dir),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",  # the documented switch: no TLS on loopback
            "DJANGO_SETTINGS_MODULE": "bare_settings",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(HERE), str(ROOT / "src"), env.get("PYTHONPATH", "")])
            ),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare(env: dict[str, str], *, people: int, activities: int, years: int) -> dict[str, Any]:
    """Migrate, generate the partnership and sign the coordinator in. Returns the facts."""
    os.environ.update(env)
    sys.path[:0] = [str(HERE), str(ROOT / "src")]
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connections
    from django_scopes import scopes_disabled

    from equalpartners.demo.large import (
        coordinator_email,
        load_large,
        registered_activity_choice,
    )

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # for the in-process count
    migrated = time.perf_counter()
    result = load_large(slug=SLUG, people=people, activities=activities, years=years)
    loaded = time.perf_counter()
    user = get_user_model().objects.get(username=coordinator_email(SLUG))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    with scopes_disabled():
        registered = registered_activity_choice(result.partnership)
        surname = ""
        if registered is not None:
            first = registered.registrations.order_by("id").first()
            surname = first.name.split()[-1] if first else ""
    connections.close_all()
    return {
        "registered_activity_id": registered.pk if registered else None,
        "search": surname,
        "session_key": session.session_key,
        "counts": result.counts,
        "migrate_seconds": round(migrated - started, 2),
        "generate_seconds": round(loaded - migrated, 2),
    }


def count_queries(path: str, session_key: str) -> int:
    """How many SQL queries one request for ``path`` makes, through the whole stack."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.cookies["sessionid"] = session_key
    client.get(path)  # the first request may fill caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in process")
    return len(queries.captured_queries)


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(
    env: dict[str, str],
    *,
    port: int,
    workers: int,
    threads: int,
    log: Path,
) -> Iterator[subprocess.Popen[bytes]]:
    command = shutil.which("equalpartners", path=str(Path(sys.executable).parent))
    argv = [command] if command else [sys.executable, "-m", "equalpartners.cli"]
    argv += [
        "serve",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    with log.open("wb") as out:
        # A session of its own, so that stopping it stops its workers and nothing else.
        server = subprocess.Popen(
            argv,
            env=env,
            cwd=env["EQUALPARTNERS_DATA_DIR"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_ready(server, port, log)
            yield server
        finally:
            stop(server)


def wait_until_ready(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"the server stopped (exit {server.returncode}):\n"
                + log.read_text(errors="replace")[-3000:]
            )
        with contextlib.suppress(OSError):
            status, _ = fetch(port, "/bench/bare/", cookie="")
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(
        "the server did not answer within 60 s:\n" + log.read_text(errors="replace")[-3000:]
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # gunicorn's graceful stop
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGKILL)  # any worker left behind


def fetch(port: int, path: str, *, cookie: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
