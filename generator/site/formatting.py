"""Danish formats for dates, numbers and money, used as Jinja filters by the theme."""

from __future__ import annotations

import datetime as dt

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def danish_date(value: dt.date | str | None) -> str:
    """`2024-03-03` -> `3. marts 2024`."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def danish_number(value: int | float | None) -> str:
    """`2500000` -> `2.500.000`, `-12.5` -> `-12,5` (thousands with `.`, decimals with `,`)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{abs(value):.6f}".rstrip("0").partition(".")
        text = f"{int(whole):,}".replace(",", ".") + "," + fraction
        return ("-" if value < 0 else "") + text
    return f"{int(value):,}".replace(",", ".")


def kroner(value: int | None) -> str:
    """`2500000` -> `2.500.000 kr.`"""
    return "" if value is None else f"{danish_number(value)} kr."


def period(started: int, ended: int | None) -> str:
    """`2017, None` -> `Siden 2017`; `2017, 2021` -> `2017–2021`; `2020, 2020` -> `2020`."""
    if ended is None:
        return f"Siden {started}"
    return str(started) if ended == started else f"{started}–{ended}"


FILTERS = {
    "danish_date": danish_date,
    "danish_number": danish_number,
    "kroner": kroner,
}
