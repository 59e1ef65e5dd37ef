"""The diary, report, backup and database commands of the ``myomap`` CLI.

    myomap diary add --pain REGION:INTENSITY[,…] --overall N [--note TEXT] [--at ISO-8601]
    myomap diary list [--json] | show ID | delete ID | undo ID
    myomap report pdf|fhir|json|csv|ics --out FILE
    myomap backup FILE / myomap restore FILE [--force]
    myomap db upgrade

The database is ``MYOMAP_DATABASE_URL`` or the default SQLite file. Each command is one
call into ``myomap.db`` or ``myomap.reports``; errors are MyomapErrors that ``main``
prints.
"""

from __future__ import annotations

import json
import sys
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from myomap.cli.output import print_json
from myomap.errors import EvidenceError, MyomapError

if TYPE_CHECKING:
    from myomap.db import Store
    from myomap.diary import Entry

__all__ = ["register_diary_commands"]


diary_app = typer.Typer(
    help="Keep a pain diary: add, list, show, delete.", add_completion=False, rich_markup_mode=None
)
db_app = typer.Typer(help="Manage the diary database.", add_completion=False, rich_markup_mode=None)


class ReportFormat(StrEnum):
    pdf = "pdf"
    fhir = "fhir"
    json = "json"
    csv = "csv"
    ics = "ics"


def _store() -> Store:
    from myomap.db import Store

    return Store.open()


def _parse_pain(text: str) -> dict[str, int]:
    pain: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        region, colon, value = item.partition(":")
        region = region.strip()
        if not colon or not value.strip().lstrip("-").isdigit():
            raise EvidenceError(
                f"{item!r} is not REGION:INTENSITY: write for example "
                "lumbar_paraspinal_r:6,sacrum:3 with intensities from 0 to 10.",
                field="pain",
                value=item,
            )
        if region in pain:
            raise EvidenceError(f"Region {region!r} is given twice.", field="pain", value=region)
        pain[region] = int(value)
    return pain


def _line(entry: Entry) -> str:
    where = ", ".join(f"{r}:{i}" for r, i in entry.pain.items())
    note = f"  {entry.note}" if entry.note else ""
    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{entry.id:>5}  {when}  overall {entry.overall:>2}  {where}{note}"


@diary_app.command("add")
def diary_add(
    pain: Annotated[
        str, typer.Option(help="Pain per region, REGION:INTENSITY,… e.g. sacrum:6,groin_r:3.")
    ],
    overall: Annotated[int, typer.Option(help="Overall pain now, 0 (none) to 10 (worst).")],
    note: Annotated[str, typer.Option(help="A note in your own words.")] = "",
    at: Annotated[
        str | None,
        typer.Option(help="When (ISO-8601, e.g. 2025-03-01T08:30); default now, local time."),
    ] = None,
    quality: Annotated[
        list[str] | None, typer.Option(help="How it feels: aching, burning, sharp…")
    ] = None,
    done: Annotated[
        list[str] | None, typer.Option("--done", help="Self-care done (text or plan step id).")
    ] = None,
    trigger: Annotated[list[str] | None, typer.Option(help="A suspected trigger.")] = None,
) -> None:
    """Add a diary entry (several a day are fine)."""
    entry = _store().add_entry(
        pain=_parse_pain(pain),
        overall=overall,
        note=note,
        at=at,
        quality=quality or [],
        self_care_done=done or [],
        triggers=trigger or [],
    )
    typer.echo(f"added entry {entry.id}")


@diary_app.command("list")
def diary_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")] = False,
    since: Annotated[str | None, typer.Option(help="Only entries from this time on.")] = None,
    until: Annotated[str | None, typer.Option(help="Only entries up to this time.")] = None,
) -> None:
    """List diary entries, oldest first."""
    entries = _store().list_entries(since=since, until=until)
    if as_json:
        print_json([e.model_dump(mode="json") for e in entries])
        return
    if not entries:
        typer.echo("No diary entries yet. Add one with `myomap diary add`.")
    for entry in entries:
        typer.echo(_line(entry))


@diary_app.command("show")
def diary_show(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="Entry id (see diary list).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one diary entry in full."""
    entry = _store().get_entry(entry_id)
    if as_json:
        print_json(entry.model_dump(mode="json"))
        return
    data = entry.model_dump(mode="json")
    for key, value in data.items():
        if key == "pain":
            value = ", ".join(f"{r}:{i}" for r, i in entry.pain.items())
        elif isinstance(value, list):
            value = ", ".join(value)
        typer.echo(f"{key:<15} {'' if value is None else value}")


@diary_app.command("delete")
def diary_delete(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="Entry id (see diary list).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a diary entry (undo with `myomap diary undo ID`)."""
    store = _store()
    entry = store.get_entry(entry_id)
    if not yes and sys.stdin.isatty():
        typer.confirm(f"Delete entry {entry_id}?\n{_line(entry)}\n", abort=True)
    store.delete_entry(entry_id)
    typer.echo(f"deleted entry {entry_id}; undo with `myomap diary undo {entry_id}`")


@diary_app.command("undo")
def diary_undo(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="A deleted entry's id.")],
) -> None:
    """Bring back a deleted diary entry."""
    _store().restore_entry(entry_id)
    typer.echo(f"restored entry {entry_id}")


def _write(path: Path, data: bytes | str) -> None:
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        raise MyomapError(f"Cannot write {path}: {exc.strerror}.", field="out") from exc


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text).replace(second=0, microsecond=0)
    except ValueError:
        raise EvidenceError(f"--at {text!r}: give a time such as 20:00.", field="at") from None


def _zone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise EvidenceError(
            f"--zone {name!r}: use a name such as Europe/Paris.", field="zone"
        ) from None
    return name


def report(
    kind: Annotated[ReportFormat, typer.Argument(metavar="pdf|fhir|json|csv|ics")],
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    since: Annotated[str | None, typer.Option(help="Entries from this time on.")] = None,
    until: Annotated[str | None, typer.Option(help="Entries up to this time.")] = None,
    name: Annotated[str | None, typer.Option(help="Name on the PDF and FHIR report.")] = None,
    at: Annotated[str, typer.Option(help="ics: time of the daily reminder, HH:MM.")] = "20:00",
    zone: Annotated[str, typer.Option(help="ics: IANA time zone of the reminder.")] = "UTC",
) -> None:
    """Write a report: PDF for a clinician, FHIR R4B Bundle, JSON export (re-importable
    with `myomap restore`), CSV of entries, or a daily reminder as iCalendar."""
    from myomap.reports.summary import build_summary

    # Each format loads only its own writer (reportlab, fhir.resources,
    # icalendar), so one report does not pay for the others.
    store = _store()
    if kind is ReportFormat.json:
        _write(out_file, store.export_all().to_json())
    else:
        summary = build_summary(store, since=since, until=until, name=name)
        if kind is ReportFormat.pdf:
            from myomap.reports.pdf import render_pdf

            _write(out_file, render_pdf(summary))
        elif kind is ReportFormat.fhir:
            from myomap.reports.fhir import fhir_bundle

            bundle = fhir_bundle(summary, assessments=store.list_assessments()[::-1])
            _write(out_file, json.dumps(bundle, ensure_ascii=False, indent=1) + "\n")
        elif kind is ReportFormat.csv:
            from myomap.reports.csv_export import entries_csv

            _write(out_file, entries_csv(summary.entries))
        else:
            from myomap.diary.when import now
            from myomap.reports.calendar import daily_reminder

            reminder = daily_reminder(summary.plan, at=_clock(at), zone=_zone(zone), now=now())
            _write(out_file, reminder)
    typer.echo(f"wrote {out_file}")


def backup(
    file: Annotated[Path, typer.Argument(help="Backup file (.json; .db on SQLite).")],
) -> None:
    """Back up the whole diary, consistently, even while the app runs."""
    from myomap.db.backup import backup as run_backup

    counts = run_backup(_store(), file)
    typer.echo(f"backed up {_counted(counts)} to {file}")


def _counted(counts: dict[str, int]) -> str:
    """ "2 entries and 1 assessment": the counts of a backup or a restore."""
    entries, assessments = counts["entries"], counts["assessments"]
    return (
        f"{entries} {'entry' if entries == 1 else 'entries'} and "
        f"{assessments} {'assessment' if assessments == 1 else 'assessments'}"
    )


def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `myomap backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace everything in a non-empty database.")
    ] = False,
) -> None:
    """Restore a backup into an empty database (or replace everything with --force)."""
    from myomap.db.backup import restore as run_restore

    counts = run_restore(_store(), file, force=force)
    typer.echo(f"restored {_counted(counts)}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    from sqlalchemy.exc import SQLAlchemyError

    from myomap.db import configured_url, open_engine, upgrade

    engine = open_engine(configured_url())
    try:
        revision = upgrade(engine)
    except SQLAlchemyError as exc:
        raise MyomapError(f"Could not upgrade {engine.url!r}: {exc}") from exc
    finally:
        engine.dispose()
    typer.echo(f"database at revision {revision}: {engine.url!r}")


def register_diary_commands(app: typer.Typer) -> None:
    """Add diary, report, backup, restore and db to the main CLI."""
    app.add_typer(diary_app, name="diary")
    app.add_typer(db_app, name="db")
    app.command("report")(report)
    app.command("backup")(backup)
    app.command("restore")(restore)
