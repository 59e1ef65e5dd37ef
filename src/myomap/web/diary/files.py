"""Files the diary and the clinic hand out: one name pattern, the extension last.

``myomap-report-2026-12-02.pdf`` opens with a double-click or a tap; the date says which
copy is which when several are kept.
"""

from __future__ import annotations

from datetime import date

from fastapi.responses import Response

__all__ = ["attachment", "file_name"]


def file_name(what: str, extension: str, *, day: date | None = None) -> str:
    """``myomap-<what>-<YYYY-MM-DD>.<extension>``."""
    stamp = (day or date.today()).isoformat()
    return f"myomap-{what}-{stamp}.{extension.lstrip('.')}"


def attachment(content: bytes | str, media_type: str, what: str, extension: str) -> Response:
    """A download named by ``file_name``."""
    name = file_name(what, extension)
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
