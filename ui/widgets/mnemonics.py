"""Alt-keys for form labels: each caption gets a letter no other caption of its window part uses."""
from __future__ import annotations

import string

WINDOW_MENUS = "FEVH"  # the main window's 文件 编辑 视图 帮助 menus keep their letters on its pages


class Mnemonics:
    """The letters given so far in one form (or one page), and the next caption's."""

    def __init__(self, taken: str = ""):
        self.taken = set(taken.upper())

    def caption(self, text: str, hint: str = "") -> str:
        """text followed by (&X): X the first free letter of hint (a field's key, so 姓名 name gets N), else of
        the alphabet; text alone when every letter is taken."""
        text = text.replace("&", "&&")
        for letter in [c for c in hint.upper() if c in string.ascii_uppercase] + list(string.ascii_uppercase):
            if letter not in self.taken:
                self.taken.add(letter)
                return f"{text}(&{letter})"
        return text
