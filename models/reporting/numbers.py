"""Numbers as the office writes them: plain digits (5075), large money in 万元 (340万元), approximations as entered."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (chapter numbers, 第四届)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones or not tens else "")


def plain(value_centi: int) -> str:
    """A value stored ×100, in plain digits without separators: 507500 → '5075', 1234 → '12.34'."""
    return f"{Decimal(value_centi) / 100:.2f}".rstrip("0").rstrip(".")


def with_unit(value_centi: int, unit: str, as_entered: str = "") -> str:
    """'5075个', '14个'; money of 10000 元 and more in 万元 (340万元, 46.01万元); an approximation as it was
    entered, with its unit (200余家, 近300万元)."""
    if as_entered:
        return f"{as_entered}{unit}"
    if unit == "元" and abs(value_centi) >= 1_000_000:
        return f"{wan(value_centi)}万元"
    return f"{plain(value_centi)}{unit}"


def wan(value_centi: int) -> str:
    """元 stored as fen → 万 with at most two decimals: 340000000 → '340', 46012350 → '46.01'."""
    number = (Decimal(value_centi) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number:f}".rstrip("0").rstrip(".")


def percent(rate: float) -> str:
    """0.96 → '96%', 0.875 → '87.5%': one decimal at most, none when it is .0."""
    return f"{rate * 100:.1f}".removesuffix(".0") + "%"
