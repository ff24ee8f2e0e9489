from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "equalpartners.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from equalpartners.partnerships import models, versioning

        versioning.track_changes(
            models.Partner, models.Membership, models.RelatedInitiative, models.PublicLink
        )
