"""The rates of party dues, as data in one place: 中组部《关于中国共产党党费收缴、使用和管理的规定》(2008).

The regulation's part on paying dues (党费的交纳) sets, per month:
- members on a wage: a share of the monthly wage income after tax (税后工资收入, its fixed parts), in four bands;
- retired members: a share of the monthly pension (离退休费或养老金总额), in two bands;
- farmers: 0.2 to 1 元 a month;
- students, the laid-off and unemployed, and members living on relief or the local minimum living allowance:
  0.2 元 a month.
Each band's upper bound belongs to it (3000元 is 0.5%, 3000.01元 is 1%). A member may pay more, never less
(党员自愿多交党费不限). The regulation names no rounding; the amount due is kept to the fen, rounded half up.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

REGULATION = "中组部《关于中国共产党党费收缴、使用和管理的规定》（2008年）"


@dataclass(frozen=True)
class Bands:
    """A share of the monthly income: (upper bound in fen, that bound included, or None for the rest; rate in ‰)."""
    base_label: str
    bands: tuple[tuple[int | None, int], ...]


@dataclass(frozen=True)
class Fixed:
    """A fixed monthly amount, chosen between lowest and highest (in fen)."""
    lowest: int
    highest: int


CATEGORIES = {"employed": "在职", "retired": "离退休", "farmer": "农民", "student": "学生",
              "unemployed": "下岗失业", "subsistence": "最低生活保障"}
RULES = {
    "employed": Bands("税后月工资收入", ((300000, 5), (500000, 10), (1000000, 15), (None, 20))),
    "retired": Bands("月离退休费（养老金）", ((500000, 5), (None, 10))),
    "farmer": Fixed(20, 100),
    "student": Fixed(20, 20),
    "unemployed": Fixed(20, 20),
    "subsistence": Fixed(20, 20),  # 依靠抚恤或救济生活的、领取当地最低生活保障金的党员
}


def needs_income(category: str) -> bool:
    return isinstance(RULES.get(category), Bands)


def rate_permille(category: str, income_fen: int) -> int:
    """The band's rate in ‰ for a monthly income (in fen)."""
    for upper, rate in RULES[category].bands:
        if upper is None or income_fen <= upper:
            return rate
    raise AssertionError("the last band has no upper bound")


def due_fen(category: str, income_fen: int | None = None, chosen_fen: int | None = None) -> int:
    """The amount due a month, in fen: the band's share of the income, or the fixed amount (a farmer's as chosen
    within 0.2–1元, the lowest when none is chosen). The caller has checked the inputs (see check_amounts)."""
    rule = RULES[category]
    if isinstance(rule, Bands):
        share = Decimal(income_fen) * rate_permille(category, income_fen) / 1000
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return rule.lowest if chosen_fen is None else chosen_fen


def rate_text(category: str, income_fen: int | None = None) -> str:
    """'1%', '1.5%'; '0.2元/月', '0.2–1元/月' — how the ledger and the page show the rate applied."""
    rule = RULES.get(category)
    if isinstance(rule, Bands):
        if income_fen is None:
            return ""
        return f"{Decimal(rate_permille(category, income_fen)) / 10:f}".rstrip("0").rstrip(".") + "%"
    if rule is None:
        return ""
    low, high = (f"{Decimal(x) / 100:f}".rstrip("0").rstrip(".") for x in (rule.lowest, rule.highest))
    return f"{low}元/月" if low == high else f"{low}–{high}元/月"


def check_amounts(category: str, income_fen: int | None, chosen_fen: int | None) -> dict[str, str]:
    """What is wrong with a base's figures for its category, by field ({} when nothing)."""
    rule = RULES[category]
    if isinstance(rule, Bands):
        if income_fen is None:
            return {"income": f"请填写{rule.base_label}（元）"}
        if income_fen <= 0:
            return {"income": f"{rule.base_label}应大于 0"}
        return {}
    if chosen_fen is not None and not rule.lowest <= chosen_fen <= rule.highest:
        return {"due": f"{CATEGORIES[category]}党员每月交纳党费{rate_text(category)}"}
    return {}
