"""An attendee list on its way in: the rows read from the uploaded file, held between the
steps of an import (choosing the columns, the preview) and deleted once the import is done,
or after a day if it never is. Nothing here is a registration until the import runs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

KEPT_FOR = dt.timedelta(days=1)


class PendingImport(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey("programme.Activity", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    file_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=4, choices=[("csv", "CSV"), ("xlsx", "Excel workbook")])
    sheet = models.CharField(max_length=100, blank=True)
    sheets = models.JSONField(default=list, blank=True)
    headings = models.JSONField(default=list)
    # [[row number as the spreadsheet shows it, [cell, ...]], ...]
    rows = models.JSONField(default=list)
    # our field ("email", "question_12") -> index of the column that holds it, or null
    mapping = models.JSONField(default=dict)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.file_name}"
