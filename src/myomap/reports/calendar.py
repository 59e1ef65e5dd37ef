"""The self-care plan as iCalendar reminders: one daily recurring event per plan step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from myomap.diary.plan import PlanStep

__all__ = ["plan_calendar"]

PRODID = "-//myomap//self-care plan//EN"


def plan_calendar(
    plan: Sequence[PlanStep],
    *,
    start: date,
    at: time = time(8, 0),
    zone: str = "UTC",
    days: int = 28,
    spacing: timedelta = timedelta(minutes=15),
) -> bytes:
    """An .ics calendar: each step daily for ``days`` days, from ``start`` at ``at``
    (steps spaced by ``spacing``), with a reminder when it is due."""
    tz = ZoneInfo(zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "myomap self-care plan")
    first = datetime.combine(start, at, tzinfo=tz)
    for n, step in enumerate(plan):
        begins = first + n * spacing
        event = Event()
        event.add("uid", f"{step.id}-{start.isoformat()}@myomap")
        event.add("summary", f"{step.title} ({step.muscle_name}, {step.side})")
        event.add("description", f"{step.how}\n{step.dose}\nPlan step: {step.id}")
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=10))
        event.add("dtstamp", datetime.combine(start, time(0, 0), tzinfo=tz))
        event.add("rrule", {"freq": "daily", "count": days})
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", step.title)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
