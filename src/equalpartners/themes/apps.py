from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "equalpartners.themes"
    label = "themes"
    verbose_name = "Themes from staff teams"

    def ready(self) -> None:
        from equalpartners.notifications.reminders import register_source
        from equalpartners.themes.reminders import make_vote_reminders

        # Calls for themes are not tracked for the content version: no cached page shows them
        # (a staff exchange session made from a theme is an activity, which the programme tracks).
        register_source(make_vote_reminders)
