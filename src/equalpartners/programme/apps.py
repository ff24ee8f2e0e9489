from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "equalpartners.programme"
    label = "programme"
    verbose_name = "Programme"
