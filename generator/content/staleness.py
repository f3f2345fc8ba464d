"""When a case's facts count as old: more than 24 months after they were last confirmed.

A reader in another municipality must be able to tell a project described last month from one
described four years ago, so the case page shows a discreet note and `smartcity review --stale`
lists such cases for the secretariat. Both call `stale_since`, so they never disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt

STALE_AFTER_MONTHS = 24


def confirmed_on(meta: dict) -> dt.date | None:
    """The day the case's facts were last confirmed: `reviewed`, else `published`.

    Dates are read as the validator reads them (`YYYY-MM-DD` text; `datetime.date` is accepted
    too). When both are valid the later one counts, so a `reviewed` that is wrongly older than
    `published` (already an error) does not make a fresh case look old.
    """
    dates = [d for d in (_date(meta.get("reviewed")), _date(meta.get("published"))) if d]
    return max(dates) if dates else None


def stale_since(meta: dict, today: dt.date) -> dt.date | None:
    """The first day on which the case counted as stale, or None while it is fresh.

    A case is stale when its facts were confirmed more than 24 months before `today` (see
    `confirmed_on`); on the 24-month anniversary itself it is still fresh. A case without a
    readable date is not called stale: the validator already reports the missing date.

    Parameters:
        meta: the case's front matter as plain data (`Document.meta`).
        today: the build's date, `generator.content.project.today()`.

    Returns:
        The day after the 24-month anniversary, if that day is on or before `today`.
    """
    confirmed = confirmed_on(meta)
    if confirmed is None:
        return None
    since = add_months(confirmed, STALE_AFTER_MONTHS) + dt.timedelta(days=1)
    return since if since <= today else None


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; the 29th of February becomes the 28th in other years."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
