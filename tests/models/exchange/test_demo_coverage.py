"""The demo's party building in the organisations: two years of history the page, home and report can show, every
organisation as its form would take it, nothing covered before it was registered."""
import datetime as dt

import pytest

from models.exchange.demo import fill_demo
from models.records import common as records
from models.records.organisations import FIELDS, check_organisation
from models.records.schema import Activity, Figure, Indicator, Organisation
from models.reporting.coverage_report import DERIVED_INDICATORS, coverage_figures, coverage_sentence
from models.reporting.health import find_problems

DAY = dt.date(2026, 6, 30)


@pytest.mark.parametrize("seed", [1, 4, 8])
def test_the_demo_keeps_two_years_of_coverage_the_forms_would_accept(store, monkeypatch, seed):
    monkeypatch.setattr(records, "today", lambda: DAY)
    fill_demo(300, seed=seed, today=DAY)
    for o in Organisation.select():
        check_organisation({k: getattr(o, k) for k in FIELDS}, o.uuid)
    assert find_problems(only=("coverage",)) == []
    for year in (2025, 2026):
        f = coverage_figures(dt.date(year, 1, 1), min(DAY, dt.date(year, 12, 31)))
        assert f["changes"] and f["instructors"] and f["end"]["rate"] > f["start"]["rate"]
        assert coverage_sentence(dt.date(year, 1, 1), dt.date(year, 12, 31), "全年", DAY)
    this_year = coverage_figures(dt.date(2026, 1, 1), DAY)
    assert this_year["adjusted_joint"] and this_year["end"]["covered"] < this_year["end"]["active"]  # a work list


@pytest.mark.parametrize("seed", [1, 4, 8])
def test_the_demo_types_party_building_figures_only_on_the_history_s_days(store, monkeypatch, seed):
    monkeypatch.setattr(records, "today", lambda: DAY)
    fill_demo(300, seed=seed, today=DAY)
    typed = (Figure.select(Activity.date, Indicator.name, Figure.value_centi).join(Activity)
             .switch(Figure).join(Indicator).where(Indicator.name.in_(DERIVED_INDICATORS)).tuples())
    for day, name, centi in typed:
        f = coverage_figures(day, day)
        said = {"新成立党支部": f["new_branches"], "调整联合党支部": len(f["adjusted_joint"]),
                "党建工作指导员": f["instructors"]}
        assert said[name] * 100 == centi, (day, name)
    year = coverage_figures(dt.date(2026, 1, 1), DAY)
    assert sum(c for d, n, c in typed if n == "新成立党支部" and d.year == 2026) == year["new_branches"] * 100
