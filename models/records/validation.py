"""Field checks with Chinese messages; every check raises only ValidationError, whatever it is given."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation


class ValidationError(Exception):
    """Field-level problems: {field: message}. The UI shows each message beside its field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("；".join(errors.values()))
        self.errors = dict(errors)


class Checker:
    """Collects problems field by field so a form shows them all at once."""

    def __init__(self):
        self.errors: dict[str, str] = {}

    def run(self, field: str, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as e:
            self.errors.setdefault(field, next(iter(e.errors.values())))
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _fail(message: str):
    raise ValidationError({"": message})


# Characters no stored text keeps, whichever door it came in by (a form, an .xlsx file, a data package):
# control characters other than tab and line breaks, lone surrogates (not encodable as UTF-8) and the
# noncharacters U+FFFE/U+FFFF, U+FDD0–U+FDEF and their twins in every plane. They are invisible, .xlsx
# cannot hold most of them, and a name holding one no longer matches itself once a ledger has dropped it.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
                     + "]")


def clean(value: str) -> str:
    """Text with the characters no field keeps dropped (vertical tab and form feed become line breaks)."""
    if value.isprintable():  # the common case, and a fast one
        return value
    # Word's manual line break and page break arrive as vertical tab and form feed when pasted.
    return _UNSAFE.sub("", value.replace("\x0b", "\n").replace("\x0c", "\n"))


def text(value, label: str, max_len: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        _fail(f"{label}应为文字")
    value = clean(value).strip()
    if required and not value:
        _fail(f"请填写{label}")
    if len(value) > max_len:
        _fail(f"{label}最多 {max_len} 个字，现有 {len(value)} 个字")
    return value


def choice(value, label: str, options, required: bool = True) -> str:
    value = "" if value is None else value
    if not isinstance(value, str):
        _fail(f"请选择{label}")
    if value == "" and required:
        _fail(f"请选择{label}")
    if value not in options and not (value == "" and not required):
        _fail(f"{label}“{value[:20]}”不在可选范围内")
    return value


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def date(value, label: str, required: bool = False, not_after: dt.date | None = None) -> dt.date | None:
    """A calendar date from a date, or text such as 2022-09-30, 2022/9/30, 2022年9月30日."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if value is None or value == "":
        if required:
            _fail(f"请填写{label}")
        return None
    if isinstance(value, str):
        raw = unicodedata.normalize("NFKC", value).strip()
        for pattern in _DATE_PATTERNS:
            m = pattern.match(raw)
            if m:
                try:
                    value = dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    _fail(f"{label}“{raw[:20]}”不是真实存在的日期")
                break
        else:
            _fail(f"{label}“{raw[:20]}”无法识别，请按 2022-09-30 的格式填写")
    if not isinstance(value, dt.date):
        _fail(f"{label}应为日期")
    if value.year < 1900:
        _fail(f"{label}不能早于1900年")
    if not_after is not None and value > not_after:
        _fail(f"{label}不能晚于{not_after.year}年{not_after.month}月{not_after.day}日")
    return value


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SHORT = re.compile(r"^\d{7,8}(-\d{1,6})?$")


def flag(value, label: str) -> bool:
    """A yes/no field: True/False, 1/0, 是/否, or blank (no)."""
    if value in (None, "", 0, False, "0", "否", "false", "False"):
        return False
    if value in (True, 1, "1", "是", "true", "True", "√"):
        return True
    _fail(f"{label}应填“是”或“否”")


def phone(value, label: str = "电话") -> str:
    """A mainland mobile (11 digits), a landline with area code, or a local 7–8 digit number."""
    value = text(value, label, 30)
    if not value:
        return ""
    compact = unicodedata.normalize("NFKC", value).replace(" ", "").replace("—", "-").replace("－", "-")
    if compact.startswith("+86"):
        compact = compact[3:].lstrip("-")
    if _MOBILE.match(compact) or _LANDLINE.match(compact) or _SHORT.match(compact):
        return compact
    _fail(f"{label}“{value[:20]}”格式不对：手机号为 11 位数字，固定电话如 0571-87654321")


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Second character of a code issued by civil affairs (first character 5), by organisation kind.
CIVIL_AFFAIRS_TYPES = {"1": "social_group", "2": "social_service", "3": "foundation"}


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code(value, label: str = "统一社会信用代码") -> str:
    """The 18-character unified social credit code (GB 32100-2015), normalised to upper case."""
    value = text(value, label, 40)
    code = unicodedata.normalize("NFKC", value).replace(" ", "").upper()
    if not code:
        return ""
    if len(code) != 18:
        _fail(f"{label}应为 18 位，现为 {len(code)} 位")
    bad = [c for c in code if c not in CREDIT_CHARS]
    if bad:
        _fail(f"{label}含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）")
    if not code[2:8].isdigit():
        _fail(f"{label}第 3–8 位应为行政区划代码（数字）")
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        _fail(f"{label}校验位不符：最后一位应为“{expected}”，请核对是否抄错")
    return code


def centi(value, label: str, allow_zero: bool = True) -> int:
    """A non-negative quantity with at most two decimals, as an exact integer ×100 (元 → 分)."""
    if isinstance(value, bool) or value is None or value == "":
        _fail(f"请填写{label}")
    if isinstance(value, float):
        value = str(value)
    if not isinstance(value, (int, str, Decimal)):
        _fail(f"{label}应为数字")
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        _fail(f"{label}应为数字")
    if not number.is_finite():
        _fail(f"{label}应为数字")
    if number < 0:
        _fail(f"{label}不能为负数")
    if number >= 10 ** 13:
        _fail(f"{label}数值过大")
    if number == 0 and not allow_zero:
        _fail(f"{label}应大于 0")
    scaled = number * 100
    if scaled != scaled.to_integral_value():
        _fail(f"{label}最多保留两位小数")
    return int(scaled)


# An approximate figure as the office writes it: 200余, 近300万, 超5000, 约50, 12400余, 超46万余.
_APPROX = re.compile(r"(?P<before>近|超过|超|约|逾|达|共)?(?P<number>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<after>余|多)?")
_SCALES = {None: 1, "万": 10_000, "亿": 100_000_000}


def figure_value(value, label: str) -> tuple[int, str]:
    """A figure's value ×100 and, when written as an approximation (200余, 近300万), the text as entered.

    The number counts in sums (200余 counts 200, 近300万 counts 3000000); the words print as written.
    A plain number gives an empty text: it is printed from the value."""
    if isinstance(value, str):
        entered = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace("，", "").replace(" ", "")
        found = _APPROX.fullmatch(entered)
        if found and (found["before"] or found["scale"] or found["after"]):
            if len(entered) > 30:  # kept as written, in a column of 30
                _fail(f"{label}“{entered[:20]}…”过长，约数最多写 30 个字")
            number = Decimal(found["number"]) * _SCALES[found["scale"]]
            return centi(str(number), label), entered
        if not found and entered and not re.fullmatch(r"[\d.\-+eE]+", entered):
            _fail(f"{label}应为数字，或“200余”“近300万”“超5000”这样的约数")
    return centi(value, label), ""
