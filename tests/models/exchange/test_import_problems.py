"""Import problems told one line per kind, with a count and the first names and rows, never one line per row."""
from models.exchange.activity_import import import_activities
from models.exchange.import_problems import ImportProblems, Problem, grouped_messages, summary_lines
from models.records.members import save_member

NAMES = ["刘洋", "陈静", "王芳", "李强", "张伟", "赵敏", "孙丽"]


def attendance_rows(n: int) -> tuple[list[dict], list[dict]]:
    rows = [{"日期": "2024-03-01", "活动类型": "党课", "主题": "专题党课", "_row": 2}]
    return rows, [{"日期": "2024-03-01", "主题": "专题党课", "姓名": NAMES[i % len(NAMES)], "出勤情况": "出席",
                   "_row": i + 3} for i in range(n)]


def test_thousands_of_unknown_members_are_one_line_naming_the_first_few(store):
    rows, attendance = attendance_rows(5927)
    try:
        import_activities(rows, attendance)
    except ImportProblems as e:
        problems = e.problems
    assert len(problems) == 5927 and problems[0].subject == "刘洋"
    lines = summary_lines(problems)
    assert lines == ["“出勤”“姓名”列：党员不在党员名册中，请先添加：刘洋、陈静、王芳、李强、张伟等 7 人，"
                     "涉及第 3—5929 行中的 5927 行（共 5927 处）"]


def test_kinds_stay_apart_and_a_single_problem_reads_as_before(store):
    save_member({"name": "刘洋", "gender": "male", "party_status": "full"})
    rows, attendance = attendance_rows(3)
    attendance[1]["出勤情况"] = "迟到"
    rows.append({"日期": "2024-02-30", "活动类型": "党课", "主题": "坏日期", "_row": 3})
    rows.append({"日期": "2024-13-01", "活动类型": "党课", "主题": "又一个坏日期", "_row": 4})
    try:
        import_activities(rows, attendance)
    except ImportProblems as e:
        lines = summary_lines(e.problems)
    assert len(lines) == 3, lines
    assert lines[0] == "“支部活动台账”第 3 行“日期”列：日期“2024-02-30”不是真实存在的日期（同类问题共 2 处，涉及第 3、4 行）"
    assert lines[1] == "“出勤”“姓名”列：党员不在党员名册中，请先添加：陈静、王芳，涉及第 4、5 行"
    assert lines[2] == "“出勤”第 4 行“出勤情况”列：出勤情况应填“出席”“请假”或“缺席”"


def test_a_plain_tuple_still_reads_and_many_kinds_are_capped():
    problems = [("支部活动台账", i, f"列{i}", f"问题{'甲' * i}") for i in range(1, 50)]
    lines = summary_lines(problems)
    assert len(lines) == 31 and lines[-1] == "……另有 19 类问题"
    assert summary_lines([Problem("出勤", 7, "姓名", "请填写姓名")]) == ["“出勤”第 7 行“姓名”列：请填写姓名"]


def test_package_problems_are_grouped_by_their_shape():
    messages = [f"支部活动“活动{i}”：第 1 个出勤名单中的党员（{i:08x}…）在数据包和本机都找不到" for i in range(3000)]
    messages.append("学习小组“青年”：请选择学习小组")
    assert grouped_messages(messages) == [messages[0] + "（同类问题共 3000 处）", messages[-1]]


def test_lines_quote_a_file_without_the_characters_no_widget_can_show():
    assert grouped_messages(["数据包中有未知字段“a\ud800\x01”"]) == ["数据包中有未知字段“a”"]
    assert summary_lines([("出勤", 2, "姓名", "党员“\ufffe张三”不在党员名册中")]) == ["“出勤”第 2 行“姓名”列：党员“张三”不在党员名册中"]
