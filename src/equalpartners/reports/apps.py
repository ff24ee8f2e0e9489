from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "equalpartners.reports"
    label = "reports"
    verbose_name = "Learning reports"

    def ready(self) -> None:
        # When something is taken back from the learning section (a teller's consent, a
        # reflection), reports that show it are hidden and generated again.
        from equalpartners.learning.hooks import on_withdrawn
        from equalpartners.reports.services import reports_refresh_learning

        on_withdrawn(reports_refresh_learning)
