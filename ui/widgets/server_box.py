"""The 设置 page's 连接单位服务器 box: the office's PostgreSQL server typed in, tried, and chosen for the next start
(this PC's settings keep its URL, never the password); back to the local file in one click."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from models.store import (StoreError, compose_url, keyring_problem, parse_url, probe_server, save_password,
                          server_url, shown_target, store_path)
from ui.editors.fields import ChoiceField, TextField
from ui.editors.form import ERROR_STYLE, Form
from ui.server_choice import remember, remembered
from ui.widgets.screen_fit import form_columns

SSL_LABELS = {"prefer": "能加密就加密（默认）", "require": "必须加密", "verify-full": "必须加密并核对服务器证书",
              "verify-ca": "必须加密并核对证书颁发者", "allow": "服务器要求时才加密", "disable": "不加密"}
OK_STYLE = "color: #2e7d32;"


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
        self.try_button.clicked.connect(self.try_server)
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

    def _say(self, text: str, good: bool) -> None:
        self.result.setStyleSheet(OK_STYLE if good else ERROR_STYLE)
        self.result.setText(text)

    def try_server(self) -> bool:
        """Connect with what was typed, change nothing there, and say in one line what was found or why not."""
        url = self.url()
        if url is None:
            return False
        try:
            found = probe_server(url, self.password.text() or None)
        except StoreError as e:
            asked = "要求输入密码" in str(e) and not self.password.text()
            self._say(self.tr("服务器要求密码：请在“密码”栏中输入后再测试。") if asked else str(e), False)
            return False
        self._say(found, True)
        if self.keep.isEnabled() and self.keep.isChecked() and self.password.text():
            save_password(parse_url(url).shown, self.password.text())
        return True

    def choose(self) -> None:
        """Tried first; chosen only when it can be used. The window then opens it at the next start."""
        if not self.try_server():
            return
        url = self.url()
        remember(url)
        self.password.clear()
        self.show_choice()
        self._say(self.result.text() + self.tr("\n已选定：下次启动时打开服务器“%1”。").replace("%1", shown_target(url)), True)

    def back_to_file(self) -> None:
        remember(None)
        self.show_choice()
        self._say(self.tr("已改回：下次启动时打开本机数据文件。"), True)
