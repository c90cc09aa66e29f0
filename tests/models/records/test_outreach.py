"""Outreach events: participating organisations, exact money totals, derived figures, series, matching."""
import datetime as dt
from decimal import Decimal

import pytest

from models.exchange.org_matching import match_names, pasted_lines
from models.records.organisations import save_organisation
from models.records.outreach import (
    EventQuery,
    derived_figures,
    disagreements,
    event_snapshot,
    figure_totals,
    get_event,
    list_events,
    list_series,
    organisation_history,
    save_event,
)
from models.records.settings import list_indicators
from models.records.validation import ValidationError, credit_check_char

SERIES = "第四届“社会组织伙伴日”"


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


def code(n):
    body = f"51330100MJ{n:07d}"
    return body + credit_check_char(body)


@pytest.fixture
def orgs(store):
    return [save_organisation({"name": name, "kind": "social_group", "credit_code": code(i)})
            for i, name in enumerate(("市慈善总会", "市电子商务协会", "市物流与采购协会"))]


def event(orgs, **extra):
    return {"title": "千村千品帮万农", "series": SERIES, "kind": "rural", "start_date": "2022-03-05",
            "participations": [{"organisation": orgs[0], "role": "host", "money": "1,200,000.10"},
                               {"organisation": orgs[1], "role": "donor", "money": "2200000", "jobs": 5},
                               {"organisation": orgs[2], "role": "participant", "in_kind": "0.2"}],
            "figures": [{"indicator": indicator("参与社会组织"), "value": "3"},
                        {"indicator": indicator("捐赠资金"), "value": "3400000.10"}], **extra}


def test_event_with_three_organisations(orgs):
    uuid = save_event(event(orgs))
    got = get_event(uuid)
    assert [(p["name"], p["role"]) for p in got["participations"]] == [
        ("市慈善总会", "host"), ("市电子商务协会", "donor"), ("市物流与采购协会", "participant")]
    assert got["participations"][0]["money"] == "1200000.1"
    assert list_events(EventQuery())[0]["organisations"] == 3
    assert organisation_history(orgs[1])[0]["money_fen"] == 220_000_000
    before = event_snapshot(uuid)
    save_event({**before, "participations": []})
    save_event(before)
    assert event_snapshot(uuid) == before


def test_derived_figures_and_disagreement(orgs):
    data = event(orgs)
    assert derived_figures(data["participations"]) == {"参与社会组织": 300, "捐赠资金": 340_000_010,
                                                       "捐赠物资价值": 20, "提供岗位": 500}
    assert disagreements(data["figures"], data["participations"]) == {}
    data["figures"][1]["value"] = "3400000"
    assert disagreements(data["figures"], data["participations"]) == {"捐赠资金": (340_000_000, 340_000_010)}


def test_totals_by_period_and_series_are_exact(orgs):
    save_event(event(orgs))
    save_event(event(orgs, title="直播带货", start_date="2022-07-01",
                     figures=[{"indicator": indicator("捐赠资金"), "value": "0.20"},
                              {"indicator": indicator("订单"), "value": "12400"}]))
    save_event(event(orgs, title="另一系列", series="其他", start_date="2021-01-01"))
    totals = {t["name"]: (t["value_centi"], t["unit"]) for t in figure_totals(EventQuery(series=SERIES))}
    assert totals["捐赠资金"] == (340_000_030, "元")  # 3,400,000.10 + 0.20, no float drift
    assert Decimal(totals["捐赠资金"][0]) / 100 == Decimal("3400000.30")
    assert totals["订单"] == (1_240_000, "单")
    year = figure_totals(EventQuery(date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 6, 30)))
    assert {t["name"]: t["value_centi"] for t in year}["捐赠资金"] == 340_000_010
    assert set(list_series()) == {SERIES, "其他"}


def test_bad_input(orgs):
    with pytest.raises(ValidationError) as e:
        save_event(event(orgs, title="", start_date="2022-03-05", end_date="2022-03-01",
                         participations=[{"organisation": orgs[0], "money": "-1"},
                                         {"organisation": orgs[0]}, {"organisation": "nope"}]))
    got = e.value.errors
    assert set(got) == {"title", "end_date", "participations"}


def test_matching_pasted_names(orgs):
    text = "市慈善总会\t100万\n市电子商务协会 \n" + code(2) + "\n市电子商务学会\n完全不相干的单位\n"
    results = match_names(pasted_lines(text))
    assert [r["status"] for r in results] == ["exact", "exact", "code", "near", "none"]
    assert results[2]["name"] == "市物流与采购协会"
    assert results[3]["candidates"][0]["name"] == "市电子商务协会"
