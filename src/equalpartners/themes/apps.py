from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "equalpartners.themes"
    label = "themes"
    verbose_name = "Themes from staff teams"
