from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "equalpartners.programme"
    label = "programme"
    verbose_name = "Programme"

    def ready(self) -> None:
        from equalpartners.notifications.reminders import register_source
        from equalpartners.partnerships.versioning import track_changes
        from equalpartners.programme import models
        from equalpartners.programme.action_reminders import make_action_reminders

        track_changes(
            models.Activity,
            models.Milestone,
            models.Output,
            models.Theme,
            models.Challenge,
            models.Action,
            models.ActionUpdate,
        )
        # Follow-up reminders for open actions (docs/actions.md).
        register_source(make_action_reminders)
