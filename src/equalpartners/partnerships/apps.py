from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "equalpartners.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
