"""New members on the home page, in 数据检查 and in the report's numbers: steps due, steps late, people admitted
and made full members in a period."""
import datetime as dt

import pytest

from models.records import common as records, development as dev, development_steps as steps
from models.records.members import save_member
from models.reporting.development_report import (
    development_sentence,
    development_shortfalls,
    due_steps,
    late_steps,
    period_counts,
)
from models.reporting.health import find_problems
from models.reporting.home import gather
from models.reporting.report_data import build_report

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def people(store, monkeypatch):
    """王: talk overdue; 李: talk held 40 days after applying, then an activist past a year (may be 发展对象);
    赵: admitted 2025-07-10, 转正 due 2026-07-10; 钱: made a full member on time in 2025; 孙: after an extension."""
    monkeypatch.setattr(records, "today", lambda: TODAY)
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    a, b = save_member({"name": "甲", **full}), save_member({"name": "乙", **full})

    def applicant(name, applied, path):
        uuid = dev.save_applicant({"name": name, "gender": "male", "birth_date": "1995-01-01", "applied_on": applied})
        for kind, day in path:
            people = {"talk": [a], "activist": [a], "candidate": [a, b]}.get(kind, [])
            steps.record_step(uuid, kind, {"date": day, "people": people, "days": 3 if kind == "training" else None,
                                           "months": 6 if kind == "extend" else None})
        return uuid

    def admitted(prob):
        return [("talk", "2021-01-10"), ("activist", "2021-02-01"), ("candidate", "2022-03-01"),
                ("training", "2022-04-01"), ("probationary", prob)]
    return {"王": applicant("王", "2026-05-01", []),
            "李": applicant("李", "2024-01-01", [("talk", "2024-02-10"), ("activist", "2025-06-01")]),
            "赵": applicant("赵", "2021-01-01", admitted("2025-07-10")),
            "钱": applicant("钱", "2021-01-01", admitted("2024-03-01") + [("full", "2025-03-01")]),
            "孙": applicant("孙", "2021-01-01", admitted("2024-01-05") + [("extend", "2025-01-05"),
                                                                        ("full", "2025-07-05")])}


def test_the_home_page_lists_what_is_due_most_pressing_first(people):
    due = due_steps(TODAY)
    assert [(d["name"], d["kind"], d["state"], d["date"], d["deadline"]) for d in due] == [
        ("王", "talk", "overdue", dt.date(2026, 6, 1), True),
        ("赵", "full", "due_soon", dt.date(2026, 7, 10), True),
        ("李", "candidate", "ready", dt.date(2026, 6, 1), False)]
    assert "第七条" in due[0]["rule"] and "第三十二条" in due[1]["rule"]
    assert gather(TODAY)["development_due"] == due


def test_data_health_names_the_overdue_step_and_the_late_talk(people):
    found = {g["code"]: g for g in find_problems()}["development_late"]
    problems = {r["title"]: r["problem"] for r in found["rows"]}
    assert found["count"] == 2 and set(problems) == {"王", "李"}
    assert "“入党谈话”已逾期" in problems["王"] and "2026年6月1日" in problems["王"]
    assert "超过了一个月" in problems["李"] and "第七条" in problems["李"]
    assert {r["kind"] for r in found["rows"]} == {"applicant"}
    assert [r["name"] for r in late_steps(dt.date(2026, 5, 15))] == ["李"]  # 王's month not yet over then


def test_the_report_counts_those_admitted_and_made_full_members(people):
    assert period_counts(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == {"admitted": 1, "full": 1, "extended": 1}
    assert development_sentence(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "全年") == (
        "全年发展党员1名，按期转正1名，延长预备期后转正1名。")
    assert development_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "全年") == "全年发展党员2名。"
    assert development_sentence(dt.date(2026, 1, 1), dt.date(2026, 6, 30), "上半年") == ""
    dev.delete_applicant(people["赵"])  # in the recycle bin: not counted
    assert period_counts(dt.date(2025, 1, 1), dt.date(2025, 12, 31))["admitted"] == 0


def test_the_report_states_late_steps_as_shortfalls_without_names(people):
    """存在的不足 says, as the records stood on the period's last day, talks held (or still not held) more than a
    month after the application, and probations over without 转正 discussed."""
    talk = "1名入党申请人未在递交入党申请书后一个月内谈话"
    assert development_shortfalls(dt.date(2026, 1, 1), dt.date(2026, 12, 31), TODAY) == [talk]  # 王, still waiting
    assert development_shortfalls(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY) == [talk]  # 李, 40 days on
    assert development_shortfalls(dt.date(2025, 1, 1), dt.date(2025, 12, 31), TODAY) == []
    later = dt.date(2026, 7, 20)  # 赵's probation ended on 10 July and no meeting has discussed it
    assert development_shortfalls(dt.date(2026, 1, 1), dt.date(2026, 12, 31), later) == [
        talk, "1名预备党员预备期已满，尚未讨论转正"]
    assert development_shortfalls(dt.date(2026, 1, 1), dt.date(2026, 6, 30), later) == [talk]  # as on 30 June
    report = build_report(dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=later)
    text = report["chapters"][-1]["blocks"][0]["text"]
    assert report["chapters"][-1]["heading"].endswith("存在的不足") and talk in report["gaps"]
    assert "发展党员工作有关规定" in text and "预备期已满，尚未讨论转正" in text
    assert not any(name in text for name in "王李赵钱孙")


def test_a_probation_left_undiscussed_names_the_new_member_rules_it_is_measured_against(people):
    """The only shortfall on the path is 赵's probation, which says neither 入党 nor 党费: the rules are still named."""
    dev.delete_applicant(people["王"])
    later = dt.date(2026, 7, 20)
    assert development_shortfalls(dt.date(2026, 1, 1), dt.date(2026, 12, 31), later) == [
        "1名预备党员预备期已满，尚未讨论转正"]
    text = build_report(dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=later)["chapters"][-1]["blocks"][0]["text"]
    assert text.startswith("对照“三会一课”等组织生活制度和发展党员工作有关规定，本期存在以下不足：")
