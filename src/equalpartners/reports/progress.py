"""How a report's generation stands, in the words the pages use: never generated, generating
(which section of how many), ready, or failed (including a run that stopped beating because
its process ended), read from the report's latest run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from equalpartners.reports.models import Report, RunStatus
from equalpartners.reports.registry import SECTION_BY_KEY
from equalpartners.reports.selectors import latest_run_of

STOPPED = (
    "Generating stopped before it finished, perhaps because the server restarted. "
    "Generate it again."
)


@dataclass(frozen=True)
class Progress:
    status: RunStatus | None  # None: never generated
    run_id: int | None = None
    done: int = 0
    total: int = 0
    current_title: str = ""
    error: str = ""

    @property
    def running(self) -> bool:
        return self.status == RunStatus.RUNNING

    @property
    def failed(self) -> bool:
        return self.status == RunStatus.FAILED

    @property
    def step_text(self) -> str:
        """ "Gathering section 3 of 7: Outputs", or the last step once every section is in."""
        if self.current_title:
            return f"Gathering section {self.done + 1} of {self.total}: {self.current_title}"
        return f"All {self.total} sections gathered. Finishing"

    @property
    def label(self) -> str:
        if self.status is None:
            return "Not generated"
        return RunStatus(self.status).label


def progress_of(report: Report, now: dt.datetime) -> Progress:
    run = latest_run_of(report)
    if run is None:
        return Progress(status=None)
    status = run.state_at(now)
    error = run.error
    if status == RunStatus.FAILED and not error:
        error = STOPPED
    current = SECTION_BY_KEY.get(run.current_section)
    return Progress(
        status=status,
        run_id=run.pk,
        done=run.done_sections,
        total=run.total_sections,
        current_title=current.title if current is not None else "",
        error=error,
    )
