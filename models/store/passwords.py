"""A server's password kept, when a person asks for it, in the operating system's keyring (Windows Credential
Manager, the macOS Keychain, a desktop's Secret Service); never in settings or logs. Where no keyring works (a
Linux PC without a desktop), saying why is all this does: a keyring is a convenience, never a reason to fail."""
from __future__ import annotations

import logging

SERVICE = "BranchLedger"  # the entry's name in the keyring; the account is the server's URL without password

log = logging.getLogger("branch_ledger")


def _backend():
    import keyring
    return keyring.get_keyring()


def keyring_problem() -> str | None:
    """None when a keyring can keep a password here; else one Chinese line saying why not."""
    try:
        from keyring.backends import fail
        backend = _backend()
    except Exception as e:  # noqa: BLE001 — no keyring package or a broken one: the choice is just off
        log.info("系统钥匙串不可用：%s", type(e).__name__)
        return "本机没有可用的系统钥匙串，密码只在本次运行中使用"
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return "本机没有可用的系统钥匙串（例如没有桌面环境的 Linux），密码只在本次运行中使用"
    return None


def saved_password(where: str) -> str | None:
    """The password kept for the server at where (its URL without password), or None."""
    if keyring_problem():
        return None
    try:
        return _backend().get_password(SERVICE, where)
    except Exception as e:  # noqa: BLE001 — a locked or broken keyring: ask instead
        log.info("读取系统钥匙串失败：%s", type(e).__name__)
        return None


def save_password(where: str, password: str) -> bool:
    """Keep the password for the server at where; False (said in the log, never with the password) when it fails."""
    if keyring_problem():
        return False
    try:
        _backend().set_password(SERVICE, where, password)
        return True
    except Exception as e:  # noqa: BLE001
        log.warning("未能把密码保存到系统钥匙串：%s", type(e).__name__)
        return False


def forget_password(where: str) -> None:
    if keyring_problem():
        return
    try:
        _backend().delete_password(SERVICE, where)
    except Exception:  # noqa: BLE001 — nothing kept, or a keyring that cannot delete: nothing to forget here
        pass
