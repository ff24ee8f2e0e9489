"""Benchmark: the demo's learning report as a PDF, target under 5 s.

Run from the repository root with the virtual environment active:

    python bench/networks/report_pdf.py             # prints one JSON line
    python bench/networks/report_pdf.py --repeat 5  # more warm runs

What it does:
1. makes a temporary data folder with a fresh SQLite database, migrates it and loads the demo
   story (``equalpartners.demo.story.load_story``), in a child process;
2. in a second, fresh child process, creates a learning report of the demo partnership's whole
   life with every section, and times generating it, as the app does after "Create": gathering
   each section from the records, rendering it as HTML and Markdown, then making the tagged PDF
   (WeasyPrint, PDF/UA-1) from them. ``seconds`` is the first run in that process, which also
   loads WeasyPrint and its fonts: what the first report after a restart costs.
   ``warm_seconds`` is the best of the runs after it; ``pdf_seconds`` the best of as many
   runs of the PDF alone.
   ``peak_mib`` is that process's peak resident memory (VmHWM), Django and WeasyPrint included.

It prints progress to stderr and one JSON line to stdout:
{"name": "demo learning report PDF", "seconds": ..., "peak_mib": ..., ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NAME = "demo learning report PDF"
TARGET_SECONDS = 5.0


def _environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        {
            "EQUALPARTNERS_MODE": "demo",
            "EQUALPARTNERS_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "equalpartners.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def _django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def prepare() -> None:
    """Child 1: migrate the fresh database and load the demo story."""
    _django()
    from django.core.management import call_command

    from equalpartners.demo.story import load_story

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    load_story()
    print(f"demo story loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(repeat: int) -> dict[str, Any]:
    """Child 2: time generating the demo's report, sections and PDF, in this fresh process."""
    _django()
    from django.contrib.auth import get_user_model
    from django_scopes import scope, scopes_disabled

    from equalpartners.demo.story import SIGN_INS, SLUG
    from equalpartners.partnerships import selectors as partnership_selectors
    from equalpartners.reports import selectors, services
    from equalpartners.reports.models import RunStatus

    with scopes_disabled():
        partnership = partnership_selectors.partnership_by_slug(slug=SLUG)
        actor = get_user_model().objects.get(username=SIGN_INS[0].email)
    assert partnership is not None, "the demo story did not load"
    with scope(partnership=partnership):
        since, until = selectors.whole_life(partnership=partnership)
        report = services.report_create(
            actor=actor,
            partnership=partnership,
            title="Equal Partners: what we learned working together",
            since=since,
            until=until,
        )
        times, pdf_times = [], []
        for _ in range(1 + repeat):
            started = time.perf_counter()
            run = services.report_generate(actor=actor, report=report, wait=True)
            if run.status != RunStatus.DONE:
                raise SystemExit(f"generating the report failed: {run.error}")
            report.refresh_from_db()
            pdf_started = time.perf_counter()
            made = services.snapshot_pdf(report=report)  # the first download makes the PDF
            assert made is not None
            pdf = made[1]
            ended = time.perf_counter()
            times.append(ended - started)
            pdf_times.append(ended - pdf_started)
    return {
        "name": NAME,
        "seconds": round(times[0], 3),
        "peak_mib": _peak_mib(),
        "warm_seconds": round(min(times[1:]), 3),
        "pdf_seconds": round(min(pdf_times[1:]), 3),
        "measures": f"generating the report: gathering its {len(run.sections)} sections from "
        "the records and rendering them as HTML and Markdown, then the tagged PDF (WeasyPrint, "
        "PDF/UA-1) that the first download makes; 'seconds' is the first run in a fresh "
        "process (loading WeasyPrint too)",
        "sections": len(run.sections),
        "pdf_bytes": len(pdf),
        "target_seconds": TARGET_SECONDS,
        "target_met": times[0] < TARGET_SECONDS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm runs after the first")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return 0
    if args.measure:
        print(json.dumps(measure(max(1, args.repeat))))
        return 0
    with tempfile.TemporaryDirectory(prefix="report-pdf-") as folder:
        data_dir = Path(folder)
        env = _environment(data_dir)
        script = str(Path(__file__).resolve())
        print(f"Loading the demo story into {data_dir} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, script, "--prepare", folder], env=env, check=True)
        print("Generating the report ...", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, script, "--measure", folder, "--repeat", str(args.repeat)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        sys.stderr.write(done.stderr)
        print(done.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
