"""Importing activities from .xlsx: round trip, no duplicates, every problem by row and column, nothing half-saved."""
import datetime as dt
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exports.activity_import import import_activity_file
from exports.activity_ledger import write_activity_ledger, write_activity_template
from models.exchange.activity_import import ATTENDANCE_COLUMNS, COLUMNS, ImportProblems
from models.records.activities import (
    ActivityQuery,
    get_activity,
    list_activities,
    members_for,
    save_activity,
    snapshot,
)
from models.records.members import save_member
from models.records.schema import Activity, Attendance, Figure
from models.records.settings import list_indicators, list_sections
from models.store import close_database, open_database

NAMES = ("张三", "李四", "王五")


def add_members(names=NAMES):
    return {name: save_member({"name": name, "gender": "female", "party_status": "full"}) for name in names}


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


def counts():
    return Activity.select().count(), Attendance.select().count(), Figure.select().count()


def comparable() -> list[dict]:
    """Every live activity with members, indicators and sections by name: what two stores can share."""
    sections = {s["uuid"]: s["name"] for s in list_sections()}
    out = []
    for row in list_activities(ActivityQuery(), 0, 10_000):
        a = get_activity(row["uuid"])
        a.pop("version")  # when it was last saved, which differs between stores and after an import
        a["section"] = sections.get(a["section"], "")
        a["attendance"] = sorted((x["name"], x["status"], x["reason"]) for x in a["attendance"])
        a["figures"] = sorted((f["name"], f["value"], f["value_centi"], f["note"]) for f in a["figures"])
        out.append(a)
    return sorted(out, key=lambda a: a["uuid"])


def filled(path, rows=(), attendance=()):
    """The import template with rows typed in, as a person would: {header: value} per row."""
    write_activity_template(path)
    wb = openpyxl.load_workbook(path)
    for sheet, headers, data in (("支部活动台账", COLUMNS, rows), ("出勤", ATTENDANCE_COLUMNS, attendance)):
        for row in data:
            wb[sheet].append([row.get(h) for h in headers])
    wb.save(path)
    return path


@pytest.fixture
def sample(store):
    add_members()
    attendance = members_for(dt.date(2024, 3, 1))
    attendance[0]["status"], attendance[0]["reason"] = "leave", "出差"
    attendance[2]["status"], attendance[2]["reason"] = "absent", "未说明"
    save_activity({"type": "supervision", "title": "新成立社会组织党支部审批", "date": "2024-03-01",
                   "start_time": "9:00", "end_time": "10:30", "place": "三楼会议室", "host": "王五",
                   "section": list_sections()[1]["uuid"], "attendance": attendance, "agenda": "审批",
                   "content": "第一项\n第二项", "decisions": "同意", "guests": "区局同志", "tags": "审批,约见",
                   "highlight": True, "outcomes": "新建党支部14个",
                   "figures": [{"indicator": indicator("新成立党支部"), "value": "14"},
                               {"indicator": indicator("捐赠资金"), "value": "3400000.5", "note": "含物资"},
                               {"indicator": indicator("覆盖社会组织"), "value": "200余"}]})
    save_activity({"type": "party_lecture", "title": "=专题党课", "date": "2024-02-10", "speaker": "外请专家",
                   "attendance": members_for(dt.date(2024, 2, 10))})
    save_activity({"type": "other", "title": "没有出勤的活动", "date": "2024-04-01"})
    return store


def test_round_trip_into_an_empty_store(sample, tmp_path):
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    before = comparable()
    close_database()
    open_database(tmp_path / "other.sqlite")
    add_members()
    assert import_activity_file(path) == {"added": 3, "updated": 0, "unchanged": 0}
    assert comparable() == before
    assert import_activity_file(path) == {"added": 0, "updated": 0, "unchanged": 3}
    assert comparable() == before


def test_reimport_into_the_same_store_changes_nothing(sample, tmp_path):
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    before, stored = comparable(), counts()
    assert import_activity_file(path) == {"added": 0, "updated": 0, "unchanged": 3}
    assert comparable() == before and counts() == stored


def test_an_edited_cell_updates_that_record_only(sample, tmp_path):
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    wb = openpyxl.load_workbook(path)
    wb["支部活动台账"].cell(2, list(COLUMNS).index("地点") + 1, "党员活动室")  # of the oldest activity
    wb["出勤"].cell(2, ATTENDANCE_COLUMNS.index("出勤情况") + 1, "缺席")
    wb["出勤"].cell(2, ATTENDANCE_COLUMNS.index("原因") + 1, "未请假")
    wb.save(path)
    assert import_activity_file(path) == {"added": 0, "updated": 1, "unchanged": 2}
    lecture = next(a for a in comparable() if a["title"] == "=专题党课")
    assert lecture["place"] == "党员活动室"
    assert ("张三", "absent", "未请假") in lecture["attendance"]


def test_rows_without_number_match_by_date_type_and_title(store, tmp_path):
    add_members()
    rows = [{"日期": "2024-05-06", "活动类型": "主题党日", "主题": "五月主题党日", "栏目": "强化聚力融合",
             "指标": "志愿服务 12人次；受益人数 30人（社区居民）"}]
    attendance = [{"日期": "2024年5月6日", "主题": "五月主题党日", "姓名": "张三", "出勤情况": "出席"},
                  {"日期": "2024/5/6", "主题": "五月主题党日", "姓名": "李　四", "出勤情况": "请假", "原因": "病假"}]
    path = filled(tmp_path / "新.xlsx", rows, attendance)
    assert import_activity_file(path) == {"added": 1, "updated": 0, "unchanged": 0}
    assert import_activity_file(path) == {"added": 0, "updated": 0, "unchanged": 1}
    [got] = comparable()
    assert got["section"] == "强化聚力融合" and got["type"] == "theme_day"
    assert got["attendance"] == [("张三", "present", ""), ("李四", "leave", "病假")]
    assert got["figures"] == [("受益人数", "30", 3000, "社区居民"), ("志愿服务", "12", 1200, "")]


def test_approximate_figures_read_as_entered(store, tmp_path):
    rows = [{"日期": "2024-05-06", "活动类型": "主题党日", "主题": "联建",
             "指标": "参与社会组织 200余家；捐赠资金 近300万元（含物资）；订单 1,200单"}]
    import_activity_file(filled(tmp_path / "约数.xlsx", rows))
    [got] = comparable()
    assert got["figures"] == [("参与社会组织", "200余", 20000, ""), ("捐赠资金", "近300万", 300000000, "含物资"),
                              ("订单", "1200", 120000, "")]


def test_a_ledger_with_the_number_first_still_updates_its_records(sample, tmp_path):
    """Ledgers written before 编号 moved to the last column: cells are read by their header."""
    new = openpyxl.load_workbook(write_activity_ledger(tmp_path / "台账.xlsx", None, None))
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in new.worksheets[:2]:  # the ledger and attendance sheets (older ledgers had no 指标目录)
        old = wb.create_sheet(sheet.title)
        for r, row in enumerate(sheet.iter_rows(), 1):
            for c, cell in enumerate([row[-1], *row[:-1]], 1):
                old.cell(r, c, cell.value).data_type = cell.data_type  # "=专题党课" stays text
        assert old["A1"].value in ("编号", "党员编号")  # the attendance sheet ends with the member's
    wb["支部活动台账"].cell(2, list(COLUMNS).index("地点") + 2, "党员活动室")  # 地点, one column to the right
    path = tmp_path / "旧台账.xlsx"
    wb.save(path)
    before = comparable()
    assert import_activity_file(path) == {"added": 0, "updated": 1, "unchanged": 2}
    assert comparable() == [{**a, "place": "党员活动室"} if a["title"] == "=专题党课" else a for a in before]


def test_every_date_form_reads(store, tmp_path):
    forms = ["2022年3月5日", "2022.3.5", "2022-03-05", "2022/3/5", dt.datetime(2022, 3, 5), "２０２２－０３－０５"]
    rows = [{"日期": form, "活动类型": "theory_study", "主题": f"学习 {i}"} for i, form in enumerate(forms)]
    assert import_activity_file(filled(tmp_path / "日期.xlsx", rows))["added"] == len(forms)
    assert {a["date"] for a in comparable()} == {dt.date(2022, 3, 5)}


def test_numbers_and_times_from_cells(store, tmp_path):
    rows = [{"日期": "2022-03-05", "活动类型": "其他", "主题": 2022, "地点": 3.5, "开始时间": dt.time(14, 30),
             "结束时间": "15：45"}]
    import_activity_file(filled(tmp_path / "数.xlsx", rows))
    [got] = comparable()
    assert (got["title"], got["place"], got["start_time"], got["end_time"]) == (
        "2022", "3.5", dt.time(14, 30), dt.time(15, 45))


def test_one_bad_file_saves_nothing_and_names_every_bad_cell(sample, tmp_path):
    good = {"日期": "2024-06-01", "活动类型": "党课", "主题": "六月党课"}
    rows = [good,
            {"日期": "2024-13-40", "活动类型": "开大会", "主题": "坏行"},
            {**good, "主题": "另一条好行"},
            {**good, "主题": "坏行二", "栏目": "不存在的栏目", "指标": "神秘指标 3个；约见谈话 -1人次",
             "开始时间": "25:00", "编号": "不是编号"}]
    attendance = [{"日期": "2024-06-01", "主题": "六月党课", "姓名": "张三", "出勤情况": "出席"},
                  {"日期": "2024-06-01", "主题": "六月党课", "姓名": "赵六", "出勤情况": "出席"},
                  {"日期": "2024-06-01", "主题": "六月党课", "姓名": "李四", "出勤情况": "迟到"},
                  {"活动编号": "00000000-0000-4000-8000-000000000000", "姓名": "王五", "出勤情况": "出席"}]
    before, stored = comparable(), counts()
    with pytest.raises(ImportProblems) as e:
        import_activity_file(filled(tmp_path / "坏.xlsx", rows, attendance))
    where = {p[:3] for p in e.value.problems}
    assert where == {("支部活动台账", 3, "日期"), ("支部活动台账", 3, "活动类型"), ("支部活动台账", 5, "栏目"),
                     ("支部活动台账", 5, "指标"), ("支部活动台账", 5, "开始时间"), ("支部活动台账", 5, "编号"),
                     ("出勤", 3, "姓名"), ("出勤", 4, "出勤情况"), ("出勤", 5, "活动编号")}
    messages = " ".join(p[3] for p in e.value.problems)
    for words in ("神秘指标", "负数", "赵六", "不存在的栏目", "开大会"):
        assert words in messages
    assert "第 3 行" in str(e.value)
    assert comparable() == before and counts() == stored


def test_duplicates_and_namesakes_are_refused(store, tmp_path):
    add_members(("张三", "张三", "李四"))
    rows = [{"日期": "2024-06-01", "活动类型": "党课", "主题": "党课"}] * 2
    attendance = [{"日期": "2024-06-01", "主题": "党课", "姓名": "张三", "出勤情况": "出席"}]
    with pytest.raises(ImportProblems) as e:
        import_activity_file(filled(tmp_path / "重.xlsx", rows, attendance))
    assert {p[:3] for p in e.value.problems} == {("支部活动台账", 3, "主题"), ("出勤", 2, "活动编号"),
                                                 ("出勤", 2, "姓名")}
    assert counts() == (0, 0, 0)


def test_namesakes_already_listed_still_round_trip(store, tmp_path):
    members = add_members(("张三", "张三", "李四"))
    save_activity({"type": "party_lecture", "title": "党课", "date": "2024-06-01",
                   "attendance": [{"member": m, "status": "present", "reason": ""} for m in members.values()]})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    assert import_activity_file(path) == {"added": 0, "updated": 0, "unchanged": 1}


def test_columns_left_out_keep_what_is_stored(sample, tmp_path):
    [lecture] = [a for a in comparable() if a["title"] == "新成立社会组织党支部审批"]
    wb = openpyxl.Workbook()
    wb.active.title = "支部活动台账"
    wb.active.append(["编号", "日期", "活动类型", "主题", "地点"])
    wb.active.append([lecture["uuid"], "2024-03-01", "监督管理工作", lecture["title"], "新地点"])
    wb.save(tmp_path / "少列.xlsx")
    assert import_activity_file(tmp_path / "少列.xlsx") == {"added": 0, "updated": 1, "unchanged": 0}
    [after] = [a for a in comparable() if a["uuid"] == lecture["uuid"]]
    assert after == {**lecture, "place": "新地点"}


def test_a_missing_required_column_is_named(store, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "支部活动台账"
    wb.active.append(["日期", "主题"])
    wb.active.append(["2024-01-01", "某活动"])
    wb.save(tmp_path / "缺列.xlsx")
    with pytest.raises(ImportProblems) as e:
        import_activity_file(tmp_path / "缺列.xlsx")
    assert e.value.problems == [("支部活动台账", 1, "活动类型", "缺少“活动类型”列，请使用导入模板的表头")]


@pytest.mark.parametrize("name, content, words", [
    ("旧.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
    ("乱码.xlsx", "这不是表格".encode() * 50, "不是 Excel"),
    ("空.xlsx", b"", "不是 Excel"),
])
def test_old_xls_and_garbage_are_refused(store, tmp_path, name, content, words):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ImportProblems) as e:
        import_activity_file(tmp_path / name)
    assert words in e.value.problems[0][3]


def test_a_workbook_renamed_to_xls_still_reads(store, tmp_path):
    path = filled(tmp_path / "台账.xlsx", [{"日期": "2024-01-05", "活动类型": "党课", "主题": "党课"}])
    renamed = path.rename(tmp_path / "台账.xls")
    assert import_activity_file(renamed)["added"] == 1


def test_a_zip_that_is_not_a_workbook_is_refused(store, tmp_path):
    with zipfile.ZipFile(tmp_path / "包.xlsx", "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ImportProblems) as e:
        import_activity_file(tmp_path / "包.xlsx")
    assert "无法作为 Excel 工作簿读取" in e.value.problems[0][3]


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=20)
CELL = st.one_of(
    st.none(), TEXT, st.integers(-10 ** 15, 10 ** 15), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(dt.date(1901, 1, 1), dt.date(2100, 1, 1)), st.times(),
    st.datetimes(dt.datetime(1901, 1, 1), dt.datetime(2100, 1, 1)),
    st.sampled_from(["2022-03-05", "2022年3月5日", "党课", "party_lecture", "出席", "请假", "张三", "强化改革创新",
                     "新成立党支部 3个", "约见谈话 1.5人次", "9:00", "00000000-0000-4000-8000-000000000000"]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({h: CELL for h in COLUMNS}), max_size=3),
       attendance=st.lists(st.fixed_dictionaries({h: CELL for h in ATTENDANCE_COLUMNS}), max_size=3),
       bad=st.booleans())
def test_random_cells_only_ever_raise_import_problems(sample, tmp_path_factory, rows, attendance, bad):
    if bad:
        rows = rows + [{"日期": "2024-01-01", "活动类型": "不存在的类型", "主题": "坏行"}]
    path = filled(tmp_path_factory.mktemp("random") / "随机.xlsx", rows, attendance)
    before = counts()
    try:
        result = import_activity_file(path)
    except ImportProblems as e:
        assert e.problems
        assert counts() == before
    else:
        assert not bad
        assert counts()[0] == before[0] + result["added"]


def test_a_cancelled_import_leaves_the_store_as_it_was(store, tmp_path):
    import pytest as _pytest

    from exports.activity_import import import_activity_file
    from exports.activity_ledger import write_activity_ledger
    from models.records.activities import ActivityQuery, count_activities, save_activity
    from models.records.schema import Activity
    for i in range(5):
        save_activity({"type": "party_lecture", "title": f"党课{i}", "date": f"2024-0{i + 1}-05"})
    ledger = write_activity_ledger(tmp_path / "l.xlsx", None, None)
    Activity.delete().execute()

    class Stop(Exception):
        pass

    def progress(done, total):
        if done == 3:
            raise Stop()
    with _pytest.raises(Stop):
        import_activity_file(ledger, progress)
    assert count_activities(ActivityQuery()) == 0


def test_a_date_cell_that_lost_its_format_still_reads():
    import datetime as _dt

    from models.exchange.activity_import import excel_serial_date
    assert excel_serial_date("45000") == _dt.date(2023, 3, 15)
    assert excel_serial_date("2023-03-15") == "2023-03-15"


def test_the_indicator_catalogue_travels_with_the_ledger(sample, tmp_path):
    from models.records.settings import list_indicators, save_indicator
    uuid = save_indicator({"name": "走访企业", "unit": "家", "rule": "max"})
    activity = next(a for a in list_activities(ActivityQuery()) if a["title"] == "=专题党课")
    got = get_activity(activity["uuid"])
    save_activity({**snapshot(activity["uuid"]), "figures": [*[{k: f[k] for k in ("indicator", "value", "note")}
                                                              for f in got["figures"]],
                                                            {"indicator": uuid, "value": "30余"}]})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    sheet = openpyxl.load_workbook(path)["指标目录"]
    assert ["走访企业", "家", "取最大"] in [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    close_database()
    open_database(tmp_path / "other.sqlite")
    add_members()
    assert import_activity_file(path)["indicators"] == 1
    assert {i["name"]: (i["unit"], i["rule"]) for i in list_indicators()}["走访企业"] == ("家", "max")
    lecture = next(a for a in list_activities(ActivityQuery()) if a["title"] == "=专题党课")
    assert "30余" in [f["value"] for f in get_activity(lecture["uuid"])["figures"]]
    assert "indicators" not in import_activity_file(path)                    # the second time: nothing new


def test_a_bad_catalogue_row_refuses_the_whole_file(sample, tmp_path):
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    wb = openpyxl.load_workbook(path)
    wb["指标目录"].append(["新指标", "", "平均"])
    wb.save(path)
    close_database()
    open_database(tmp_path / "other.sqlite")
    add_members()
    with pytest.raises(ImportProblems) as e:
        import_activity_file(path)
    assert {(p[0], p[2]) for p in e.value.problems} == {("指标目录", "单位"), ("指标目录", "汇总方式")}
    assert Activity.select().count() == 0 and "新指标" not in [i["name"] for i in list_indicators()]
