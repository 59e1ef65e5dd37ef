"""The web app: HTML pages and the JSON API over one engine, built by ``create_app``."""

from myomap.web.app import create_app

__all__ = ["create_app"]
