"""Settings: branch names, report sections and the indicator catalogue."""
import pytest

from models.records.schema import Activity, Figure, Indicator, ReportSection
from models.records.settings import (
    branch_settings,
    delete_indicator,
    list_indicators,
    list_sections,
    save_branch_settings,
    save_indicator,
    save_sections,
)
from models.records.validation import ValidationError
from models.store.migrations import V1_INDICATORS as DEFAULT_INDICATORS, V1_SECTIONS as DEFAULT_SECTIONS


def test_defaults(store):
    assert [s["name"] for s in list_sections()] == DEFAULT_SECTIONS
    assert [(i["name"], i["unit"]) for i in list_indicators()] == DEFAULT_INDICATORS
    assert branch_settings() == {"branch_name": "", "office_name": "", "operator": "", "backup_dir_2": ""}


def test_branch_names(store):
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部", "office_name": "市民政局社会组织管理科"})
    assert branch_settings()["office_name"] == "市民政局社会组织管理科"
    with pytest.raises(ValidationError) as e:
        save_branch_settings({"branch_name": "长" * 61, "office_name": ""})
    assert "branch_name" in e.value.errors


def test_rename_reorder_add_sections(store):
    rows = list_sections()
    rows[0]["name"] = "强化政治引领"
    rows.reverse()
    rows.append({"name": "强化作风建设"})
    save_sections(rows)
    assert [s["name"] for s in list_sections()] == ["强化聚力融合", "强化改革创新", "强化政治引领", "强化作风建设"]


def test_section_rules(store):
    rows = list_sections()
    with pytest.raises(ValidationError, match="重复"):
        save_sections(rows + [{"name": rows[0]["name"]}])
    with pytest.raises(ValidationError, match="至少"):
        save_sections([])
    used = ReportSection.get(ReportSection.uuid == rows[0]["uuid"])
    Activity.create(type="party_lecture", title="党课", date="2024-01-01", section=used)
    with pytest.raises(ValidationError, match="还有 1 条记录"):
        save_sections(rows[1:])
    save_sections(rows[:2])  # an unused one may go
    assert len(list_sections()) == 2


def test_section_use_counts(store):
    from models.records.outreach import save_event
    first, second, third = (ReportSection.get(ReportSection.uuid == s["uuid"]) for s in list_sections())
    Activity.create(type="party_lecture", title="党课", date="2024-01-01", section=first)
    Activity.create(type="party_lecture", title="党课", date="2024-01-02", section=first,
                    deleted_at="2024-02-01 00:00:00")  # in the recycle bin: not counted
    Activity.create(type="party_lecture", title="党课", date="2024-01-03")
    save_event({"title": "联建", "kind": "rural", "start_date": "2024-01-01", "section": first.uuid})
    Activity.create(type="theme_day", title="主题党日", date="2024-01-04", section=third)
    assert [s["used"] for s in list_sections(counted=True)] == [2, 0, 1]
    assert "used" not in list_sections()[0]


def test_indicators(store):
    uuid = save_indicator({"name": "走访企业", "unit": "家"})
    assert list_indicators()[-1]["name"] == "走访企业"
    with pytest.raises(ValidationError) as e:
        save_indicator({"name": "走访企业", "unit": "个"})
    assert "已有指标" in e.value.errors["name"]
    with pytest.raises(ValidationError) as e:
        save_indicator({"name": "", "unit": ""})
    assert set(e.value.errors) == {"name", "unit"}
    activity = Activity.create(type="supervision", title="约见", date="2024-01-01")
    Figure.create(activity=activity, indicator=Indicator.get(Indicator.uuid == uuid), value_centi=300)
    with pytest.raises(ValidationError, match="不能更改单位"):
        save_indicator({"uuid": uuid, "name": "走访企业", "unit": "个"})
    with pytest.raises(ValidationError, match="不能删除"):
        delete_indicator(uuid)
    spare = save_indicator({"name": "慰问困难党员", "unit": "人"})
    delete_indicator(spare)
    assert "慰问困难党员" not in [i["name"] for i in list_indicators()]


def test_each_indicator_has_an_aggregation_rule_the_user_can_change(store):
    rules = {i["name"]: i["rule"] for i in list_indicators()}
    assert rules["参与社会组织"] == "none" and rules["覆盖社会组织"] == "latest" and rules["捐赠资金"] == "sum"
    uuid = save_indicator({"name": "走访企业", "unit": "家"})
    assert {i["name"]: i["rule"] for i in list_indicators()}["走访企业"] == "sum"
    save_indicator({"uuid": uuid, "name": "走访企业", "unit": "家", "rule": "取最大"})  # a sheet's label works too
    assert {i["name"]: i["rule"] for i in list_indicators()}["走访企业"] == "max"
    save_indicator({"uuid": uuid, "name": "走访的企业", "unit": "家"})  # a form without the rule keeps it
    assert {i["name"]: i["rule"] for i in list_indicators()}["走访的企业"] == "max"
    with pytest.raises(ValidationError) as e:
        save_indicator({"uuid": uuid, "name": "走访的企业", "unit": "家", "rule": "平均"})
    assert "汇总方式" in e.value.errors["rule"]
