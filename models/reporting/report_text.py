"""The report's phrases, as the office writes them: counts in one sentence, ranges with a dash, figures in words."""
from __future__ import annotations

import datetime as dt
import re

from models.records import codes
from models.records.dates import chinese_date

# How each type is counted in a sentence: the verb, and the name the office uses for it there.
MEETINGS = ("member_meeting", "committee_meeting", "group_meeting", "life_meeting")
ORDER = (*MEETINGS, "party_lecture")
VERBS = {**{k: "召开" for k in MEETINGS}, "party_lecture": "讲"}
SHORT = {"committee_meeting": "支委会", "theme_day": "主题党日活动", "expert_lecture": "“引进来”专家授课",
         "exchange_visit": "“走出去”交流学习", "other": "其他活动"}
QUARTERS = "一二三四"
# A figure told as the office says it; an indicator not listed here reads 指标名 + value.
PHRASES = {"参与社会组织": "{v}社会组织参与", "会员企业": "{v}会员企业参与", "培训人数": "培训{v}",
           "提供岗位": "提供就业岗位{v}", "受益人数": "惠及{v}", "订单": "成交订单{v}", "新任法定代表人公示": "公示新任法定代表人{v}",
           "党建工作指导员": "选派党建工作指导员{v}", "约见谈话": "约见谈话{v}"}


def type_name(kind: str) -> str:
    return SHORT.get(kind, codes.ACTIVITY_TYPES.get(kind, kind))


def counts_phrase(by_type: dict[str, int]) -> str:
    """召开支部党员大会4次、支委会12次，讲党课4次，开展主题党日活动12次: one verb per run of types."""
    kinds = [k for k in ORDER if by_type.get(k)] + [k for k in by_type if k not in ORDER and by_type[k]]
    runs: list[tuple[str, list[str]]] = []
    for kind in kinds:
        verb = VERBS.get(kind, "开展")
        if not runs or runs[-1][0] != verb:
            runs.append((verb, []))
        runs[-1][1].append(f"{type_name(kind)}{by_type[kind]}次")
    return "，".join(verb + "、".join(items) for verb, items in runs)


def change_phrase(now: int, before: int, unit: str = "次") -> str:
    """较上年同期增加3次（增长12%）; no percentage from nothing, and 持平 when equal."""
    if now == before:
        return "与上年同期持平"
    word, grow = ("增加", "增长") if now > before else ("减少", "下降")
    text = f"较上年同期{word}{abs(now - before)}{unit}"
    return text + (f"（{grow}{round(abs(now - before) * 100 / before)}%）" if before else "")


def figure_phrase(name: str, text: str) -> str:
    """参与社会组织 200余家 → 200余家社会组织参与; 捐赠资金 340万元 → 捐赠资金340万元."""
    return PHRASES.get(name, "{n}{v}").format(n=name, v=text)


def total_phrase(name: str, text: str) -> str:
    """A figure in a list of totals (以上工作合计…): as the office says it where that phrase leads with what was done
    (选派党建工作指导员10名, 公示新任法定代表人93人), else 指标名 + value (捐赠资金390万元); never 200家社会组织参与 in a list."""
    phrase = PHRASES.get(name, "")
    return figure_phrase(name, text) if phrase and not phrase.startswith("{v}") else f"{name}{text}"


def figure_phrases(texts: dict[str, str]) -> list[str]:
    """One record's figures in words, in catalogue order; organisations with their member enterprises as one
    phrase (365家社会组织携428家会员企业参与)."""
    if "参与社会组织" in texts and "会员企业" in texts:
        joined = f"{texts['参与社会组织']}社会组织携{texts['会员企业']}会员企业参与"
        return [joined if name == "参与社会组织" else figure_phrase(name, text)
                for name, text in texts.items() if name != "会员企业"]
    return [figure_phrase(name, text) for name, text in texts.items()]


def month_day(day: dt.date, year: bool = False) -> str:
    return chinese_date(day) if year else f"{day.month}月{day.day}日"


def span(first: dt.date, last: dt.date | None, year: bool = False) -> str:
    """3月5日, 4月5—9日, 4月28日—5月2日: a range with a dash and the unit once (with the year when asked, or when
    it changes)."""
    if not last or last <= first:
        return month_day(first, year)
    if last.year != first.year:
        return f"{month_day(first, year)}—{chinese_date(last)}"
    if last.month != first.month:
        return f"{month_day(first, year)}—{month_day(last)}"
    return f"{month_day(first, year)[:-1]}—{last.day}日"


def month_span(days: list[dt.date]) -> str:
    """3—9月, 5月, or 2022年11月—2023年2月: the months some records fall in."""
    first, last = min(days), max(days)
    if first.year != last.year:
        return f"{first.year}年{first.month}月—{last.year}年{last.month}月"
    return f"{first.month}月" if first.month == last.month else f"{first.month}—{last.month}月"


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return [(a, b) for a, b in runs]


def bucket_ranges(frequency: str, starts: list[dt.date], with_year: bool) -> str:
    """Months, quarters, halves or years as the office names a stretch of them: 2—12月, 第三、四季度, 2022年."""
    if frequency == "year":
        return "、".join(f"{a}—{b}年" if a != b else f"{a}年" for a, b in _runs([d.year for d in starts]))
    by_year: dict[int, list[int]] = {}
    for day in starts:
        by_year.setdefault(day.year, []).append(day.month)
    parts = []
    if frequency == "month" and with_year:  # runs of months may cross a year's end
        index = [d.year * 12 + d.month - 1 for d in starts]
        for a, b in _runs(index):
            one, two = f"{a // 12}年{a % 12 + 1}月", f"{b // 12}年{b % 12 + 1}月"
            parts.append(one if a == b else f"{one}—{two}" if a // 12 != b // 12 else f"{one[:-1]}—{b % 12 + 1}月")
        return "、".join(parts)
    whole = {"quarter": 4, "half": 2}.get(frequency, 12)
    full = [y for y, months in by_year.items() if len(months) == whole]
    if with_year and len(full) > 1:  # whole years missed: 2000—2023年, then what is left of the others
        parts.append("、".join(f"{a}—{b}年" if a != b else f"{a}年" for a, b in _runs(full)))
        by_year = {y: m for y, m in by_year.items() if y not in full}
    for year, months in by_year.items():
        prefix = f"{year}年" if with_year else ""
        if frequency == "month":
            parts.append(prefix + "、".join(f"{a}月" if a == b else f"{a}—{b}月" for a, b in _runs(months)))
        elif frequency == "quarter":
            parts.append(f"{prefix}第{'、'.join(QUARTERS[(m - 1) // 3] for m in sorted(months))}季度")
        else:
            parts.append(prefix + ("全年" if len(months) == 2 else "上半年" if months[0] == 1 else "下半年"))
    return "、".join(parts)


def gap_sentences(gaps: list[dict], with_year: bool) -> list[str]:
    """Each type's missed months/quarters/years stated once, as ranges: 2—12月未召开支委会, 第三、四季度未讲党课."""
    by_type: dict[str, list[dict]] = {}
    for gap in gaps:
        by_type.setdefault(gap["type"], []).append(gap)
    out = []
    for kind, found in by_type.items():
        verb = VERBS.get(kind, "开展")
        when = bucket_ranges(found[0]["frequency"], [g["start"] for g in found], with_year)
        out.append(f"{when}未{verb}{type_name(kind)}")
    return out


def names_phrase(names: list[str], limit: int = 3) -> str:
    """甲、乙、丙 or 甲、乙、丙等5人: people named for what they did, a few at most."""
    unique = list(dict.fromkeys(n for n in names if n))
    return "、".join(unique[:limit]) + (f"等{len(unique)}人" if len(unique) > limit else "")


def period_said_once(paragraphs: list[str], when: str) -> list[str]:
    """A chapter names its period once: after the first paragraph opening with it (今年以来召开…), the others go on
    without it (发展党员1名…, 联合市教育局开展…), as the office writes a chapter's later paragraphs; a paragraph naming
    other months (今年1—11月应交党费…) keeps them."""
    out, said = [], False
    for text in paragraphs:
        if when and text.startswith(when):
            text = text[len(when):].lstrip("，") if said else text
            said = True
        out.append(text)
    return out


TOPIC_VERBS = ("研究", "传达", "讨论", "部署", "评议", "通报", "学习", "审议", "听取", "推荐", "表决", "选举", "总结")


def labelled_done(title: str, kind: str, speaker: str = "") -> str | None:
    """A title made of the type's name and a topic, told as what was done: 专题研究：党风廉政建设专题 → 围绕“党风廉政建设”
    开展专题研究, 支部委员会：研究发展党员工作 → 召开支委会，研究发展党员工作, 专家授课：X with its speaker → 某专家讲授“X”,
    专题党课：X → 甲讲授专题党课“X”; None for a title not so made (it is told as it is)."""
    head, mark, topic = title.replace(":", "：", 1).partition("：")
    names = (codes.ACTIVITY_TYPES.get(kind, kind).split("（")[0], type_name(kind).replace("“", "").replace("”", ""))
    topic = topic.strip()
    head = head.strip()
    # the name itself, or with a short qualifier (专题党课, 12月主题党日); a longer head says more than the type
    if not mark or not topic or not any(head.endswith(n) and len(head) - len(n) <= 3 for n in names):
        return None
    if kind == "special_study":
        topic = topic.removesuffix("研究").removesuffix("专题") or topic
    quoted = topic if "“" in topic else f"“{topic}”"
    if kind in ("party_lecture", "expert_lecture") and speaker:
        return f"{speaker}讲授{head if kind == 'party_lecture' else ''}{quoted}"
    verb, name = VERBS.get(kind, "开展"), "活动" if kind == "other" else type_name(kind)
    if verb == "召开" and topic.startswith(TOPIC_VERBS):
        return f"召开{name}，{topic}"
    return f"围绕{quoted}{verb}{name}"


def only_its_type(title: str, kind: str) -> bool:
    """True for a title that is just its type's name (谈心谈话, 专家授课, 主题党日活动): told, it would add nothing to
    the count."""
    label = codes.ACTIVITY_TYPES.get(kind, kind)
    names = {label, label.split("（")[0], type_name(kind), type_name(kind).replace("“", "").replace("”", "")}
    return title.strip().rstrip("。") in names


def days_phrase(days: list[dt.date], year: bool = False) -> str:
    """3月8日, 3月8日、21日, 3月8日、4月5日: days in order, each month named once (and each year, when asked)."""
    out, last = [], None
    for day in sorted(days):
        if last and (day.year, day.month) == (last.year, last.month):
            out.append(f"{day.day}日")
        else:
            out.append(month_day(day, year and (last is None or day.year != last.year)))
        last = day
    return "、".join(out)


def join_dated(clauses: list[str]) -> str:
    """Clauses opening with their dates, joined with ；, each naming its year only where it changes from the date
    before (2025年12月15日，…；12月21日，…；2026年1月10日，…), and the day just named as 同日."""
    out, year, day = [], None, None
    for clause in clauses:
        date, mark, rest = clause.partition("，")
        years = re.findall(r"(\d{4})年", date)
        single = not any(mark in date for mark in "—、")  # 同日 stands for one day, not a range or a list
        shown = "同日" if date == day and single else date[5:] if years and date.startswith(f"{year}年") else date
        year, day = (years[-1] if years else year), date
        out.append(shown + mark + rest)
    return "；".join(out)
