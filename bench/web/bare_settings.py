"""The production settings, unchanged, with the bare comparison view added to the addresses.

Used only by ``bench/web/run.py`` (which puts this folder on the server's ``PYTHONPATH`` and
names this module in ``DJANGO_SETTINGS_MODULE``): every middleware and security setting is the
production one, read from the same environment.
"""

from equalpartners.settings import *  # noqa: F403 (the real settings; one change below)

ROOT_URLCONF = "bare_urls"
