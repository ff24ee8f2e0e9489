from django.contrib import admin

from equalpartners.decisions import models

# Ballots and vote records are left out: the admin is for fixing records, and a vote is
# changed only by its voter, through the voting page.
admin.site.register(models.Decision)
admin.site.register(models.Option)
