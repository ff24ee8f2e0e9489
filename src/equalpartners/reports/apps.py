from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "equalpartners.reports"
    label = "reports"
    verbose_name = "Learning reports"
