"""The report's sentence on party dues: what was due over the period, what was paid, the share collected."""
from __future__ import annotations

import datetime as dt

from models.records.dues_accounts import period_totals
from models.reporting.numbers import percent, with_unit


def dues_sentence(date_from: dt.date, date_to: dt.date, today: dt.date, when: str) -> str:
    """全年应交党费1.44万元，实交1.38万元，收缴率95.8%。 — '' when no dues were kept for the period.

    收缴率 counts each month up to its amount due (paying more is welcome, but does not make up another
    member's month), and is cut, not rounded, so 100% means every month owed was paid."""
    totals = period_totals(date_from, date_to, today)
    if not totals["due_fen"]:
        return ""
    rate = totals["collected_fen"] * 1000 // totals["due_fen"] / 1000
    return (f"{when}应交党费{with_unit(totals['due_fen'], '元')}，实交{with_unit(totals['paid_fen'], '元')}，"
            f"收缴率{percent(rate)}。")
