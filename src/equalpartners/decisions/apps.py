from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "equalpartners.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        from equalpartners.decisions import models
        from equalpartners.partnerships.versioning import track_changes

        # Ballots are left out on purpose: a vote changes no cached page (the timeline shows a
        # decision's question, dates and outcome, not its count).
        track_changes(models.Decision, models.Option)
