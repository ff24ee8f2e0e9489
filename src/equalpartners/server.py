"""Serving the WSGI application with gunicorn, from our own command line."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):  # gunicorn ships no type hints: the base is Any
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def serve(*, bind: str, workers: int, threads: int = 4, access_log: bool = True) -> None:
    from equalpartners.wsgi import application

    Server(
        application,
        {
            "bind": bind,
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-" if access_log else None,
            "timeout": 60,
            "forwarded_allow_ips": "127.0.0.1",
        },
    ).run()
