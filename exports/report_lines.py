"""Where lines of Chinese text in the report PDF break (禁则, numbers whole), and how a justified line is spread."""
from __future__ import annotations

import re

# 禁则: what may not open a line (closing marks) and what may not end one (opening marks); reportlab's own list
# is Japanese and lets a Chinese ，；：”》 start a line.
NO_START = set("，。、；：？！）》〉」』】〕”’…—·%‰,.;:?!)]}")
NO_END = set("（《〈「『【〔“‘([{")
LATIN = set("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Runs a line never breaks inside: a date (2022年9月30日, 2—12月), a figure with its point, per cent, 万/亿/元 and the
# marks of an approximate figure (46.01万元, 87.5%, 超340万元, 200余家), a unit of two or more characters (16人次,
# 10.5个百分点), a Latin word or code. CJK wrapping would otherwise break between any two characters.
UNBROKEN = re.compile(r"(?:\d{4}年)?\d{1,2}(?:[—-]\d{1,2})?月(?:\d{1,2}(?:[—-]\d{1,2})?日)?|\d{4}年"
                      r"|[超近约逾]?[0-9A-Za-z][0-9A-Za-z.,:/%‰\-]*"
                      r"(?:[余多]?(?:人次|个百分点|个月)|[余多]?(?:[万亿]?元|[万亿])|[余多][\u4e00-\u9fff]?)?")


def measured(frags) -> list:
    """The paragraph's characters, each carrying its fragment (font) and width."""
    from reportlab.platypus.paragraph import cjkU

    return [cjkU(t, f, "utf8") for f in frags for t in (getattr(f, "text", "") or "")]


def glued(text: str) -> bytearray:
    """1 at each position a line may not start at because it continues an UNBROKEN run."""
    flags = bytearray(len(text) + 1)
    for match in UNBROKEN.finditer(text):
        flags[match.start() + 1:match.end()] = b"\x01" * (match.end() - match.start() - 1)
    return flags


def line_breaks(chars, widths, max_widths) -> list[tuple[int, int, float]]:
    """Where the lines of a text go, as (start, end, width): a character or two moves to the next line rather than
    opening a line with ，or ending one with “, and a number, a date or a number and its unit stay whole."""
    lines, start, used, i = [], 0, 0.0, 0
    whole = glued("".join(chars))
    while i < len(chars):
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if used + widths[i] > limit + 1e-6 and i > start:
            cut = i
            while cut - start > 1 and _no_break(chars, whole, cut):
                cut -= 1
            if _no_break(chars, whole, cut):
                cut = i  # a line of nothing but marks or digits: break where it overflows after all
            lines.append((start, cut, sum(widths[start:cut])))
            start, used, i = cut, 0.0, cut
            continue
        used += widths[i]
        i += 1
    if start < len(chars):
        lines.append((start, len(chars), used))
    return lines


class Tight(str):
    """Characters drawn without the justifying space: the inside of a number, a date or a Latin word."""


def _no_break(chars, whole: bytearray, cut: int) -> bool:
    """True if a line may not start at cut: a closing mark, after an opening one, inside a number or a date,
    or a unit right after a number (5次)."""
    return bool(chars[cut] in NO_START or chars[cut - 1] in NO_END or whole[cut]
                or (chars[cut - 1] in LATIN and not chars[cut].isspace()))


def chinese_lines(chars: list, max_widths, char_space: float = 0.0):
    """Break measured characters into a paragraph's lines by the rules of line_breaks, each character taking
    char_space more room. Justifying a line spreads its spare room over the gaps between characters, but not
    inside a number or a Latin word (5075, not 5 0 7 5): a line's words are runs of loose and Tight characters,
    and its word count is one more than the gaps that take the spare room (see report_layout's SpacedText)."""
    from reportlab.platypus.paragraph import ParaLines, makeCJKParaLine

    whole = glued("".join(chars))
    lines = []
    widths = [c.width + char_space for c in chars]
    for n, (start, end, width) in enumerate(line_breaks(chars, widths, max_widths)):
        limit = max_widths[min(n, len(max_widths) - 1)]
        drawn = width - char_space  # the spacing after the last character lies outside the line
        line = makeCJKParaLine(chars[start:end], limit, drawn, limit - drawn, False, False)
        tight = [k + 1 < end and bool(whole[k + 1] or chars[k] in LATIN and chars[k + 1] in LATIN)
                 for k in range(start, end)]
        words, k = [], start
        while k < end:
            j = k + 1
            while j < end and tight[j - start] == tight[k - start] and chars[j].frag is chars[k].frag:
                j += 1
            text = "".join(chars[k:j])
            words.append(chars[k].frag.clone(text=Tight(text) if tight[k - start] else text))
            k = j
        line.words = words
        line.wordCount = end - start - sum(tight)
        lines.append(line)
    return ParaLines(kind=1, lines=lines)


# (font, size) → character → width, filled as characters come: a ledger has few distinct ones and many cells.
_char_widths: dict[tuple[str, float], dict[str, float]] = {}


def plain_lines(text: str, font: str, size: float, width: float) -> str:
    """text in one font broken into lines for a table cell by the rules of line_breaks, joined by newlines: reportlab
    draws such a cell as plain strings, far quicker than a paragraph. Whitespace is collapsed as a paragraph does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(text.split())
    known = _char_widths.setdefault((font, size), {})
    widths = []
    for char in text:
        w = known.get(char)
        if w is None:
            w = known[char] = stringWidth(char, font, size)
        widths.append(w)
    if sum(widths) <= width + 1e-6:
        return text
    return "\n".join(text[start:end].strip() for start, end, _ in line_breaks(text, widths, [width]))
