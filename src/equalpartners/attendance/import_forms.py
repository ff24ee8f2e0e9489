"""Forms for the steps of importing an attendee list: the file, the columns, the go-ahead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from equalpartners.attendance import importing

ACCEPT = ",".join(
    [
        *importing.ACCEPTED_NAMES,
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
)
NOT_IN_FILE = ""


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Attendee list",
        help_text="A CSV file or an Excel workbook (.xlsx), smaller than "
        f"{importing.MAX_BYTES // (1024 * 1024)} MB, with up to {importing.MAX_ROWS:,} people",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Choose the file with your attendee list",
            "empty": "The file is empty",
            "invalid": "Choose a file",
        },
    )
    sheet = forms.CharField(
        label="Sheet",
        max_length=100,
        required=False,
        help_text="Excel workbooks only. Leave this empty to use the first sheet",
    )

    table: importing.Table

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size is not None and upload.size > importing.MAX_BYTES:
            self.add_error(
                "file", f"The file must be smaller than {importing.MAX_BYTES // (1024 * 1024)} MB"
            )
            return cleaned
        data = upload.read(importing.MAX_BYTES + 1)
        try:
            self.table = importing.read_table(
                data, file_name=upload.name or "", sheet=cleaned.get("sheet", "")
            )
        except forms.ValidationError as error:
            self.add_error("file", error)
        return cleaned


class MappingForm(forms.Form):
    """A select per field of ours, listing the file's columns with a value from each."""

    def __init__(
        self,
        *args: Any,
        table: importing.Table,
        questions: Sequence[importing.QuestionSpec],
        mapping: dict[str, int | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.table = table
        columns = []
        for index, heading in enumerate(table.headings):
            label = importing.column_letter(index) if table.kind == importing.XLSX else ""
            name = heading or f"Column {index + 1}"
            text = f"{name} (column {label})" if label else name
            sample = table.sample(index)
            if sample:
                text += f", for example ‘{_short(sample)}’"
            columns.append((str(index), text))
        choices = [(NOT_IN_FILE, "Not in the file"), *columns]
        hints = {
            "name": "Choose this if the file has a name in one column; otherwise choose first "
            "and last names below",
            "first_name": "If the file has first and last names in separate columns",
            "sector": "Third sector, Public sector, Government, Private sector, Academic or "
            "Community; ‘third’ or ‘Third sector’ are both fine",
        }
        for target in importing.TARGETS:
            self.fields[target.key] = self._field(
                target.label, choices, mapping.get(target.key), hints.get(target.key, "")
            )
        email = self.fields["email"]
        email.required = True
        email.error_messages["required"] = "Choose the column that holds email addresses"
        for question in questions:
            key = importing.question_key(question.pk)
            hint = "It must be answered" if question.required else ""
            self.fields[key] = self._field(
                f"Answer to ‘{question.label}’", choices, mapping.get(key), hint
            )

    def _field(
        self, label: str, choices: list[tuple[str, str]], index: int | None, hint: str
    ) -> forms.ChoiceField:
        if index is not None and index < len(self.table.headings):
            sample = self.table.sample(index)
            if sample:
                found = f"We chose this column from its heading; it starts ‘{_short(sample)}’."
                hint = f"{hint}. {found}" if hint else found
        return forms.ChoiceField(
            label=label,
            choices=choices,
            required=False,
            initial="" if index is None else str(index),
            help_text=hint,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        problems = importing.mapping_problems(self.mapping(), importing.TARGET_LABELS)
        for key, problem in problems.items():
            if key not in self.errors:
                self.add_error(key, problem)
        return cleaned

    def mapping(self) -> dict[str, int | None]:
        return {
            key: (int(value) if value not in (None, NOT_IN_FILE) else None)
            for key, value in self.cleaned_data.items()
            if key in self.fields
        }


class ImportForm(forms.Form):
    """The go-ahead, with how many people the organiser saw in the preview."""

    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    only_valid = forms.BooleanField(widget=forms.HiddenInput, required=False)
    notify = forms.BooleanField(
        label="Email each person to tell them they are registered",
        required=False,
        help_text="They get the email people get when they register themselves, with their "
        "attendance code. Leave this unticked to add them without emailing anyone.",
    )


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
