"""Validators: the right Chinese message for bad input, and nothing but ValidationError for any input."""
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from models.records import validation as v
from models.records.validation import ValidationError

ANYTHING = st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.booleans(), st.decimals(),
                     st.dates(), st.datetimes(), st.binary(), st.lists(st.integers(), max_size=3),
                     st.tuples(st.integers()), st.text(alphabet="0123456789-/.年月日 ", max_size=14))


def message(check, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as e:
        check(*args, **kwargs)
    return next(iter(e.value.errors.values()))


VALIDATORS = {
    "text": lambda x: v.text(x, "名称", 10, required=True),
    "choice": lambda x: v.choice(x, "性别", {"male": "男"}),
    "date": lambda x: v.date(x, "日期", not_after=dt.date(2030, 1, 1)),
    "phone": v.phone,
    "credit_code": v.credit_code,
    "centi": lambda x: v.centi(x, "数值"),
}


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@settings(max_examples=300, deadline=None)
@given(value=ANYTHING)
def test_any_input_raises_only_validation_error(name, value):
    try:
        VALIDATORS[name](value)
    except ValidationError as e:
        assert e.errors and all(isinstance(m, str) and m for m in e.errors.values())


# A real code: the check character of 51330100MJ0000000 is computed by the standard's weights.
VALID_CODE = "51330100MJ0000000" + v.credit_check_char("51330100MJ0000000")


def test_published_credit_codes_pass():
    # The example code printed in GB 32100-2015, a foundation's published code, and one built here.
    for code in ("91350100M000100Y43", "53100000500021676K", VALID_CODE):
        assert v.credit_code(code) == code


def test_credit_code_normalises_case_and_width():
    assert v.credit_code(" " + VALID_CODE.lower() + " ") == VALID_CODE
    assert v.credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"


@pytest.mark.parametrize("code, words", [
    ("91350100M000100Y4", "18 位"),
    ("91350100M000100Y44", "校验位"),
    ("91350100M000100I43", "不允许的字符"),
    ("91AB0100M000100Y43", "行政区划"),
])
def test_bad_credit_codes_say_why(code, words):
    assert words in message(v.credit_code, code)


@given(st.text(alphabet=v.CREDIT_CHARS, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()))
def test_every_code_with_its_check_char_passes_and_any_other_fails(body):
    good = body + v.credit_check_char(body)
    assert v.credit_code(good) == good
    wrong = next(c for c in v.CREDIT_CHARS if c != good[-1])
    with pytest.raises(ValidationError):
        v.credit_code(body + wrong)


@pytest.mark.parametrize("raw, expected", [
    ("2022-09-30", dt.date(2022, 9, 30)), ("2022/9/3", dt.date(2022, 9, 3)),
    ("2022年9月30日", dt.date(2022, 9, 30)), ("20220930", dt.date(2022, 9, 30)),
    ("２０２２－０９－３０", dt.date(2022, 9, 30)), (dt.datetime(2022, 9, 30, 8), dt.date(2022, 9, 30)),
])
def test_dates_in_the_ways_people_write_them(raw, expected):
    assert v.date(raw, "日期") == expected


def test_impossible_and_future_dates():
    assert "不是真实存在" in message(v.date, "2023-02-29", "出生日期")
    assert "无法识别" in message(v.date, "去年", "出生日期")
    assert "不能晚于" in message(v.date, "2031-01-01", "入党日期", not_after=dt.date(2030, 1, 1))
    assert "1900" in message(v.date, "1899-12-31", "出生日期")


@pytest.mark.parametrize("good", ["13812345678", "0571-87654321", "057187654321", "87654321", "+86 138 1234 5678",
                                  "0571-87654321-808"])
def test_phone_numbers_accepted(good):
    assert v.phone(good)


@pytest.mark.parametrize("bad", ["1381234567", "23812345678", "电话", "12345"])
def test_phone_numbers_refused(bad):
    assert "格式不对" in message(v.phone, bad)


def test_amounts_are_exact():
    assert v.centi("3,400,000", "捐赠资金") == 340_000_000
    assert v.centi(0.1, "x") + v.centi(0.2, "x") == v.centi("0.3", "x")
    assert v.centi(Decimal("12.34"), "x") == 1234
    assert "负数" in message(v.centi, "-1", "捐赠资金")
    assert "应为数字" in message(v.centi, "三百", "捐赠资金")
    assert "两位小数" in message(v.centi, "1.234", "捐赠资金")
    assert "过大" in message(v.centi, "1e30", "捐赠资金")


def test_text_length_and_required():
    assert "最多 5 个字" in message(v.text, "一二三四五六", "姓名", 5)
    assert "请填写姓名" == message(v.text, "   ", "姓名", 5, required=True)
    assert v.text("  张三 ", "姓名", 5) == "张三"


@pytest.mark.parametrize("entered, centi, kept", [
    ("200余", 20000, "200余"), ("近300万", 300000000, "近300万"), ("超5000", 500000, "超5000"), ("约50", 5000, "约50"),
    ("超46万余", 46000000, "超46万余"), ("1051", 105100, ""), ("46.01", 4601, ""), ("3,400,000", 340000000, ""),
    (12, 1200, ""), ("１２４００余", 1240000, "12400余")])
def test_a_figure_may_be_approximate_and_keeps_its_words(entered, centi, kept):
    assert v.figure_value(entered, "数值") == (centi, kept)


@pytest.mark.parametrize("entered", ["很多", "300万左右的", "-5", "近", "1.234"])
def test_a_figure_that_is_no_number_is_refused_in_chinese(entered):
    with pytest.raises(v.ValidationError, match="数值"):
        v.figure_value(entered, "数值")


def test_a_flag_reads_yes_and_no():
    assert [v.flag(x, "亮点") for x in (True, 1, "是", "", None, "否", 0)] == [True] * 3 + [False] * 4
    with pytest.raises(v.ValidationError, match="亮点"):
        v.flag("也许", "亮点")
