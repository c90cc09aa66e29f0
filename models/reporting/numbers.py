"""Numbers as people read them: thousands separators, and large amounts the Chinese way (340万元)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def plain(value_centi: int) -> str:
    """A value stored ×100 with thousands separators: 340000010 → '3,400,000.1', 1400 → '14'."""
    number = Decimal(value_centi) / 100
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text


def with_unit(value_centi: int, unit: str) -> str:
    """'3,400,000 元', '14 个'; money of 10,000 元 and more in 万元 (340万元, 46.01万元)."""
    if unit == "元" and abs(value_centi) >= 1_000_000:
        return f"{wan(value_centi)}万元"
    return f"{plain(value_centi)}{unit}"


def wan(value_centi: int) -> str:
    """元 stored as fen → 万 with at most two decimals: 340000000 → '340', 46012350 → '46.01'."""
    number = (Decimal(value_centi) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number:f}".rstrip("0").rstrip(".")
