from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "equalpartners.health"
    label = "health"
    verbose_name = "Partnership health checks and relationship surveys"
