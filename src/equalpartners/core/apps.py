from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "equalpartners.core"
    label = "core"
    verbose_name = "Core"
