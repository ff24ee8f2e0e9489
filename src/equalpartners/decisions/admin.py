from django.contrib import admin

from equalpartners.decisions import models

# Options, ballots and vote records are left out: an option removed after votes were cast
# would leave ballots the count cannot read, and a vote is changed only by its voter.
admin.site.register(models.Decision)
