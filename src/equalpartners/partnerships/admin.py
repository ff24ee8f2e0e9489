from django.contrib import admin

from equalpartners.partnerships import models

admin.site.register(models.Partnership)
admin.site.register(models.Organisation)
admin.site.register(models.Partner)
admin.site.register(models.Person)
admin.site.register(models.Membership)
admin.site.register(models.RelatedInitiative)
admin.site.register(models.PublicLink)


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin[models.Invitation]):
    exclude = ["token_hash"]
    list_display = ["email", "partnership", "role", "created_at", "accepted_at", "revoked_at"]
