"""One daily reminder as iCalendar: at a time the person chooses, every day, from its next
occurrence; its description lists the self-care plan, and it links to the diary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from myomap.diary.plan import PlanStep

__all__ = ["daily_reminder", "next_occurrence"]

PRODID = "-//myomap//daily reminder//EN"


def next_occurrence(at: time, zone: str, now: datetime) -> datetime:
    """The next time the clock in ``zone`` shows ``at``: today if still ahead, else tomorrow."""
    local_now = now.astimezone(ZoneInfo(zone))
    today = datetime.combine(local_now.date(), at, tzinfo=ZoneInfo(zone))
    return today if today > local_now else today + timedelta(days=1)


def daily_reminder(
    plan: Sequence[PlanStep],
    *,
    at: time,
    zone: str,
    now: datetime,
    link: str = "",
) -> bytes:
    """An .ics with one event recurring daily (RRULE:FREQ=DAILY) and one alarm."""
    starts = next_occurrence(at, zone, now)
    steps = "\n".join(f"- {s.title} ({s.muscle_name}, {s.side}): {s.dose}" for s in plan)
    description = "How is your pain today? Log it in your myomap diary."
    if steps:
        description += "\n\nYour self-care plan:\n" + steps
    event = Event()
    event.add("uid", f"daily-reminder-{starts:%Y%m%d}-{at:%H%M}@myomap")
    event.add("summary", "myomap: log today's pain")
    event.add("description", description + (f"\n\n{link}" if link else ""))
    if link:
        event.add("url", link)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=10))
    event.add("dtstamp", now)
    event.add("rrule", {"freq": "daily"})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Log today's pain in myomap")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "myomap daily reminder")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
