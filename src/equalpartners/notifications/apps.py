from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "equalpartners.notifications"
    label = "notifications"
    verbose_name = "Notifications"
