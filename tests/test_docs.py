"""The documentation keeps up with the code: every setting and every command is described."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

import equalpartners
from equalpartners import cli

PACKAGE = Path(equalpartners.__file__).parent
DOCS = Path(__file__).resolve().parents[1] / "docs"


def _environment_variables() -> set[str]:
    settings = (PACKAGE / "settings.py").read_text()
    command_line = (PACKAGE / "cli.py").read_text()
    read_by_settings = re.findall(r"env\.\w+\(\s*\"([A-Z_]+)\"", settings)
    read_by_cli = re.findall(r"os\.environ\.get\(\"([A-Z_]+)\"", command_line)
    return set(read_by_settings) | set(read_by_cli)


def test_the_scan_finds_the_settings() -> None:
    # Guards the regular expressions: if they stopped matching, the next test would pass vacuously.
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "TIME_ZONE", "BIND"} <= (
        _environment_variables()
    )


@pytest.mark.parametrize("name", sorted(_environment_variables()))
def test_every_environment_variable_is_documented(name: str) -> None:
    assert f"`{name}`" in (DOCS / "settings.md").read_text(), f"{name} is not in docs/settings.md"


def _our_management_commands() -> list[str]:
    return sorted(name for name, app in get_commands().items() if app.startswith("equalpartners"))


def test_every_command_is_documented() -> None:
    page = (DOCS / "commands.md").read_text()
    subcommands = re.findall(r"add_parser\(\"(\w+)\"", (PACKAGE / "cli.py").read_text())
    assert {"demo", "serve", "manage", "tally"} <= set(subcommands)
    for name in subcommands:
        assert f"`equalpartners {name}" in page, f"equalpartners {name} is not in docs/commands.md"
    assert _our_management_commands(), "found none of our management commands"
    for name in _our_management_commands():
        assert f"`equalpartners manage {name}`" in page, f"{name} is not in docs/commands.md"


def test_the_cli_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for name in ("demo", "serve", "manage", "tally"):
        assert name in text


def test_the_docs_link_to_pages_that_exist() -> None:
    for page in DOCS.rglob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
