"""One window per store: a second start on a store that is open hands over to the first window and ends."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal

WAIT_MS = 1000


def channel_name(store) -> str:
    """The local channel of the window that has this store open: a server URL, or the file's identity (device and
    inode, as its lock), so a start through a hard link or another path finds the window too."""
    from models.store import store_identity
    where = str(store) if "://" in str(store) else store_identity(store) or str(Path(store).resolve())
    return "branch-ledger-" + hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]


class Handover(QObject):
    """Listens, for the window that has the store open, for a second start asking it to come to the front."""
    asked = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer  # loaded once the window is on screen: start-up stays quick
        self.server = QLocalServer(self)
        name = channel_name(store)
        QLocalServer.removeServer(name)  # a channel left by a crash: this process holds the store's lock now
        self.server.listen(name)
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.disconnectFromServer()
            self.asked.emit()


def hand_over(store) -> bool:
    """Ask the window that has the store open to come to the front; False when no window answers in time."""
    from PySide6.QtNetwork import QLocalSocket
    socket = QLocalSocket()
    socket.connectToServer(channel_name(store))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.disconnectFromServer()
    return True


def bring_to_front(window) -> None:
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()
