"""The record sheet (学习会记录) of one study session, with every member's reflection, as an A4 PDF."""
from __future__ import annotations

from pathlib import Path

from exports.minutes_pdf import LEADING_PT, Sheet, people_text, write_sheet_pdf
from models.records import codes
from models.records.dates import chinese_date
from models.records.parts import tally
from models.records.study import reflection_count


def kind_label(session: dict) -> str:
    return codes.SESSION_KINDS.get(session.get("kind") or "study", session.get("kind") or "")


def sheet_title(session: dict, branch_name: str = "") -> str:
    """市民政局社会组织管理科党支部“青听”学习小组学习会记录 (交流会记录 for an exchange)."""
    return f"{branch_name.strip()}{(session.get('group_name') or '').strip()}{kind_label(session)}记录"


def session_when(session: dict) -> str:
    """2024年3月5日（时长 90 分钟）, or the date alone when the length is not known."""
    text = chinese_date(session["date"])
    minutes = session.get("duration_minutes")
    return f"{text}（时长 {minutes} 分钟）" if minutes else text


def reflection_heading(reflection: dict) -> str:
    """张三（2024年3月8日提交）, or the name alone."""
    day = reflection.get("submitted_on")
    return f"{reflection['name']}（{chinese_date(day)}提交）" if day else reflection["name"]


def title_para(sheet: Sheet, session: dict, branch_name: str, width: float):
    """The title on one line, or broken after the branch name when it is too long for one."""
    from reportlab.platypus import Paragraph

    one_line = sheet.para(sheet_title(session, branch_name), "title")
    style = sheet.styles["title"]
    if not branch_name.strip() or one_line.wrap(width, style.leading * 10)[1] <= style.leading * 1.1:
        return one_line
    rest = sheet_title(session)
    return Paragraph(f"{sheet.fonts.markup(branch_name.strip(), 'hei')}<br/>{sheet.fonts.markup(rest, 'hei')}", style)


def session_story(sheet: Sheet, session: dict, branch_name: str, width: float) -> list:
    from reportlab.platypus import CondPageBreak, Spacer

    attendance = session.get("attendance") or []
    counts = tally(attendance)
    submitted, expected = reflection_count({"attendance": attendance, "reflections": session.get("reflections") or []})
    rows = [[("学习小组", session.get("group_name")), ("形式", kind_label(session))],
            [("主题", session.get("topic"))],
            [("时间", session_when(session))],
            [("地点", session.get("place")), ("领学人", session.get("lead_speaker"))],
            [("应到人数", f"{counts['expected']} 人"), ("实到人数", f"{counts['present']} 人")]]
    long_rows = [("学习篇目/文件", sheet.block(session.get("materials"))),
                 ("请假人员及原因", sheet.block(people_text(attendance, "leave"))),
                 ("缺席人员及原因", sheet.block(people_text(attendance, "absent"))),
                 ("学习情况", sheet.block(session.get("notes"), "body")),
                 ("心得体会", sheet.block(f"已交 {submitted} 篇 / 应交 {expected} 篇"))]
    if session.get("attachments"):
        long_rows.append(("附件", sheet.block("、".join(a["name"] for a in session["attachments"]))))
    story = [title_para(sheet, session, branch_name, width), sheet.fields(rows, width),
             sheet.long_fields(long_rows, width)]

    # The reflections run as plain text after the table: they may fill pages, and a page may end inside one,
    # but a caption or a name never stands alone at the foot of a page.
    reflections = [r for r in session.get("reflections") or [] if (r.get("text") or "").strip()]
    if reflections:
        story += [Spacer(width, LEADING_PT), CondPageBreak(6 * LEADING_PT), sheet.para("心得体会", "title")]
        for reflection in reflections:
            story += [CondPageBreak(4 * LEADING_PT), sheet.para(reflection_heading(reflection), "heading"),
                      *sheet.block(reflection["text"], "body")]
    return story


def write_session_pdf(session: dict, path, branch_name: str = "", *, font_dir=None) -> Path:
    """Write the sheet of a study session (as models.records.study.get_session returns it) to path; returns the path."""
    title = sheet_title(session, branch_name) + (f"：{session['topic']}" if session.get("topic") else "")
    return write_sheet_pdf(path, lambda sheet, width: session_story(sheet, session, branch_name, width),
                           title=title, subject=f"{kind_label(session)}记录", author=branch_name.strip(),
                           font_dir=font_dir)
