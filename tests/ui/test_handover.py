"""One window per store: a second start hands over to the window that has the store open, and ends."""
import subprocess
import sys
from pathlib import Path

from models.store import StoreLock
from ui.handover import Handover, channel_name, hand_over

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_start_brings_the_first_window_forward(store, qtbot):
    listening = Handover(store)
    with qtbot.waitSignal(listening.asked, timeout=3000):
        assert hand_over(store)
    assert not hand_over(store.with_name("other.sqlite"))          # no window has that one open
    assert channel_name(store) == channel_name(store.parent / "." / store.name)


def test_a_start_through_a_hard_link_finds_the_open_window(store, qtbot):
    import os
    link = store.with_name("另一个名字.sqlite")
    os.link(store, link)
    listening = Handover(store)
    with qtbot.waitSignal(listening.asked, timeout=3000):
        assert hand_over(link)


def test_a_second_program_on_an_open_store_hands_over_and_ends_at_once(store, qtbot, tmp_path):
    listening = Handover(store)
    asked = []
    listening.asked.connect(lambda: asked.append(True))
    with StoreLock(store):
        second = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(store)], cwd=tmp_path,
                                  env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
        qtbot.waitUntil(lambda: bool(asked), timeout=15000)
        assert second.wait(timeout=15) == 0                          # no box waiting for a click
