"""A screenshot tour: python bench/tour.py OUTDIR [WIDTHxHEIGHT] [--scale 1.25] opens every page and the record forms
on a demo store (offscreen, a 1024×768 screen unless told, at 100 % unless --scale or QT_SCALE_FACTOR says) and saves
one PNG each with a telling name, so the whole window can be looked at in one folder."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def offscreen_screen(width: int, height: int) -> None:
    """An offscreen screen of that many pixels, so windows and dialogs meet the edges a real one has."""
    if "QT_QPA_PLATFORM" in os.environ:
        return
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "tour", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle(app, rounds: int = 20) -> None:
    """Let the window paint and the worker thread's results arrive (10 ms a round)."""
    import time
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def dialogs(first: dict) -> list[tuple[str, object]]:
    """(name, a function making the dialog) for each record form, opened on a record of the demo store."""
    from ui.dialogs.activity_dialog import ActivityDialog
    from ui.dialogs.applicant_dialog import ApplicantDialog
    from ui.dialogs.branch_name_dialog import BranchNameDialog
    from ui.dialogs.global_search_dialog import GlobalSearchDialog
    from ui.dialogs.member_dialog import MemberDialog
    from ui.dialogs.organisation_dialog import OrganisationDialog
    from ui.dialogs.outreach_dialog import OutreachDialog
    from ui.dialogs.party_org_dialog import PartyOrgDialog
    from ui.dialogs.session_dialog import SessionDialog
    from ui.dialogs.step_dialog import StepDialog
    return [("dialog-activity", lambda: ActivityDialog(None, first["activity"])),
            ("dialog-activity-new", lambda: ActivityDialog(None)),
            ("dialog-session", lambda: SessionDialog(None, first["session"])),
            ("dialog-outreach", lambda: OutreachDialog(None, first["event"])),
            ("dialog-member", lambda: MemberDialog(None, first["member"])),
            ("dialog-organisation", lambda: OrganisationDialog(None, first["organisation"])),
            ("dialog-party-org-new", lambda: PartyOrgDialog(None)),
            ("dialog-applicant", lambda: ApplicantDialog(None, first["applicant"])),
            ("dialog-step", lambda: StepDialog(None, first["applicant"])),
            ("dialog-first-run", lambda: BranchNameDialog(None)),
            ("dialog-search", lambda: GlobalSearchDialog(None, "党课 精神"))]


def contradict(first_member: str) -> None:
    """A few records that contradict each other, as a ledger kept by hand for years holds them."""
    from models.records.activities import save_activity
    from models.records.members import member_snapshot, save_member
    member = member_snapshot(first_member)
    left = dt.date.today() - dt.timedelta(days=40)
    save_member({**member, "left_on": left, "left_to": "市财政局机关党委", "party_post": "组织委员"})
    save_activity({"type": "member_meeting", "title": "转出后仍记出席的大会", "date": left + dt.timedelta(days=10),
                   "speaker": member["name"], "attendance": [{"member": first_member, "status": "present"}]})
    save_activity({"type": "theory_study", "title": "未选汇报栏目的学习", "date": left + dt.timedelta(days=12),
                   "speaker": member["name"]})


def main(out: Path, width: int = 1024, height: int = 768) -> None:
    """width×height are the screen's pixels; at a scale factor the window has fewer, larger ones (819×614 at 125 %)."""
    offscreen_screen(width, height)
    from PySide6.QtWidgets import QTabWidget

    from models.exchange.demo import fill_demo
    from models.records.activities import ActivityQuery, list_activities
    from models.records.common import ListQuery
    from models.records.development import ApplicantQuery, list_applicants
    from models.records.members import list_members
    from models.records.organisations import list_organisations
    from models.records.outreach import EventQuery, list_events
    from models.records.settings import save_branch_settings
    from models.records.study import SessionQuery, list_sessions
    from models.store import open_database
    from ui.app import make_application
    from ui.main_window import PAGES, MainWindow
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    from PySide6.QtCore import QSettings  # a first run's window, not one shaped by the settings of whoever runs this
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    store = Path(tempfile.mkdtemp()) / "tour.sqlite"
    open_database(store)
    fill_demo(500, seed=3, today=dt.date.today())
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部"})
    window = MainWindow(store)
    ratio = app.primaryScreen().devicePixelRatio()  # QT_SCALE_FACTOR's: the window spans the whole screen
    window.resize(round(width / ratio), round(height / ratio))
    window.show()
    settle(app)
    for n, (key, title, _, _) in enumerate(PAGES, 1):
        window.go_to(key)
        settle(app, 60)  # the home page and the report preview fill in on the worker thread
        window.grab().save(str(out / f"page-{n:02d}-{key}.png"))
        if key == "report":  # and the same page with its preview, as after pressing 预览
            page = window.pages["report"][1]
            page.preview()
            for _ in range(1000):
                if page.pages.view.images:
                    break
                settle(app, 1)
            settle(app, 30)
            window.grab().save(str(out / f"page-{n:02d}-{key}-preview.png"))
        if key == "dues":  # and its other tab: a month's collection
            page = window.pages["dues"][1]
            page.view.setCurrentIndex(1)
            settle(app, 10)
            window.grab().save(str(out / f"page-{n:02d}-{key}-month.png"))
            page.view.setCurrentIndex(0)
        if key == "coverage":  # and its other tab: the party organisations
            page = window.pages["coverage"][1]
            page.view.setCurrentIndex(1)
            page.select_row(0)
            settle(app, 10)
            window.grab().save(str(out / f"page-{n:02d}-{key}-parties.png"))
            page.view.setCurrentIndex(0)
    contradict(first_member=list_members(ListQuery(), 0, 1)[0]["uuid"])  # so 数据检查 has something to list
    health = window.pages["health"][1]
    window.go_to("home")
    window.go_to("health")
    for _ in range(1000):
        if health.tree.topLevelItemCount():
            break
        settle(app, 1)
    settle(app, 10)
    window.grab().save(str(out / f"page-{len(PAGES):02d}-health-findings.png"))
    first = {"activity": list_activities(ActivityQuery(), 0, 1)[0]["uuid"],
             "session": list_sessions(SessionQuery(), 0, 1)[0]["uuid"],
             "event": list_events(EventQuery(), 0, 1)[0]["uuid"],
             "member": list_members(ListQuery(), 0, 1)[0]["uuid"],
             "organisation": list_organisations(ListQuery(), 0, 1)[0]["uuid"],
             "applicant": list_applicants(ApplicantQuery(stage="activist", sort="applied_on"), 0, 1)[0]["uuid"]}
    for name, make in dialogs(first):
        dialog = make()
        dialog.show()
        settle(app)
        tabs = dialog.findChild(QTabWidget)
        for i in range(tabs.count() if tabs else 1):
            if tabs:
                tabs.setCurrentIndex(i)
                settle(app, 5)
            dialog.grab().save(str(out / (f"{name}-{i + 1}.png" if tabs else f"{name}.png")))
        dialog.reject()
    print(f"{len(list(out.glob('*.png')))} screenshots in {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="每个页面和表单各存一张截图")
    parser.add_argument("out", nargs="?", default="bench/results/tour", type=Path)
    parser.add_argument("size", nargs="?", default="1024x768", help="屏幕的像素，如 1366x768")
    parser.add_argument("--scale", help="系统的缩放比例，如 1.25（即 125%%）")
    args = parser.parse_args()
    if args.scale:  # read by Qt when it starts, so set before anything of Qt is imported
        os.environ["QT_SCALE_FACTOR"] = args.scale
    main(args.out, *(int(n) for n in args.size.split("x")))
