"""Numbers as the office writes them: no separators, 万元, approximations as entered."""
from models.reporting.numbers import percent, plain, wan, with_unit


def test_plain_and_wan():
    assert plain(340_000_010) == "3400000.1"
    assert plain(1400) == "14" and plain(507_500) == "5075"
    assert wan(340_000_000) == "340"
    assert wan(46_012_350) == "46.01"
    assert with_unit(340_000_000, "元") == "340万元"
    assert with_unit(46_012_350, "元") == "46.01万元"
    assert with_unit(999_900, "元") == "9999元"
    assert with_unit(1_240_000, "单") == "12400单"
    assert with_unit(300_000_000, "元", "近300万") == "近300万元" and with_unit(20_000, "家", "200余") == "200余家"


def test_percent_has_no_needless_decimal():
    assert [percent(r) for r in (0.96, 0.875, 1, 0.3333)] == ["96%", "87.5%", "100%", "33.3%"]
