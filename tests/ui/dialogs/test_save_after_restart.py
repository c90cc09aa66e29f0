"""A form saved on the office's server while the server is away: one clear line, the form stays open with what was
typed, and the next save once the server is back stores it; after a restart a form saves without reopening."""
import pytest

from models.records.common import ListQuery
from models.records.members import list_members, save_member
from models.store import close_database, open_database
from ui.dialogs.member_dialog import MemberDialog

TYPED = {"name": "赵雷", "gender": "male", "party_status": "full", "birth_date": "1988-03-02",
         "join_date": "2010-07-01", "phone": "13900007777", "job_title": "科员"}


@pytest.fixture
def on_server(restartable_cluster):
    cluster = restartable_cluster
    name = cluster.new_database()
    open_database(cluster.url(name))
    yield cluster
    close_database()
    cluster.drop(name)


def typed_form(qtbot) -> MemberDialog:
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    for key, value in TYPED.items():
        dialog.form.fields[key].setValue(value)
    return dialog


def test_a_save_while_the_server_is_down_keeps_the_form_and_the_next_one_stores_it(on_server, qtbot, answer):
    dialog = typed_form(qtbot)
    on_server.stop_server()
    try:
        assert not dialog.save()
    finally:
        on_server.start_server()
    [(kind, text)] = answer.messages
    assert kind == "warning" and "连接中断" in text and "仍保留在表单中" in text
    assert dialog.isVisible() and dialog.form.fields["name"].value() == "赵雷"
    assert dialog.form.fields["phone"].value() == "13900007777"
    assert dialog.save()
    [stored] = list_members(ListQuery())
    assert stored["name"] == "赵雷" and stored["phone"] == "13900007777"


def test_after_a_restart_the_form_saves_without_a_word(on_server, qtbot, answer):
    save_member({**TYPED, "name": "王芳"})
    dialog = typed_form(qtbot)
    on_server.restart()
    assert dialog.save() and answer.messages == []
    assert sorted(m["name"] for m in list_members(ListQuery())) == ["王芳", "赵雷"]
