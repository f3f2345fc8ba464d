"""Danish formats on the site: dates, numbers, money, periods."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.taxonomy import danish_slug
from generator.site.formatting import danish_date, danish_number, kroner, period


@pytest.mark.parametrize(
    "value, text",
    [
        ("2024-03-03", "3. marts 2024"),
        (dt.date(2025, 12, 24), "24. december 2025"),
        ("2026-05-01", "1. maj 2026"),
        (None, ""),
    ],
)
def test_danish_date(value, text):
    assert danish_date(value) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (2500000, "2.500.000"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (-12.5, "-12,5"),
        (0.25, "0,25"),
        (3.0, "3"),
        (1234567.89, "1.234.567,89"),
    ],
)
def test_danish_number(value, text):
    assert danish_number(value) == text


def test_kroner_and_period():
    assert kroner(2500000) == "2.500.000 kr."
    assert period(2017, None) == "Siden 2017"
    assert period(2017, 2021) == "2017–2021"
    assert period(2020, 2020) == "2020"


@pytest.mark.parametrize(
    "name, slug",
    [
        ("København", "koebenhavn"),
        ("Høje-Taastrup", "hoeje-taastrup"),
        ("Ærø", "aeroe"),
        ("Lyngby-Taarbæk", "lyngby-taarbaek"),
        ("Aabenraa", "aabenraa"),
        ("Brønderslev", "broenderslev"),
    ],
)
def test_danish_slug(name, slug):
    assert danish_slug(name) == slug
