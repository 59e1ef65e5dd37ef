"""``run``: start the web app with uvicorn (``myomap serve``)."""

from __future__ import annotations

import uvicorn

from myomap.settings import Settings

__all__ = ["run"]


def run(host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    """Serve the app; arguments left as None come from the ``MYOMAP_*`` settings."""
    settings = Settings()
    uvicorn.run(
        "myomap.web.app:create_app",
        factory=True,
        host=host if host is not None else settings.host,
        port=port if port is not None else settings.port,
        workers=workers if workers is not None else settings.workers,
        log_level=settings.log_level,
    )
