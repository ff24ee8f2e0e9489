from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "equalpartners.demo"
    label = "demo"
    verbose_name = "Demonstration data"
