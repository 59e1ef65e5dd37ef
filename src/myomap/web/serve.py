"""``run``: start the web app with uvicorn (``myomap serve``).

Local mode listens on loopback only: a host that is not (0.0.0.0, a LAN address) is
refused, because local mode has no sign-in. Server mode (``--server`` or MYOMAP_SERVER)
may listen anywhere; behind a reverse proxy, X-Forwarded-For and -Proto are believed from
``MYOMAP_TRUSTED_PROXIES`` only, by the app itself (``web/app.py``), never by uvicorn.
"""

from __future__ import annotations

import ipaddress
import os

import uvicorn

from myomap.errors import MyomapError
from myomap.settings import ENV_PREFIX, Settings

__all__ = ["is_loopback", "run"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _migrate(settings: Settings) -> None:
    """Bring the database schema up to date once, before any worker starts."""
    from myomap.db import Store

    Store.open(settings.database_url).close()


def run(
    host: str | None = None,
    port: int | None = None,
    workers: int | None = None,
    *,
    server: bool | None = None,
) -> None:
    """Serve the app; arguments left as None come from the ``MYOMAP_*`` settings."""
    if server:
        os.environ[f"{ENV_PREFIX}SERVER"] = "true"  # the workers read their settings anew
    settings = Settings()
    host = host if host is not None else settings.host
    if not settings.server and not is_loopback(host):
        raise MyomapError(
            f"Local mode has no sign-in, so it listens on this computer only (127.0.0.1), "
            f"not on {host}. To serve other people, use server mode: "
            f"`myomap serve --server --host {host}` (accounts, HTTPS behind a proxy: "
            f"docs/deployment.md).",
            field="host",
            value=host,
        )
    _migrate(settings)
    uvicorn.run(
        "myomap.web.app:create_app",
        factory=True,
        host=host,
        port=port if port is not None else settings.port,
        workers=workers if workers is not None else settings.workers,
        log_level=settings.log_level,
        proxy_headers=False,  # the app believes MYOMAP_TRUSTED_PROXIES only (web/app.py)
        server_header=False,
        ws="none",  # no WebSocket routes: the protocol modules need not load
    )
