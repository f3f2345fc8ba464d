"""Markdown for GitHub comments (the review report, the answer on an issue), from templates.

Everything a template prints is escaped for Markdown unless it is marked safe (`Markup`), so a
contributor's title cannot @mention a team, close an issue with `#12`, inject a link or break a
table. The `code` and `url` filters make safe code spans and autolinks.
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|@~&:])")


def escape(value: object) -> str:
    """Text that renders as itself in GitHub Markdown, on one line."""
    text = " ".join(str(value).split())
    return _SPECIAL.sub(r"\\\1", text)


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape(value)


def code(value: object) -> Markup:
    """A code span that holds any text, backticks included."""
    text = " ".join(str(value).split())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def url(value: object) -> Markup:
    """A clickable autolink for a plain URL, else the URL as a code span."""
    text = str(value)
    if re.fullmatch(r"https?://[^\s<>`\\]+", text):
        return Markup(f"<{text}>")
    return code(text)


def percent(score: float) -> str:
    return f"{round(score * 100)} %"


def number(value: float) -> str:
    """Danish decimal comma: `38,4`."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=False,  # Markdown, not HTML: `finalize` escapes instead
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(code=code, url=url, percent=percent, number=number)
    return env
