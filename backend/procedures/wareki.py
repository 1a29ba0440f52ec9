"""Dates as people write them on Japanese forms: 西暦 (2024年4月1日, 2024/4/1) and 和暦 (令和6年4月1日,
R6.4.1, 昭和20年3月1日, 令和元年). Full-width digits and spaces are fine.

An era year must exist: 平成31年5月1日 is refused (that day is 令和元年5月1日), and so is 昭和65年.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    first_day: dt.date
    last_day: dt.date | None  # None: the current era


ERAS = (
    Era("明治", "M", dt.date(1868, 10, 23), dt.date(1912, 7, 29)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}

_Y = r"\s*[./\-年]\s*"  # between year and month: 年 or . / -
_M = r"\s*[./\-月]\s*"  # between month and day: 月 or . / -
_WAREKI = re.compile(
    rf"^(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?P<year>元|\d{{1,2}}){_Y}(?P<month>\d{{1,2}}){_M}(?P<day>\d{{1,2}})\s*日?$"
)
_SEIREKI = re.compile(rf"^(?:西暦)?\s*(?P<year>\d{{4}}){_Y}(?P<month>\d{{1,2}}){_M}(?P<day>\d{{1,2}})\s*日?$")


class DateError(ValueError):
    """A date that cannot be read, or does not exist; the message says why in plain words."""


def parse_date(text: str) -> dt.date:
    value = unicodedata.normalize("NFKC", text).strip().upper()
    if match := _WAREKI.match(value):
        era = _BY_NAME[match["era"]]
        year = 1 if match["year"] == "元" else int(match["year"])
        if year < 1:
            raise DateError(f"{era.name}0年という年はありません")
        date = _date(era.first_day.year + year - 1, int(match["month"]), int(match["day"]))
        if date < era.first_day or (era.last_day is not None and date > era.last_day):
            raise DateError(f"{era.name}{year}年{date.month}月{date.day}日は{era.name}の期間にありません")
        return date
    if match := _SEIREKI.match(value):
        return _date(int(match["year"]), int(match["month"]), int(match["day"]))
    raise DateError("日付として読めません（例：昭和20年3月1日、1945年3月1日）")


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{year}年{month}月{day}日という日はありません") from None


def to_wareki(date: dt.date) -> str:
    """令和6年4月1日 — how the date is printed back to the citizen."""
    for era in reversed(ERAS):
        if date >= era.first_day:
            year = date.year - era.first_day.year + 1
            return f"{era.name}{'元' if year == 1 else year}年{date.month}月{date.day}日"
    return f"{date.year}年{date.month}月{date.day}日"
