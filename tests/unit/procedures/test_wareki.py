"""和暦 and 西暦 dates as citizens say them and clerks type them."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.procedures.wareki import DateError, parse_date, to_wareki


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昭和20年3月1日", dt.date(1945, 3, 1)),
        ("昭和２０年３月１日", dt.date(1945, 3, 1)),  # full-width digits
        ("S20.3.1", dt.date(1945, 3, 1)),
        ("s20/03/01", dt.date(1945, 3, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R1-5-1", dt.date(2019, 5, 1)),
        ("令和6年 4月 1日", dt.date(2024, 4, 1)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("大正15年12月24日", dt.date(1926, 12, 24)),
        ("明治45年7月29日", dt.date(1912, 7, 29)),
        ("1945年3月1日", dt.date(1945, 3, 1)),
        ("西暦1945年3月1日", dt.date(1945, 3, 1)),
        ("1945/3/1", dt.date(1945, 3, 1)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_reads_the_ways_people_write_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("平成31年5月1日", "平成の期間にありません"),  # that day is 令和元年
        ("昭和64年1月8日", "昭和の期間にありません"),
        ("昭和65年1月1日", "昭和の期間にありません"),
        ("令和0年1月1日", "0年"),
        ("2023年2月29日", "ありません"),
        ("昭和20年13月1日", "ありません"),
        ("きのう", "読めません"),
        ("", "読めません"),
    ],
)
def test_refuses_dates_that_do_not_exist_and_says_why(text: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        parse_date(text)


def test_prints_dates_back_in_wareki() -> None:
    assert to_wareki(dt.date(1945, 3, 1)) == "昭和20年3月1日"
    assert to_wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert to_wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"
