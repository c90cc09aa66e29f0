"""Numbers the Chinese way."""
from models.reporting.numbers import plain, wan, with_unit


def test_plain_and_wan():
    assert plain(340_000_010) == "3,400,000.1"
    assert plain(1400) == "14"
    assert wan(340_000_000) == "340"
    assert wan(46_012_350) == "46.01"
    assert with_unit(340_000_000, "元") == "340万元"
    assert with_unit(46_012_350, "元") == "46.01万元"
    assert with_unit(999_900, "元") == "9,999元"
    assert with_unit(1_240_000, "单") == "12,400单"
