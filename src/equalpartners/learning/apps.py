from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "equalpartners.learning"
    label = "learning"
    verbose_name = "Reflections and stories of change"
