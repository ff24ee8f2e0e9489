from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "equalpartners.overview"
    label = "overview"
    verbose_name = "Overview"
