from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "equalpartners.programme"
    label = "programme"
    verbose_name = "Programme"

    def ready(self) -> None:
        from equalpartners.partnerships.versioning import track_changes
        from equalpartners.programme import models

        track_changes(models.Activity, models.Milestone, models.Output, models.Theme)
