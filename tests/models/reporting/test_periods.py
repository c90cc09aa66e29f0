"""Period edges."""
import datetime as dt

from models.records.dates import add_years, as_date, chinese_date
from models.reporting.periods import period_range


def test_period_edges():
    d = dt.date
    assert period_range("month", d(2024, 2, 10)) == (d(2024, 2, 1), d(2024, 2, 29))
    assert period_range("month", d(2023, 12, 31)) == (d(2023, 12, 1), d(2023, 12, 31))
    assert period_range("quarter", d(2024, 9, 30)) == (d(2024, 7, 1), d(2024, 9, 30))
    assert period_range("quarter", d(2024, 10, 1)) == (d(2024, 10, 1), d(2024, 12, 31))
    assert period_range("half", d(2024, 6, 30)) == (d(2024, 1, 1), d(2024, 6, 30))
    assert period_range("half", d(2024, 7, 1)) == (d(2024, 7, 1), d(2024, 12, 31))
    assert period_range("last_year", d(2024, 1, 1)) == (d(2023, 1, 1), d(2023, 12, 31))
    assert period_range("all", d(2024, 1, 1)) == (None, None)


def test_chinese_date_has_no_leading_zeros():
    assert chinese_date(dt.date(2022, 9, 3)) == "2022年9月3日"


def test_a_date_read_from_the_store_as_text_becomes_a_date():
    assert as_date("2022-09-03") == dt.date(2022, 9, 3)
    assert as_date("2022-09-03 00:00:00") == dt.date(2022, 9, 3)  # a MIN over a date column on some backends
    assert as_date(dt.date(2022, 9, 3)) == dt.date(2022, 9, 3)
    assert as_date(None) is None


def test_the_same_day_a_year_back_falls_on_28_february_in_a_common_year():
    assert add_years(dt.date(2024, 2, 29), -1) == dt.date(2023, 2, 28)  # the year before a leap-day period
    assert add_years(dt.date(2024, 12, 31), -1) == dt.date(2023, 12, 31)
