"""连接单位服务器 in 设置: typed, tried (one line on failure), chosen for the next start without its password, and
back to the local file in one click; the password asked in a small dialog at start, the keyring choice greyed
out where none works; a chosen server that cannot be reached offers the local file."""
import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QDialog

from models.store import close_database, open_database, server
from ui import server_choice
from ui.dialogs.password_dialog import PasswordDialog
from ui.widgets.server_box import ServerBox


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def local_store(tmp_path):
    open_database(tmp_path / "ledger.sqlite")
    yield tmp_path / "ledger.sqlite"
    close_database()


def _fill(box: ServerBox, **values) -> None:
    box.form.set_values({"host": "", "port": "", "dbname": "", "user": "", "sslmode": "prefer", **values})


def tried(box: ServerBox, qtbot, how=None) -> bool:
    """The box's try (or how(): choose) begun and its answer in: True when the server could be used."""
    if not (how or box.try_server)():
        return False
    qtbot.waitUntil(lambda: not box.trying, timeout=15_000)
    return box.worked


def _saved_bytes(tmp_path) -> bytes:
    return b"".join(p.read_bytes() for p in (tmp_path / "qsettings").rglob("*") if p.is_file())


def test_a_server_is_tried_chosen_without_its_password_and_given_up_in_one_click(qtbot, pg_cluster, local_store,
                                                                                tmp_path, no_keyring):
    from pg_cluster import CLERK, CLERK_PASSWORD
    name = pg_cluster.new_database()
    pg_cluster.sql(f'ALTER DATABASE "{name}" OWNER TO {CLERK}')
    box = ServerBox()
    qtbot.addWidget(box)
    assert "本机数据文件" in box.now.text() and not box.local_button.isEnabled()
    assert not box.keep.isEnabled() and "没有可用的系统钥匙串" in box.keep_note.text()  # greyed, with the reason

    assert not box.try_server()  # nothing typed: each missing field says so beside itself, nothing tried
    assert box.form.error_text("host") and box.form.error_text("dbname") and box.form.error_text("user")
    _fill(box, host="127.0.0.1", port=str(pg_cluster.port), dbname=name, user=CLERK)
    box.password.setText("wrong")
    assert not tried(box, qtbot) and "用户名或密码不正确" in box.result.text() and "wrong" not in box.result.text()
    box.password.clear()
    assert not tried(box, qtbot)
    assert "请在“密码”栏中输入" in box.result.text()
    _fill(box, host="127.0.0.1", port=str(pg_cluster.port), dbname="nowhere", user=CLERK)
    box.password.setText(CLERK_PASSWORD)
    assert not tried(box, qtbot) and "没有数据库“nowhere”" in box.result.text()
    _fill(box, host="127.0.0.1", port="1", dbname=name, user=CLERK)
    assert not tried(box, qtbot) and "网络不通" in box.result.text()
    _fill(box, host="127.0.0.1", port=str(pg_cluster.port), dbname=name, user=CLERK, sslmode="require")
    assert not tried(box, qtbot) and "没有开启加密连接" in box.result.text()  # the test server has no SSL
    assert server_choice.remembered() is None  # nothing tried and failed is chosen

    _fill(box, host="127.0.0.1", port=str(pg_cluster.port), dbname=name, user=CLERK, sslmode="disable")
    box.password.setText(CLERK_PASSWORD)
    assert tried(box, qtbot, box.choose)
    assert "连接成功" in box.result.text() and "已选定" in box.result.text()
    chosen = server_choice.remembered()
    assert chosen == f"postgresql://{CLERK}@127.0.0.1:{pg_cluster.port}/{name}?sslmode=disable"
    assert box.local_button.isEnabled() and box.password.text() == ""
    QSettings().sync()
    assert CLERK_PASSWORD.encode() not in _saved_bytes(tmp_path) and chosen.encode() in _saved_bytes(tmp_path)
    again = ServerBox()  # the 设置 page next time shows the choice, filled in
    qtbot.addWidget(again)
    assert again.form.values()["dbname"] == name and again.form.values()["sslmode"] == "disable"

    box.back_to_file()
    assert server_choice.remembered() is None and "本机数据文件" in box.now.text() and not box.local_button.isEnabled()
    pg_cluster.drop(name)


def test_the_password_dialog_greys_the_keyring_where_none_works(qtbot, no_keyring, monkeypatch):
    dialog = PasswordDialog(None, "请输入 postgresql://clerk@h/db 的密码：")
    qtbot.addWidget(dialog)
    assert not dialog.keep.isEnabled() and "没有可用的系统钥匙串" in dialog.keep_note.text()
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    dialog.password.setText("pw")
    dialog.keep.setChecked(True)
    assert dialog.answer() == ("pw", False)  # a greyed choice is never taken
    monkeypatch.setattr(QDialog, "exec", lambda self: (self.password.setText("typed"), 1)[1])
    assert PasswordDialog.ask(None, "?") == ("typed", False)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    assert PasswordDialog.ask(None, "?") is None


def test_the_window_asks_for_the_password_of_the_chosen_server(qtbot, pg_cluster, monkeypatch, tmp_path, answer):
    from pg_cluster import CLERK, CLERK_PASSWORD

    from ui import app
    name = pg_cluster.new_database()
    pg_cluster.sql(f'ALTER DATABASE "{name}" OWNER TO {CLERK}')
    server_choice.remember(pg_cluster.url(name, user=CLERK))
    asked = []
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, text: asked.append(text)
                                                           or (CLERK_PASSWORD, False)))
    server_choice.install_prompt()
    try:
        opened = app.open_store(server_choice.remembered(), fallback=tmp_path / "local.sqlite")
        assert opened and opened[0] == server_choice.remembered() and len(asked) == 1 and "clerk@127.0.0.1" in asked[0]
        close_database()
        pg_cluster.drop(name)  # the server's database is gone: the local file is offered, for this start and next
        opened = app.open_store(server_choice.remembered(), fallback=tmp_path / "local.sqlite")
        assert opened[0] == tmp_path / "local.sqlite" and server_choice.remembered() is None
        assert answer.messages[-1][0] == "question" and "改用本机的数据文件" in answer.messages[-1][1]
        opened[1].release()
    finally:
        server.use_password_prompt(None)
        close_database()


def test_a_slow_server_is_tried_off_the_windows_thread_with_the_box_saying_so(qtbot, local_store, monkeypatch):
    import threading
    import time

    from ui.widgets import server_box
    asked_on = []

    def slow_probe(url, password=None):
        asked_on.append(threading.current_thread())
        time.sleep(1.0)  # a server across town, or one that does not answer
        return "连接成功：这是支部台账的数据库（数据版本 7），连接已加密。"
    monkeypatch.setattr(server_box, "probe_server", slow_probe)
    box = ServerBox()
    qtbot.addWidget(box)
    _fill(box, host="db.example", port="5432", dbname="ledger", user="clerk")
    began = time.monotonic()
    assert box.try_server()
    assert time.monotonic() - began < 0.5 and box.result.text() == "正在连接…"
    assert not box.try_button.isEnabled() and not box.choose_button.isEnabled()
    assert not box.try_server()  # one try at a time
    ticks = []
    timer = QTimer(box, interval=20)
    timer.timeout.connect(lambda: ticks.append(box.trying))
    timer.start()
    qtbot.wait(300)
    assert len(ticks) >= 5 and all(ticks)  # the window went on answering while the server was asked
    qtbot.waitUntil(lambda: not box.trying, timeout=5000)
    timer.stop()
    assert "连接成功" in box.result.text() and box.try_button.isEnabled()
    assert asked_on and asked_on[0] is not threading.main_thread()


def test_the_password_question_is_known_by_its_kind_not_its_wording(qtbot, local_store, monkeypatch):
    from models.store import ServerRefused
    from ui.widgets import server_box

    def wants_password(url, password=None):
        raise ServerRefused("Server asks for a password in words of its own", "password")
    monkeypatch.setattr(server_box, "probe_server", wants_password)
    box = ServerBox()
    qtbot.addWidget(box)
    _fill(box, host="db.example", port="5432", dbname="ledger", user="clerk")
    assert not tried(box, qtbot)
    assert "请在“密码”栏中输入" in box.result.text()
    box.password.setText("typed")  # a password given and refused all the same: said as the server said it
    assert not tried(box, qtbot)
    assert "in words of its own" in box.result.text()


def test_a_server_wanting_a_password_says_so_by_kind(pg_cluster):
    from pg_cluster import CLERK

    from models.store import ServerRefused, probe_server
    with pytest.raises(ServerRefused) as refused:
        probe_server(pg_cluster.url("postgres", user=CLERK))
    assert refused.value.kind == "password"
    with pytest.raises(ServerRefused) as wrong:
        probe_server(pg_cluster.url("postgres", user=CLERK), "wrong")
    assert wrong.value.kind == "wrong"
