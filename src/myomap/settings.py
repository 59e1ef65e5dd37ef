"""The settings of the web app, declared once: each has a default and a description.

Every setting can be given as an environment variable with the ``MYOMAP_`` prefix
(``MYOMAP_PORT=8080``). docs/configuration.md lists them all, and a test keeps that page
in step with this class.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ENV_PREFIX", "Settings"]

ENV_PREFIX = "MYOMAP_"

LogLevel = Literal["critical", "error", "warning", "info", "debug", "trace"]


class Settings(BaseSettings):
    """How ``myomap serve`` runs; read from ``MYOMAP_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True)

    host: str = Field(default="127.0.0.1", description="Interface the web server listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port the web server listens on.")
    workers: int = Field(
        default=1, ge=1, description="Worker processes; each loads the atlas once."
    )
    log_level: LogLevel = Field(
        default="info", description="Server log level: critical, error, warning, info or debug."
    )
    atlas_path: Path | None = Field(
        default=None,
        description="Folder of an atlas to load instead of the built-in one (for editors).",
    )
    database_url: str | None = Field(
        default=None,
        description="Database for the diary: sqlite:///PATH or postgresql://USER@HOST/DB "
        "(none: myomap.db in the user data folder).",
    )
    server: bool = Field(
        default=False,
        description="Server mode: every page and API call needs an account "
        "(off: one local person, no sign-in, loopback only).",
    )
    session_hours: int = Field(
        default=336, ge=1, description="How long a sign-in (cookie session) lasts, in hours."
    )
    session_idle_minutes: int = Field(
        default=120,
        ge=1,
        description="A sign-in (cookie session) ends after this many minutes without a request.",
    )
    token_hours: int = Field(
        default=720, ge=1, description="How long an API access token lasts, in hours."
    )
    max_body_bytes: int = Field(
        default=1_048_576, ge=1024, description="Largest request body accepted (413 above)."
    )
    login_limit: int = Field(
        default=10,
        ge=0,
        description="Sign-in attempts per minute from one address (0: no limit).",
    )
    signup_limit: int = Field(
        default=5,
        ge=0,
        description="Sign-ups per hour from one address (0: no limit).",
    )
    assess_limit: int = Field(
        default=120,
        ge=0,
        description="Assessments per minute per account (0: no limit).",
    )
    trusted_origins: str = Field(
        default="",
        description="Other origins (https://host:port, comma-separated) whose pages may "
        "send state-changing requests; the site's own origin is always allowed.",
    )
    trusted_proxies: str = Field(
        default="",
        description="Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are "
        "believed: comma-separated addresses or networks (10.0.0.2, 172.28.0.0/24); "
        "none by default, so a client cannot choose the address its limits count against.",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis for rate limits shared by every worker and instance, "
        "redis://HOST:PORT/DB (none: counted in each process).",
    )
    write_limit: int = Field(
        default=60,
        ge=0,
        description="Writes (POST, PUT, DELETE) per minute per account (0: no limit).",
    )
    quota_entries: int = Field(
        default=20_000, ge=0, description="Diary entries one account may keep (0: no limit)."
    )
    quota_assessments: int = Field(
        default=5_000, ge=0, description="Saved assessments one account may keep (0: no limit)."
    )
    quota_text: int = Field(
        default=5_000_000,
        ge=0,
        description="Characters of notes one account may keep in all (0: no limit).",
    )
