"""``manage.py demo_large``: generate a large partnership (for benchmarks), unless it is there."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from equalpartners.demo.large import PASSWORD, SEED, SLUG, load_large, year_span


class Command(BaseCommand):
    help = (
        "Generate a large partnership: 5,000 people and 1,000 activities over 5 years by "
        "default. Skipped if a partnership with the slug already exists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", default=SLUG, help=f"web address name (default {SLUG})")
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--activities", type=int, default=1000)
        parser.add_argument(
            "--years",
            type=int,
            default=5,
            help="calendar years covered, the last of them next year",
        )
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="place the programme around this day (YYYY-MM-DD), not today",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = load_large(
            slug=options["slug"],
            people=options["people"],
            activities=options["activities"],
            years=options["years"],
            seed=options["seed"],
            today=options["today"],
        )
        if result.created:
            first, last = year_span(options["today"] or timezone.localdate(), options["years"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated the partnership '{options['slug']}' ({first}–{last}) in "
                    f"{time.perf_counter() - started:.1f} s."
                )
            )
        else:
            self.stdout.write(f"The partnership '{options['slug']}' already exists: left as it is.")
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in result.counts.items()))
        self.stdout.write(f"Sign in as {result.coordinator_email} with the password {PASSWORD}")
