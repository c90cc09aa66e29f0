"""Chinese fonts for the PDFs: office fonts when present, the bundled font otherwise, per-character fallback."""
from __future__ import annotations

import logging
import os
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape

import resources

log = logging.getLogger(__name__)

ROLES = ("song", "fang", "hei", "kai")
ROLE_NAMES = {"song": "宋体", "fang": "仿宋", "hei": "黑体", "kai": "楷体"}
# The office fonts every Chinese Windows has; (file name, subfont index inside a .ttc).
WINDOWS_FONTS = {"song": ("simsun.ttc", 0), "fang": ("simfang.ttf", 0), "hei": ("simhei.ttf", 0),
                 "kai": ("simkai.ttf", 0)}
# Tried after the role fonts for characters they lack: SimSun-ExtB covers CJK Extension B (𠀀…),
# Segoe UI Symbol many symbols; both are TrueType, so reportlab can embed them.
WINDOWS_FALLBACKS = (("simsunb.ttf", 0), ("seguisym.ttf", 0))
BUNDLED = (resources.FONT_FILE, 0)
BUNDLED_NAME = "文泉驿微米黑"
# Serif faces first, so a character missing from 仿宋 comes from 宋体 rather than from 黑体.
FALLBACK_ORDER = ("song", "fang", "kai", "hei")
MISSING = "?"

Covers = Callable[[str, str], bool]


class FontError(RuntimeError):
    """No usable Chinese font at all (the bundled file is missing or damaged)."""


def windows_font_dir() -> Path | None:
    """%WINDIR%\\Fonts, or None where there is no Windows."""
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    return Path(windir) / "Fonts" if windir else None


# -- registration -----------------------------------------------------------------

_lock = threading.Lock()
# (path, subfont, mtime, size) → registered name, or None when that file could not be used.
_registered: dict[tuple, str | None] = {}


def _register(path: Path, subfont: int) -> str | None:
    """Register one font file with reportlab once; None if it is absent or unusable."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path.resolve()), subfont, stat.st_mtime_ns, stat.st_size)
    with _lock:
        if key in _registered:
            return _registered[key]
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        name = f"{path.stem}-{subfont}"
        taken = set(pdfmetrics.getRegisteredFontNames())
        n = 1
        while name in taken:  # same file name in another folder (tests) must not replace the first
            n += 1
            name = f"{path.stem}-{subfont}-{n}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
        except Exception as error:  # noqa: BLE001 - a damaged or CFF font on a user's PC must not stop the export
            log.warning("字体 %s 无法使用，已跳过：%s", path, error)
            name = None
        _registered[key] = name
        return name


@dataclass
class FontSet:
    """Registered reportlab font names per role, and the characters no font could print so far."""
    roles: dict[str, str]
    fallbacks: tuple[str, ...] = ()
    stand_ins: tuple[str, ...] = ()     # roles the bundled font prints for want of an office or chosen font
    missing: set[str] = field(default_factory=set)
    # role → characters already seen to print as themselves in the role's own font: a text made only of those
    # is one run without looking at each character again (a ledger has thousands of cells and few characters)
    plain: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def chain(self, role: str) -> tuple[str, ...]:
        """The role's font first, then every other font, each once."""
        order = [self.roles[role], *(self.roles[r] for r in FALLBACK_ORDER), *self.fallbacks]
        return tuple(dict.fromkeys(order))

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        known = self.plain.setdefault(role, set())
        if known.issuperset(text):
            return [(self.roles[role], text)] if text else []
        runs, missing = split_runs(text, self.chain(role))
        self.missing.update(missing)
        if len(runs) == 1 and runs[0] == (self.roles[role], text):
            known.update(text)
        return runs

    def in_own_font(self, text: str, role: str) -> bool:
        """True if text prints as it is in the role's own font, no character from a fallback font or dropped."""
        return self.runs(text, role) in ([], [(self.roles[role], text)])

    def markup(self, text: str, role: str) -> str:
        """Paragraph markup of text in this role, every character in a font that has it."""
        return runs_markup(self.runs(text, role))

    def draw(self, canvas, x: float, y: float, text: str, role: str, size: float, align: str = "left") -> None:
        """Draw one line on a reportlab canvas; align is left, centre or right of x."""
        draw_runs(canvas, x, y, self.runs(text, role), size, align)


def register_fonts(font_dir: Path | str | None = None, chosen: dict[str, str] | None = None) -> FontSet:
    """Register the fonts for every role. font_dir: where the office fonts may be (default: Windows');
    chosen: font files the person picked in settings, by role, tried first."""
    folder = Path(font_dir) if font_dir is not None else windows_font_dir()
    bundled = _register(*BUNDLED)
    roles, stand_ins = {}, []
    for role in ROLES:
        candidate = _register(Path(chosen[role]), 0) if chosen and chosen.get(role) else None
        if candidate is None and folder is not None:
            file_name, subfont = WINDOWS_FONTS[role]
            candidate = _register(folder / file_name, subfont)
        if candidate is None:
            stand_ins.append(role)
        roles[role] = candidate or bundled
    extra = [_register(folder / f, i) for f, i in WINDOWS_FALLBACKS] if folder is not None else []
    if bundled is None and not all(roles.values()):
        raise FontError(f"找不到可用的中文字体：程序自带的字体文件 {BUNDLED[0]} 缺失或已损坏，请重新安装程序")
    fallbacks = tuple(name for name in (*extra, bundled) if name)
    return FontSet(roles=roles, fallbacks=fallbacks, stand_ins=tuple(stand_ins))


def missing_styles(font_dir: Path | str | None = None, chosen: dict[str, str] | None = None) -> list[str]:
    """The office styles (仿宋, 黑体, 楷体, 宋体) that no chosen file or office font provides, so that the report PDF
    prints them in the bundled font; empty when every style has its own font."""
    stand_ins = register_fonts(font_dir, chosen).stand_ins
    return [ROLE_NAMES[role] for role in ("fang", "hei", "kai", "song") if role in stand_ins]


def fallback_notice(font_dir: Path | str | None = None, chosen: dict[str, str] | None = None) -> str:
    """One line telling the person that the bundled font stands in and where to choose font files; "" if not."""
    missing = missing_styles(font_dir, chosen)
    if not missing:
        return ""
    return (f"提示：未找到公文字体（{'、'.join(missing)}），已使用内置字体{BUNDLED_NAME}；"
            "可在“设置”页的“汇报字体”中指定字体文件。")


def report_font_notice(font_dir: Path | str | None = None) -> str:
    """fallback_notice for the fonts chosen in settings, as the report PDF will use them."""
    from models.records.settings import get_setting

    return fallback_notice(font_dir, get_setting("report_fonts") or None)


# -- glyph coverage ----------------------------------------------------------------

def _cmap(font_name: str) -> dict:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).face.charToGlyph


def has_glyph(font_name: str, char: str) -> bool:
    """True if the registered TrueType font maps this character to a real glyph (not .notdef)."""
    return bool(_cmap(font_name).get(ord(char)))


def _silent(char: str) -> bool:
    """Invisible marks (zero-width joiners, BOM, variation selectors, control codes) are dropped, not printed."""
    category = unicodedata.category(char)
    return category in ("Cf", "Cc") or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


def split_runs(text: str, fonts: Sequence[str], covers: Covers | None = None
               ) -> tuple[list[tuple[str, str]], list[str]]:
    """Split text into (font name, text) runs, each character in the first font that has it.

    A character no font has becomes "?" in the first font and is listed in the second value, so callers
    can log it: nothing ever prints as a blank. covers(font, char) replaces the cmap lookup (tests).
    """
    if not fonts:
        raise ValueError("no fonts to print with")
    if covers is None:
        cmaps = {name: _cmap(name) for name in fonts}
        covers = lambda name, char: bool(cmaps[name].get(ord(char)))  # noqa: E731
    runs: list[tuple[str, list[str]]] = []
    missing: list[str] = []
    for char in text:
        if char in "\n\r\t":
            char = " "
        elif _silent(char):
            continue
        if char.isspace() and runs and covers(runs[-1][0], char):
            font = runs[-1][0]  # a space needs no particular face: keep it in the run it sits in
        else:
            font = next((f for f in fonts if covers(f, char)), None)
        if font is None:
            if char.isspace():
                char = " "
            else:
                if char not in missing:
                    missing.append(char)
                char = MISSING
            font = next((f for f in fonts if covers(f, char)), fonts[0])
        if runs and runs[-1][0] == font:
            runs[-1][1].append(char)
        else:
            runs.append((font, [char]))
    return [(font, "".join(chars)) for font, chars in runs], missing


def runs_markup(runs: Iterable[tuple[str, str]]) -> str:
    """Paragraph markup for runs: each in its own <font name="…">, the text XML-escaped."""
    return "".join(f'<font name="{escape(font, {chr(34): "&quot;"})}">{escape(text)}</font>'
                   for font, text in runs)


def font_markup(text: str, fonts: Sequence[str], covers: Covers | None = None) -> tuple[str, list[str]]:
    """Paragraph markup of text with per-character font fallback, and the characters no font has."""
    runs, missing = split_runs(text, fonts, covers)
    return runs_markup(runs), missing


def draw_runs(canvas, x: float, y: float, runs: Sequence[tuple[str, str]], size: float,
              align: str = "left") -> None:
    """Draw runs as one line on a reportlab canvas, starting at, centred on, or ending at x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [stringWidth(text, font, size) for font, text in runs]
    total = sum(widths)
    x -= {"left": 0, "centre": total / 2, "right": total}[align]
    for (font, text), width in zip(runs, widths):
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        x += width
