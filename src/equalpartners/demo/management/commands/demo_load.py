"""``manage.py demo_load``: load the demo partnership unless it is already there."""

from typing import Any

from django.core.management.base import BaseCommand

from equalpartners.demo.story import DEMO_PASSWORD, SIGN_INS, demo_exists, load_story


class Command(BaseCommand):
    help = "Load the Equal Partners demo partnership (skipped if it is already loaded)."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_exists():
            self.stdout.write("The demo partnership is already loaded.")
        else:
            load_story()
            self.stdout.write(self.style.SUCCESS("Loaded the demo partnership."))
        self.stdout.write(f"Demo sign-ins (password for each: {DEMO_PASSWORD}):")
        for sign_in in SIGN_INS:
            self.stdout.write(f"  {sign_in.email:32} {sign_in.name} ({sign_in.role.label})")
