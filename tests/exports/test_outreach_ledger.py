"""The outreach ledger .xlsx read back: events, organisations with exact money, figure totals, the period."""
import datetime as dt
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from exports.outreach_ledger import exact_text, figures_text, write_outreach_ledger
from models.records.organisations import save_organisation
from models.records.outreach import delete_event, save_event
from models.records.settings import list_indicators, list_sections
from models.records.validation import credit_check_char

SERIES = "第四届“社会组织伙伴日”"
YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
HEADERS = ["开始日期", "结束日期", "活动名称", "系列", "类别", "地点", "帮扶地区", "联合主办单位", "参与组织数",
           "指标", "活动情况", "成效", "汇报栏目", "编号"]
ORG_HEADERS = ["活动名称", "组织名称", "统一社会信用代码", "角色", "捐赠资金（元）", "物资价值（元）", "提供岗位", "说明",
               "活动编号"]


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


def code(n):
    body = f"51330100MJ{n:07d}"
    return body + credit_check_char(body)


@pytest.fixture
def ledger(store):
    orgs = [save_organisation({"name": name, "kind": "social_group", "credit_code": code(i)})
            for i, name in enumerate(("市慈善总会", "市电子商务协会", "市物流与采购协会"))]
    first = save_event({
        "title": "千村千品帮万农", "series": SERIES, "kind": "rural", "start_date": "2022-03-05",
        "end_date": "2022-03-07", "place": "日喀则", "region": "日喀则", "co_organisers": "市乡村振兴局",
        "description": "组织社会组织赴日喀则开展帮扶。", "outcomes": "签约帮扶项目。", "section": list_sections()[2]["uuid"],
        "participations": [{"organisation": orgs[0], "role": "host", "money": "1,200,000.10", "note": "牵头"},
                           {"organisation": orgs[1], "role": "donor", "money": "2200000", "jobs": 5},
                           {"organisation": orgs[2], "role": "participant", "in_kind": "0.2"}],
        "figures": [{"indicator": indicator("参与社会组织"), "value": "200"},
                    {"indicator": indicator("捐赠资金"), "value": "3400000.10"}]})
    second = save_event({"title": "直播带货", "kind": "live_commerce", "start_date": "2022-07-01",
                         "participations": [{"organisation": orgs[1], "role": "organiser"}],
                         "figures": [{"indicator": indicator("捐赠资金"), "value": "0.20"},
                                     {"indicator": indicator("订单"), "value": "12400"},
                                     {"indicator": indicator("受益人数"), "value": "近300万", "note": "线上"}]})
    save_event({"title": "去年的活动", "kind": "other", "start_date": "2021-12-31",
                "figures": [{"indicator": indicator("捐赠资金"), "value": "999"}]})
    delete_event(save_event({"title": "已删除", "kind": "other", "start_date": "2022-05-01",
                             "figures": [{"indicator": indicator("订单"), "value": "1"}]}))
    return {"first": first, "second": second}


def read(path):
    return openpyxl.load_workbook(path)


def rows_of(ws):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_events_sheet(ledger, tmp_path):
    wb = read(write_outreach_ledger(tmp_path / "联建.xlsx", *YEAR))
    assert wb.sheetnames == ["联建活动台账", "参与组织", "指标合计"]
    ws = wb["联建活动台账"]
    assert [c.value for c in ws[1]] == HEADERS
    rows = [dict(zip(HEADERS, r)) for r in rows_of(ws)]
    assert [r["编号"] for r in rows] == [ledger["first"], ledger["second"]]  # oldest first, 2022 only, live only
    first = rows[0]
    assert (first["开始日期"], first["结束日期"]) == (dt.datetime(2022, 3, 5), dt.datetime(2022, 3, 7))
    assert ws["A2"].number_format == ws["B2"].number_format == "yyyy-mm-dd"
    assert (first["系列"], first["类别"], first["帮扶地区"], first["联合主办单位"], first["参与组织数"]) == (
        SERIES, "乡村振兴", "日喀则", "市乡村振兴局", 3)
    assert first["指标"] == "参与社会组织 200家；捐赠资金 340万元"
    assert (first["活动情况"], first["成效"], first["汇报栏目"]) == ("组织社会组织赴日喀则开展帮扶。", "签约帮扶项目。", "强化聚力融合")
    assert rows[1]["结束日期"] is None and rows[1]["类别"] == "直播带货"
    assert rows[1]["指标"] == "捐赠资金 0.2元；订单 12400单；受益人数 近300万人（线上）"  # an approximation as entered


def test_organisations_with_exact_money(ledger, tmp_path):
    path = write_outreach_ledger(tmp_path / "联建.xlsx", *YEAR)
    ws = read(path)["参与组织"]
    assert [c.value for c in ws[1]] == ORG_HEADERS
    rows = rows_of(ws)
    assert rows[0][:4] + rows[0][8:] == ["千村千品帮万农", "市慈善总会", code(0), "主办", ledger["first"]]
    assert Decimal(str(rows[0][4])) == Decimal("1200000.10") and ws["E2"].number_format == "#,##0.00"
    assert rows[0][5] is None and rows[0][7] == "牵头"
    assert rows[1][3:7] == ["捐赠", 2200000, None, 5]
    assert Decimal(str(rows[2][5])) == Decimal("0.20") and ws["F4"].number_format == "#,##0.00"
    assert rows[3][:4] + rows[3][8:] == ["直播带货", "市电子商务协会", code(1), "承办", ledger["second"]]
    # What the file holds is the decimal itself, not a float's approximation of it.
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet2.xml").decode()
    assert re.search(r'<c r="E2"[^>]*><v>1200000\.1</v>', xml)


def test_totals_per_indicator_for_the_period(ledger, tmp_path):
    ws = read(write_outreach_ledger(tmp_path / "联建.xlsx", *YEAR))["指标合计"]
    assert [c.value for c in ws[1]] == ["指标", "合计", "单位", "合计（含单位）", "活动数"]
    rows = {r[0]: r for r in rows_of(ws)}
    assert set(rows) == {"参与社会组织", "捐赠资金", "订单", "受益人数"}  # not last year's, not the deleted event's
    money = rows["捐赠资金"]
    assert Decimal(str(money[1])) == Decimal("3400000.30") and money[2:] == ["元", "3400000.30元", 2]
    assert rows["订单"][1:] == [12400, "单", "12400单", 1]
    assert rows["参与社会组织"][3] == "200家"


def test_sheets_frozen_printed_and_empty_period(ledger, tmp_path):
    wb = read(write_outreach_ledger(tmp_path / "a.xlsx", None, None))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1" and ws.page_setup.paperSize == 9
    assert wb["联建活动台账"].page_setup.orientation == "landscape"
    assert wb["联建活动台账"].max_row == 4
    wb = read(write_outreach_ledger(tmp_path / "b.xlsx", dt.date(2030, 1, 1), dt.date(2030, 12, 31)))
    assert [ws.max_row for ws in wb.worksheets] == [1, 1, 1]


def test_text_helpers():
    assert exact_text(340_000_010, "元") == "3400000.10元"
    assert exact_text(1_240_000, "单") == "12400单" and exact_text(1250, "人") == "12.5人"
    assert figures_text([{"name": "捐赠资金", "unit": "元", "value_centi": 340_000_000, "as_entered": "",
                          "note": "含物资"}]) == "捐赠资金 340万元（含物资）"
    assert figures_text([{"name": "参与社会组织", "unit": "家", "value_centi": 20_000, "as_entered": "200余",
                          "note": ""}]) == "参与社会组织 200余家"
