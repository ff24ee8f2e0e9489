from django.contrib import admin

from equalpartners.programme import models

admin.site.register(models.Activity)
admin.site.register(models.Milestone)
admin.site.register(models.Output)
admin.site.register(models.Theme)
admin.site.register(models.Challenge)
admin.site.register(models.Action)
admin.site.register(models.ActionUpdate)
