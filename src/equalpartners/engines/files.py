"""What the engines' command lines say about a bad file: one error type for every engine."""

from __future__ import annotations


class FileProblem(ValueError):  # noqa: N818 -- read as "a problem with a file"
    """Bad input in a file: `str()` says where (file, row, column) and what is wrong."""

    def __init__(self, path: str, row: int | None, column: str | None, message: str) -> None:
        where = path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")
        self.row = row
        self.column = column
