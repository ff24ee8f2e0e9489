from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


class AttendanceConfig(AppConfig):
    name = "equalpartners.attendance"
    label = "attendance"
    verbose_name = "Registration and attendance"

    def ready(self) -> None:
        from equalpartners.attendance import import_services, reminders
        from equalpartners.notifications.reminders import register_source
        from equalpartners.programme.models import Activity

        register_source(reminders.lapse_offers)
        register_source(reminders.remind_offers)
        register_source(import_services.tidy_source)
        post_save.connect(_activity_saved, sender=Activity, dispatch_uid="attendance-calendar")


def _activity_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A change to an activity's time or place sends calendar updates to everyone registered."""
    if created or kwargs.get("raw"):
        return
    from equalpartners.attendance import calendar_mail

    with transaction.atomic():
        calendar_mail.activity_changed(instance)
