"""How the report tells records: one activity or event as a clause, a series of events as a paragraph, and what
their figures add up to (以上工作合计…)."""
from __future__ import annotations

from collections import Counter

from models.records import codes
from models.reporting.figures import summed_up
from models.reporting.report_text import join_dated, labelled_done, month_span, span, total_phrase

HANDFUL = 5              # more records than this in a section are summed up by count, not listed
LECTURES = ("party_lecture", "expert_lecture")
STARTS_WITH_VERB = ("召开", "举办", "举行", "开展", "组织", "启动", "参加", "走访", "赴", "联合", "邀请", "慰问", "深入")
HELD = ("仪式", "会", "论坛", "大集", "展", "赛")  # events one 举办es rather than 开展s
WORK = ("调研", "活动", "学习", "交流", "研讨", "走访", "慰问", "培训", "宣讲", "服务", "检查", "谈话", "参观")


def sentence(text: str) -> str:
    text = text.strip().rstrip("，,；;：:")
    return text if not text or text.endswith(("。", "！", "？", "”")) else text + "。"


def clause_end(text: str) -> str:
    return text.strip().rstrip("。；;，,")


def as_done(title: str) -> str:
    """A title said as something done: one naming work (…实地调研, …志愿服务) takes 开展, a meeting (…座谈会) 召开,
    an occasion (…仪式, …论坛) 举办; one that starts with a verb, or names anything else (新批准成立…党支部), as it
    is."""
    if title.startswith(STARTS_WITH_VERB):
        return title
    if title.endswith(WORK):
        return f"开展{title}"
    if title.endswith("会"):
        return f"召开{title}"
    return f"举办{title}" if title.endswith(HELD) else title


def deed(a: dict) -> str:
    """What an activity did, with its figures: 甲讲授“…”; 新成立社会组织党支部审批，新成立党支部14个."""
    title = clause_end(a["title"])
    what = (labelled_done(title, a["type"], a["speaker"]) or
            (f"{a['speaker']}讲授“{title}”" if a["type"] in LECTURES and a["speaker"] else as_done(title)))
    return "，".join([what, *a["figures"]])


def activity_clause(a: dict, year: bool = False) -> str:
    """3月5日，甲讲授“…”党课; 8月9日，开展困难群众关注热点实地调研; 6月1日，新成立社会组织党支部审批，新成立党支部14个."""
    return f"{span(a['day'], None, year)}，{deed(a)}"


def event_clause(e: dict, shared_partners: str = "", year: bool = False) -> str:
    """4月5—9日，联合市乡村振兴局赴日喀则开展…，200余家社会组织参与，捐赠资金超340万元."""
    title = clause_end(e["title"])
    partners = e["co_organisers"] if e["co_organisers"] != shared_partners else ""
    lead = (f"联合{partners}" if partners else "") + (f"赴{e['region']}" if e["region"] else "")
    doing = (title if title.startswith(STARTS_WITH_VERB) else
             f"举办{title}" if title.endswith(HELD) else f"开展{title}")
    return "，".join([f"{span(e['day'], e['end'], year)}，{lead}{doing}", *e["figures"]])


def woven(clause: str, record: dict) -> str:
    """A highlight's 成效 after its clause, as one sentence runs on into the next."""
    return f"{clause}。{sentence(record['outcomes'])}" if record["outcomes"] else sentence(clause)


def series_paragraph(name: str, events: list[dict], when: str, year: bool) -> str:
    """Events of one series as one paragraph: how many, over which months, with whom; then each as a clause (or,
    for more than a handful, only the highlights and what the series adds up to)."""
    partners = {e["co_organisers"] for e in events}
    shared = partners.pop() if len(partners) == 1 else ""
    organisations = set().union(*(e["organisations"] for e in events))
    # one event's own clause gives its date and who took part; a month's report needs no 5月 after its events
    alone = len(events) == 1
    months = "" if alone or when == "本月" else f"（{month_span([e['day'] for e in events])}）"
    if alone and any(f["name"] == "参与社会组织" for f in events[0]["figure_rows"]):
        organisations = set()
    opening = (f"{when}{'，联合' + shared if shared else ''}开展{name}系列活动{len(events)}场{months}"
               + (f"，{len(organisations)}家社会组织参与" if organisations else "") + "。")
    clauses = []
    told = events if len(events) <= HANDFUL else [e for e in events if e["highlight"]]
    for e in sorted(told, key=lambda e: (not e["highlight"], e["day"], e["id"])):
        clause = event_clause(e, shared, year)
        clauses.append(f"{clause}，{clause_end(e['outcomes'])}" if e["highlight"] and e["outcomes"] else clause)
    text = opening + ("其中，" if len(events) > 1 and clauses else "") + join_dated(clauses) + ("。" if clauses else "")
    if len(told) < len(events):  # too many to tell one by one: what the series adds up to instead
        rows = [f for e in events for f in e["figure_rows"]]
        total = totals_sentence(rows, year, set()).replace("以上工作合计", "系列活动合计", 1)
        text += total.split("；")[0].rstrip("。") + "。" if total.startswith("系列活动合计") else ""
    return text


def outreach_paragraphs(events: list[dict], when: str, year: bool, told: set) -> tuple[list[str], list[str]]:
    """(paragraphs that lead the chapter: series and single events with highlights, the rest); the events told
    one by one are added to told."""
    in_series = Counter(e["series"] for e in events if e["series"])  # counted once: a year has thousands of events
    told.update(("e", e["id"]) for e in events if e["highlight"] or (e["series"] and in_series[e["series"]] <= HANDFUL))
    series: dict[str, list[dict]] = {}
    for e in events:
        if e["series"]:
            series.setdefault(e["series"], []).append(e)
    lead, rest = [], []
    for name, found in series.items():
        (lead if any(e["highlight"] for e in found) else rest).append(series_paragraph(name, found, when, year))
    single = [e for e in events if not e["series"]]
    lead += [woven(event_clause(e, year=year), e) for e in single if e["highlight"]]
    others = [e for e in single if not e["highlight"]]
    if others and len(others) <= HANDFUL:
        rest.append(("此外，" if rest or lead else "") + join_dated([event_clause(e, year=year) for e in others]) + "。")
        told.update(("e", e["id"]) for e in others)
    elif others:
        kinds: dict[str, int] = {}
        for e in others:
            kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
        rest.append(f"{'此外，' if rest or lead else when}开展"
                    + "、".join(f"{codes.OUTREACH_KINDS.get(k, k)}类联建活动{n}次" for k, n in kinds.items()) + "。")
    return lead, rest


def summed_series(events: list[dict]) -> list[list[dict]]:
    """The figure rows of each series that series_paragraph sums up rather than tells event by event."""
    series: dict[str, list[dict]] = {}
    for e in events:
        if e["series"]:
            series.setdefault(e["series"], []).append(e)
    return [[f for e in found for f in e["figure_rows"]] for found in series.values()
            if len(found) > HANDFUL and not all(e["highlight"] for e in found)]


def said_statements(rows: list[dict], told: set = frozenset()) -> list[dict]:
    untold = {r["name"] for r in rows if (r["owner"], r["owner_id"]) not in told}
    return [s for s in summed_up(rows) if s["records"] > 1 or s["name"] in untold]


def sum_phrases(statements: list[dict]) -> list[str]:
    return [total_phrase(s["name"], s["text"]) for s in statements if s["rule"] == "sum"]


def totals_sentence(rows: list[dict], year: bool, told: set = frozenset(), sums: bool = True) -> str:
    """以上工作合计捐赠资金390万元、销售额46.01万元；截至9月30日，安置就业1051人 — what more than one record adds
    up to, or a record not told one by one (told: its (owner, id)) carries; the rest is said with its record."""
    statements = said_statements(rows, told)
    added = sum_phrases(statements)
    parts = [f"以上工作合计{'、'.join(added)}"] if added and sums else []
    parts += [f"截至{span(s['day'], None, year)}，{s['name']}{s['text']}" for s in statements if s["rule"] == "latest"]
    parts += [f"{s['name']}单次最高{s['text']}" for s in statements if s["rule"] == "max"]
    return "；".join(parts) + "。" if parts else ""
