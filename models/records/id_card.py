"""公民身份号码 (GB 11643-1999): its check, the birth date and sex it holds, and the masked form lists show."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from models.records.validation import ValidationError

LABEL = "公民身份号码"
# GB 11643-1999 §7: the check character is ISO 7064 MOD 11-2 over the first 17 digits, weights 2^(17-i) mod 11.
WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11
SHAPE = re.compile(r"\d{17}[\dX]")
MASKED = re.compile(r"\d{6}\*{8}\d{3}[\dX]")  # as masked() writes it (a sheet that carried the masked form)
EARLIEST = dt.date(1900, 1, 1)


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def normalise(value) -> str:
    """The number as stored: full-width digits and spaces folded, a small x made X."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value or "")).upper()


def birth_of(number: str) -> dt.date | None:
    """The birth date the number holds (positions 7–14), or None when it is no calendar date."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender_of(number: str) -> str:
    """The sex the number holds (GB 11643 §6.1.3: the sequence code's last digit odd for men, even for women)."""
    return "male" if int(number[16]) % 2 else "female"


def checked(value, today: dt.date) -> str:
    """The number, normalised, or '' when blank; ValidationError with a message saying what is wrong."""
    if value is not None and not isinstance(value, str):
        raise ValidationError({"": f"{LABEL}应为文字"})
    number = normalise(value)
    if not number:
        return ""
    if len(number) != 18:
        raise ValidationError({"": f"{LABEL}应为18位，现有 {len(number)} 位"})
    if not SHAPE.fullmatch(number):
        raise ValidationError({"": f"{LABEL}应为17位数字加1位校验码（数字或X）"})
    born = birth_of(number)
    if born is None:
        raise ValidationError({"": f"{LABEL}中的出生日期“{number[6:14]}”不是有效日期"})
    if not EARLIEST <= born <= today:
        raise ValidationError({"": f"{LABEL}中的出生日期“{number[6:14]}”不在合理范围内"})
    expected = check_char(number[:17])
    if number[17] != expected:
        raise ValidationError({"": f"{LABEL}的校验码不对（最后一位应为 {expected}），请核对是否有数字输错"})
    return number


def masked(number: str) -> str:
    """The number as lists and circulated files show it: the region and the last four, the birth date hidden."""
    return f"{number[:6]}{'*' * 8}{number[14:]}" if len(number) == 18 else number


def is_masked(value) -> bool:
    return isinstance(value, str) and MASKED.fullmatch(normalise(value)) is not None
