"""The ``equalpartners`` command: demo, serve, manage (and the engines' own commands).

equalpartners demo [--port 8000]     set up the SQLite demo and serve it on loopback
equalpartners serve [--bind ...]     run the production server (gunicorn + whitenoise)
equalpartners manage ARGS...         any Django management command
equalpartners notifications          make due reminders, send and retry email, daily summaries
equalpartners tally FILE [--method]  count an election file with the voting engine
equalpartners groups PEOPLE.csv ...  plan seating rounds that mix people and never repeat a pair
equalpartners introductions ...      introduce people whose assets meet each other's needs
equalpartners network TIES.csv ...   measure a network of ties: density, mixing, brokerage
"""

from __future__ import annotations

import argparse
import os
import sys


def _django(mode: str | None = None) -> None:
    if mode:
        os.environ.setdefault("EQUALPARTNERS_MODE", mode)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalpartners.settings")
    import django

    django.setup()


def demo(args: argparse.Namespace) -> int:
    os.environ["EQUALPARTNERS_MODE"] = "demo"
    _django()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Preparing the demo database in {settings.DATA_DIR} ...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo_load")
    address = f"http://127.0.0.1:{args.port}/"
    print(f"\nEqual Partners is running at {address}  (press Ctrl+C to stop)", flush=True)
    from equalpartners.server import serve

    serve(bind=f"127.0.0.1:{args.port}", workers=1, access_log=False)
    return 0


def run_server(args: argparse.Namespace) -> int:
    _django("production")
    from django.core.management import call_command

    call_command("collectstatic", verbosity=0, interactive=False)
    if args.migrate:
        call_command("migrate", interactive=False)
    from equalpartners.server import serve

    serve(bind=args.bind, workers=args.workers, threads=args.threads)
    return 0


def notifications(args: argparse.Namespace) -> int:
    _django()
    from equalpartners.notifications.services import notifications_run

    summary = notifications_run()
    for line in summary.lines():
        print(line)
    return 0


def manage(argv: list[str]) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["equalpartners manage", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        return _dispatch(sys.argv[1:] if argv is None else argv)
    except ImproperlyConfigured as problem:
        # A missing or wrong setting is the operator's to fix: say which, without a traceback.
        print(
            f"equalpartners: {problem}. The settings are described in docs/settings.md;"
            " `equalpartners demo` needs none.",
            file=sys.stderr,
        )
        return 2


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] == "manage":
        return manage(argv[1:])
    if argv and argv[0] == "tally":
        from equalpartners.engines.voting.cli import main as tally

        return tally(argv[1:])
    if argv and argv[0] == "groups":
        from equalpartners.engines.mixing.cli import groups

        return groups(argv[1:])
    if argv and argv[0] == "introductions":
        from equalpartners.engines.mixing.cli import introductions

        return introductions(argv[1:])
    if argv and argv[0] == "network":
        from equalpartners.engines.networks.cli import main as network

        return network(argv[1:])
    parser = argparse.ArgumentParser(
        prog="equalpartners",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo_parser = commands.add_parser("demo", help="run the demo partnership on this computer")
    demo_parser.add_argument("--port", type=int, default=8000)
    demo_parser.set_defaults(handler=demo)
    serve_parser = commands.add_parser("serve", help="run the production web server")
    serve_parser.add_argument("--bind", default=os.environ.get("BIND", "0.0.0.0:8000"))
    serve_parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))
    serve_parser.add_argument("--threads", type=int, default=4)
    serve_parser.add_argument(
        "--migrate", action="store_true", help="apply database migrations before serving"
    )
    serve_parser.set_defaults(handler=run_server)
    commands.add_parser("manage", help="run a Django management command")
    notifications_parser = commands.add_parser("notifications", help="send notifications (cron)")
    notifications_parser.set_defaults(handler=notifications)
    commands.add_parser("tally", help="count an election file (see docs/engines/voting.md)")
    commands.add_parser("groups", help="plan seating rounds (see docs/engines/mixing.md)")
    commands.add_parser("introductions", help="match assets to needs (docs/engines/mixing.md)")
    commands.add_parser("network", help="measure a network of ties (docs/engines/networks.md)")
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
