"""社会组织党建 on paper: the coverage ledger .xlsx read back, and the report's paragraph read back from the PDF,
said once even when the same indicators were typed as an activity's figures."""
import datetime as dt

import openpyxl
import pytest
from pdf_helpers import page_texts

from exports.coverage_ledger import CHANGES, ORGS, PARTIES, SUMMARY, write_coverage_ledger
from exports.report import write_report
from models.records import common as records, party_orgs
from models.records.activities import save_activity
from models.records.organisations import delete_organisation, get_organisation, save_organisation
from models.records.schema import Indicator
from models.records.settings import list_sections
from models.reporting.report_data import build_report

TODAY = dt.date(2025, 1, 20)


def indicator(name: str) -> str:
    return Indicator.get(Indicator.name == name).uuid
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture
def history(store, monkeypatch):
    """甲 had its own branch since 2022; 乙 and 丙 were set up as a joint branch in 2024, 丁 given an instructor, 戊
    still uncovered."""
    monkeypatch.setattr(records, "today", lambda: TODAY)
    org = lambda name, **kw: save_organisation({"name": name, "kind": "social_group",  # noqa: E731
                                                "registered_on": "2020-01-01", **kw})
    made = {"甲": org("甲协会", party_org="independent", changed_on="2022-04-01"), "乙": org("乙商会"),
            "丙": org("丙学会"), "丁": org("丁基金会", instructor="王指导", changed_on="2024-08-08"), "戊": org("戊研究会")}
    made["joint"] = party_orgs.save_party_org({"name": "第一联合党支部", "kind": "joint", "set_up_on": "2024-03-01",
                                               "organisations": [made["乙"], made["丙"]]})
    return made


def test_the_ledger_reads_back_figures_organisations_branches_and_changes(history, tmp_path):
    wb = openpyxl.load_workbook(write_coverage_ledger(tmp_path / "党建覆盖.xlsx", *YEAR))
    assert wb.sheetnames == [SUMMARY, ORGS, PARTIES, CHANGES]
    summary = {r[0]: r[1:] for r in wb[SUMMARY].iter_rows(values_only=True)}
    assert summary["已覆盖（党组织或指导员，家）"] == (1, 4, 3)
    assert summary["覆盖率"] == (0.2, 0.8, "+60个百分点")
    assert summary["本期新成立党支部（个）"][1] == 1 and summary["新成立联合党支部覆盖社会组织（家）"][1] == 2
    assert summary["本期选派党建工作指导员（名）"][1] == 1
    orgs = list(wb[ORGS].iter_rows(values_only=True))
    at = {h: i for i, h in enumerate(orgs[0])}
    by_name = {r[0]: r for r in orgs[1:]}
    assert by_name["乙商会"][at["所属党组织"]] == "第一联合党支部"
    assert by_name["乙商会"][at["纳入日期"]] == dt.datetime(2024, 3, 1)
    assert by_name["戊研究会"][at["是否覆盖"]] == "否" and by_name["丁基金会"][at["党建工作指导员"]] == "王指导"
    parties = {r[0]: r for r in list(wb[PARTIES].iter_rows(values_only=True))[1:]}
    assert parties["第一联合党支部"][4] == 2 and "乙商会（2024-03-01—）" in parties["第一联合党支部"][5]
    changes = [r[1:] for r in list(wb[CHANGES].iter_rows(values_only=True))[1:]]
    assert (None, "成立联合党支部“第一联合党支部”") in changes
    assert ("丁基金会", "选派党建工作指导员王指导") in changes
    assert not any("甲协会" == c[0] for c in changes)  # 2022: outside the period


def test_a_past_period_lists_the_organisations_and_branches_as_they_stood_at_its_end(history, tmp_path):
    # after 2024: 戊 given an instructor and joining the joint branch, 乙 leaving it, 己 registered
    form = lambda uuid: {k: get_organisation(uuid)[k] for k in ("uuid", "name", "kind", "registered_on")}  # noqa: E731
    save_organisation({**form(history["戊"]), "instructor": "李指导", "party_org": "joint",
                       "joint_branch": history["joint"], "changed_on": "2025-01-10"})
    save_organisation({**form(history["乙"]), "party_org": "none", "changed_on": "2025-01-10"})
    save_organisation({"name": "己协会", "kind": "social_group", "registered_on": "2025-01-05",
                       "party_org": "independent", "changed_on": "2025-01-05"})
    wb = openpyxl.load_workbook(write_coverage_ledger(tmp_path / "2024.xlsx", *YEAR))
    summary = {r[0]: r[1:] for r in wb[SUMMARY].iter_rows(values_only=True)}
    orgs = list(wb[ORGS].iter_rows(values_only=True))
    at = {h: i for i, h in enumerate(orgs[0])}
    by_name = {r[0]: r for r in orgs[1:]}
    assert "己协会" not in by_name and len(by_name) == summary["在册社会组织（家）"][1] == 5
    assert sum(r[at["是否覆盖"]] == "是" for r in by_name.values()) == summary["已覆盖（党组织或指导员，家）"][1] == 4
    assert by_name["戊研究会"][at["是否覆盖"]] == "否" and not by_name["戊研究会"][at["党建工作指导员"]]
    assert by_name["乙商会"][at["所属党组织"]] == "第一联合党支部"
    parties = {r[0]: r for r in list(wb[PARTIES].iter_rows(values_only=True))[1:]}
    assert "己协会党支部" not in parties
    assert parties["第一联合党支部"][4] == 2 and "戊研究会" not in parties["第一联合党支部"][5]
    assert "乙商会（2024-03-01—）" in parties["第一联合党支部"][5]


def test_the_changes_sheet_lists_what_the_figures_count(history, tmp_path):
    # 丁 (given its instructor in 2024) goes to the recycle bin; a joint branch set up empty in 2024 covers nobody
    delete_organisation(history["丁"])
    party_orgs.save_party_org({"name": "第二联合党支部", "kind": "joint", "set_up_on": "2024-05-01", "organisations": []})
    wb = openpyxl.load_workbook(write_coverage_ledger(tmp_path / "2024.xlsx", *YEAR))
    summary = {r[0]: r[1:] for r in wb[SUMMARY].iter_rows(values_only=True)}
    changes = [r[1:] for r in list(wb[CHANGES].iter_rows(values_only=True))[1:]]
    assert summary["本期新成立党支部（个）"][1] == 1 and summary["本期选派党建工作指导员（名）"][1] == 0
    assert not any("第二联合党支部" in c[1] for c in changes)
    assert not any("王指导" in c[1] for c in changes)
    assert (None, "成立联合党支部“第一联合党支部”") in changes


def test_the_report_says_the_period_from_the_history_once(history, tmp_path):
    sections = list_sections()
    # a supervision record typed with the same indicators, filed under the second section
    save_activity({"type": "supervision", "title": "新成立社会组织党支部审批", "date": "2024-03-01",
                   "section": sections[1]["uuid"], "figures": [
                       {"indicator": indicator("新成立党支部"), "value": "9"},
                       {"indicator": indicator("党建工作指导员"), "value": "7"}]})
    report = build_report(*YEAR, today=TODAY)
    second = " ".join(b["text"] for b in report["chapters"][1]["blocks"] if b["kind"] == "para")
    line = ("选派党建工作指导员1名，新成立党支部1个（均为联合党支部，覆盖社会组织2家），新覆盖社会组织3家；"
            "截至12月31日，在册的5家社会组织中4家已建立党组织或选派党建工作指导员，覆盖率80%，较年初20%提高60个百分点。")
    assert line in second
    assert "9个" not in second and "7名" not in second  # the typed figures are not said again
    pdf = write_report(tmp_path / "2024.pdf", *YEAR)
    assert line in "".join(page_texts(pdf))


def test_a_period_without_history_keeps_the_typed_figures(history, tmp_path):
    save_activity({"type": "supervision", "title": "党建工作指导员选派", "date": "2023-06-01",
                   "figures": [{"indicator": indicator("党建工作指导员"), "value": "7"}]})
    report = build_report(dt.date(2023, 1, 1), dt.date(2023, 12, 31), today=TODAY)
    text = " ".join(b["text"] for c in report["chapters"] for b in c["blocks"] if b["kind"] == "para")
    assert "覆盖率" not in text and "7名" in text
    assert get_organisation(history["甲"])["party_org"] == "independent"
