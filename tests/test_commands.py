"""The `equalpartners` command, run as a person would run it: the demo and the production server.

Each test starts the real command in its own process, with its own data folder, waits until the
site answers over HTTP on loopback, reads pages from it, and stops it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from equalpartners.demo.story import DEMO_PASSWORD, SIGN_INS


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Run:
    """What a command printed, available once it has stopped."""

    output = ""


@contextmanager
def _running(args: list[str], env: dict[str, str], port: int) -> Iterator[Run]:
    run = Run()
    process = subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "-m", "equalpartners.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"the command stopped early:\n{process.stdout.read()}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the server did not start listening within 90 seconds")
                time.sleep(0.3)
        yield run
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C would
        try:
            run.output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            run.output, _ = process.communicate()


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "EQUALPARTNERS_MODE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(EQUALPARTNERS_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def test_the_demo_command_sets_up_loads_and_serves_the_story(tmp_path: Path) -> None:
    port = _free_port()
    with _running(["demo", "--port", str(port)], _environment(tmp_path), port) as first:
        status, _, landing = _get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert "Equal Partners" in landing
        status, _, public = _get(f"http://127.0.0.1:{port}/public/equal-partners/")
        assert status == 200
        assert "Children in Scotland" in public
        status, _, _ = _get(f"http://127.0.0.1:{port}/p/equal-partners/")
        assert status == 200  # the sign-in page, after the redirect
    assert (tmp_path / "data" / "equalpartners.sqlite3").exists()
    assert "Loaded the demo partnership" in first.output
    assert DEMO_PASSWORD in first.output
    for sign_in in SIGN_INS:
        assert sign_in.email in first.output
    assert f"http://127.0.0.1:{port}/" in first.output

    # A second run keeps the data as it is, and says so.
    port = _free_port()
    with _running(["demo", "--port", str(port)], _environment(tmp_path), port) as second:
        assert _get(f"http://127.0.0.1:{port}/")[0] == 200
    assert "already loaded" in second.output


def test_the_production_server_serves_pages_and_compressed_static_files(tmp_path: Path) -> None:
    port = _free_port()
    env = _environment(
        tmp_path,
        EQUALPARTNERS_MODE="production",
        SECRET_KEY="s" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
    )
    args = ["serve", "--migrate", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    with _running(args, env, port):
        status, headers, page = _get(f"http://127.0.0.1:{port}/accounts/sign-in/")
        assert status == 200
        assert "Strict-Transport-Security" not in headers  # only sent over HTTPS
        assert "Content-Security-Policy" in headers
        stylesheet = re.search(r'href="(/static/core/equalpartners\.[0-9a-f]+\.css)"', page)
        assert stylesheet, "the page should link the fingerprinted stylesheet"
        status, headers, css = _get(f"http://127.0.0.1:{port}{stylesheet.group(1)}")
        assert status == 200
        assert "max-age=315360000" in headers["Cache-Control"]
        assert ".error-summary" in css
