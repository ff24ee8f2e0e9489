from django.apps import AppConfig


class NetworkingConfig(AppConfig):
    name = "equalpartners.networking"
    label = "networking"
    verbose_name = "Networking"
