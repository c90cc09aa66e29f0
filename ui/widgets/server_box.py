"""The 设置 page's 连接单位服务器 box: the office's PostgreSQL server typed in, tried (on the worker thread: a server
far away takes seconds), and chosen for the next start (this PC's settings keep its URL, never the password); back to
the local file in one click."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from shiboken6 import isValid

from models.store import (
    ServerRefused,
    StoreError,
    compose_url,
    keyring_problem,
    parse_url,
    probe_server,
    save_password,
    server_url,
    shown_target,
    store_path,
)
from ui.editors.fields import ChoiceField, TextField
from ui.editors.form import ERROR_STYLE, Form
from ui.server_choice import remember, remembered
from ui.tasks import run_quietly
from ui.widgets.screen_fit import form_columns

SSL_LABELS = {"prefer": "能加密就加密（默认）", "require": "必须加密", "verify-full": "必须加密并核对服务器证书",
              "verify-ca": "必须加密并核对证书颁发者", "allow": "服务器要求时才加密", "disable": "不加密"}
OK_STYLE = "color: #2e7d32;"
WAIT_STYLE = "color: gray;"


class ServerBox(QGroupBox):
    def __init__(self, parent=None, keys=None):
        super().__init__(self.tr("连接单位服务器"), parent)
        self.form = Form(form_columns(2), self, keys)
        self.form.add("host", self.tr("服务器地址"), TextField(200, self.tr("主机名或 IP，如 192.168.1.10")), required=True)
        self.form.add("port", self.tr("端口"), TextField(5, "5432"))
        self.form.add("dbname", self.tr("数据库名"), TextField(63, self.tr("由管理员提供")), required=True)
        self.form.add("user", self.tr("用户名"), TextField(63, self.tr("数据库账号，由管理员提供")), column=1, required=True)
        self.form.add("sslmode", self.tr("加密连接"), ChoiceField({k: self.tr(SSL_LABELS[k]) for k in SSL_LABELS}),
                      column=1)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("只用于测试连接，不会保存到设置中"))
        password_caption = QLabel(self.form.keys.caption(self.tr("密码"), "password") + "：", self)
        password_caption.setBuddy(self.password)
        self.keep = QCheckBox(self.tr("在本机的系统钥匙串中保存密码，启动时不再询问"), self)
        problem = keyring_problem()
        self.keep.setEnabled(not problem)
        self.keep_note = QLabel(problem or "", self)
        self.keep_note.setStyleSheet("color: gray;")
        self.keep_note.setVisible(bool(problem))
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.now = QLabel(self)
        self.now.setWordWrap(True)
        self.try_button = QPushButton(self.tr("测试连接"), self)
        self.choose_button = QPushButton(self.tr("下次启动时使用此服务器"), self)
        self.local_button = QPushButton(self.tr("改回本机数据文件"), self)
        self.trying = False  # a try is under way on the worker thread
        self.worked = False  # what the last try found: the server can be used
        self.try_button.clicked.connect(lambda: self.try_server())
        self.choose_button.clicked.connect(self.choose)
        self.local_button.clicked.connect(self.back_to_file)
        password = QHBoxLayout()  # the password, its keeping and the buttons on rows of their own: fits 819 px
        password.addWidget(password_caption)
        password.addWidget(self.password, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.try_button, self.choose_button, self.local_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.now)
        layout.addWidget(self.form)
        layout.addLayout(password)
        layout.addWidget(self.keep)
        layout.addWidget(self.keep_note)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.form.fields["sslmode"].setValue("prefer")
        self.fill_in(remembered() or server_url(store_path()))
        self.show_choice()

    def fill_in(self, url: str | None) -> None:
        """The fields from a server's URL (the one chosen, or the one open now)."""
        if not url:
            return
        address = parse_url(url)
        options = dict(address.options)
        self.form.set_values({"host": address.host or "", "port": str(address.port or ""), "dbname": address.dbname,
                              "user": address.user or "", "sslmode": options.get("sslmode", "prefer")})

    def show_choice(self) -> None:
        chosen = remembered()
        now = self.tr("本次使用：%1").replace("%1", shown_target(store_path()))
        after = (self.tr("以后启动时使用服务器：%1").replace("%1", shown_target(chosen)) if chosen
                 else self.tr("以后启动时使用本机数据文件"))
        self.now.setText(now + "\n" + after + self.tr("（用 --db 或 BRANCH_LEDGER_DB 指定时以指定的为准）"))
        self.local_button.setEnabled(bool(chosen))

    def url(self) -> str | None:
        """The URL the fields make (without password), or None with each problem shown at its field."""
        values = self.form.values()
        url, problems = compose_url(values["host"], values["port"], values["dbname"], values["user"],
                                    values["sslmode"] or "")
        if problems:
            self.form.show_errors(problems)
            return None
        self.form.clear_errors()
        return url

    def _say(self, text: str, good: bool | None) -> None:
        self.result.setStyleSheet(WAIT_STYLE if good is None else OK_STYLE if good else ERROR_STYLE)
        self.result.setText(text)

    def try_server(self, then: Callable[[str], None] | None = None) -> bool:
        """Connect with what was typed, off the window's thread, change nothing there, and say in one line what was
        found or why not; then(url) follows a try that worked. False when no try began (a field's problem shown,
        or a try already under way)."""
        url = self.url()
        if url is None or self.trying:
            return False
        password = self.password.text() or None
        self.trying = True
        self.try_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self._say(self.tr("正在连接…"), None)
        run_quietly(lambda progress: probe_server(url, password),
                    lambda found: self._tried(url, password, found, then),
                    lambda error: self._tried(url, password, error, then))
        return True

    def _tried(self, url: str, password: str | None, answer, then) -> None:
        if not isValid(self):  # the settings page went while the server was asked
            return
        self.trying = False
        self.try_button.setEnabled(True)
        self.choose_button.setEnabled(True)
        if isinstance(answer, ServerRefused) and answer.kind == "password" and not password:
            answer = StoreError(self.tr("服务器要求密码：请在“密码”栏中输入后再测试。"))
        if isinstance(answer, BaseException) and not isinstance(answer, StoreError):
            raise answer  # a fault, not a server that cannot be used: to the error handler
        self.worked = not isinstance(answer, BaseException)
        self._say(str(answer), self.worked)
        if not self.worked:
            return
        if self.keep.isEnabled() and self.keep.isChecked() and password:
            save_password(parse_url(url).shown, password)
        if then is not None:
            then(url)

    def choose(self) -> bool:
        """Tried first; chosen only when it can be used. The window then opens it at the next start."""
        return self.try_server(then=self._chosen)

    def _chosen(self, url: str) -> None:
        remember(url)
        self.password.clear()
        self.show_choice()
        self._say(self.result.text() + self.tr("\n已选定：下次启动时打开服务器“%1”。").replace("%1", shown_target(url)), True)

    def back_to_file(self) -> None:
        remember(None)
        self.show_choice()
        self._say(self.tr("已改回：下次启动时打开本机数据文件。"), True)
