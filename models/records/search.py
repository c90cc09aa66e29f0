"""Finding records of every kind by the words in them (the store's full-text index does the finding)."""
from __future__ import annotations

from dataclasses import dataclass

from models.records import common
from models.records.schema import (
    Activity,
    Applicant,
    Member,
    Organisation,
    OutreachEvent,
    PartyOrg,
    PartyOrgLink,
    Reflection,
    StudySession,
)
from models.store import Search, bodies, snippet

# The searched fields of each kind (the store's index holds these, as each page's filter box promises), by the
# names the forms give them; a session's reflections are searched with it.
FIELDS = {
    "activity": {"title": "主题", "place": "地点", "host": "主持人", "recorder": "记录人", "speaker": "主讲人",
                 "agenda": "议题", "content": "主要内容", "decisions": "决议", "guests": "列席人员", "tags": "标签"},
    "study_session": {"topic": "学习主题", "materials": "学习篇目/文件", "lead_speaker": "领学人", "place": "地点",
                      "notes": "学习情况"},
    "outreach_event": {"title": "活动名称", "series": "所属系列", "place": "地点", "region": "帮扶地区",
                       "co_organisers": "联合主办单位", "description": "活动情况", "outcomes": "成效"},
    "member": {"name": "姓名", "phone": "联系电话", "workplace": "工作单位", "job_title": "职务职级",
               "party_post": "党内职务", "ethnicity": "民族", "came_from": "转入自", "left_to": "转往单位", "notes": "备注"},
    "organisation": {"name": "名称", "credit_code": "统一社会信用代码", "legal_rep": "法定代表人",
                     "instructor": "党建工作指导员", "contact_person": "联系人", "address": "地址", "notes": "备注"},
    "applicant": {"name": "姓名", "workplace": "工作单位", "post": "职务", "phone": "联系电话", "notes": "备注"},
    "party_org": {"name": "名称", "notes": "备注"},
}
REFLECTIONS = "心得体会"


@dataclass(frozen=True)
class Kind:
    code: str          # the table's name, as the recycle bin names kinds
    model: type
    label: str
    title: str         # the field a hit is shown by
    date: str          # the field shown beside it
    newest_first: bool  # dated records newest first, registries by name


KINDS = {k.code: k for k in (
    Kind("activity", Activity, "支部活动", "title", "date", True),
    Kind("study_session", StudySession, "学习会", "topic", "date", True),
    Kind("outreach_event", OutreachEvent, "联建活动", "title", "start_date", True),
    Kind("member", Member, "党员", "name", "join_date", False),
    Kind("organisation", Organisation, "社会组织", "name", "registered_on", False),
    Kind("applicant", Applicant, "发展党员", "name", "applied_on", False),
    Kind("party_org", PartyOrg, "党组织", "name", "set_up_on", False),
)}


def live(model):
    """The records of model a page lists: not in the recycle bin; a party organisation is listed on 党建覆盖 while
    it is a joint branch or covers a live organisation (an independent branch is in the bin with its own)."""
    if model is PartyOrg:
        covered = (PartyOrgLink.select(PartyOrgLink.party_org).join(Organisation)
                   .where(Organisation.deleted_at.is_null()))
        return (PartyOrg.kind == "joint") | PartyOrg.id.in_(covered)
    return model.deleted_at.is_null()


def count_all(text: str) -> dict[str, int]:
    """How many live records of each kind hold every word of text: {kind: count}, a count being
    common.AtLeast where the store stops counting (see common.count)."""
    search = Search(text)
    if not search.words:
        return {}
    return {kind.code: common.count(kind.model.select().where(live(kind.model), search.condition(kind.model)), text)
            for kind in KINDS.values()}


def search_all(text: str, limit_per_kind: int = 50) -> list[dict]:
    """Live records of every kind holding every word of text, grouped by kind, newest (or by name) first:
    [{kind, kind_label, uuid, title, date, snippet, title_field, title_parts, matches}] — matches say in which
    fields the words were found (see matches()), title_parts mark them in the title."""
    search = Search(text)
    if not search.words:
        return []
    hits = []
    for kind in KINDS.values():
        model = kind.model
        title, day = getattr(model, kind.title), getattr(model, kind.date)
        # NULLS LAST only where the date may be empty: on a server it keeps a NOT NULL date's index from giving
        # the order, and every match is sorted for a few (as records.common.page says).
        nulls = "LAST" if getattr(day, "null", True) else None
        order = [day.desc(nulls=nulls), model.id.desc()] if kind.newest_first else [title, model.id]
        rows = list(model.select(model.id, model.uuid, title, day)
                    .where(live(model), search.condition(model))
                    .order_by(*order).limit(limit_per_kind).tuples())
        why = matches(kind.code, [r[0] for r in rows], search.words)
        texts = bodies(model, [r[0] for r in rows if not why.get(r[0])])  # a hit no field explains (none expected)
        for record_id, uuid, name, date in rows:
            found, name = why.get(record_id, []), name or ""
            hits.append({"kind": kind.code, "kind_label": kind.label, "uuid": uuid, "title": name, "date": date,
                         "snippet": "".join(piece for piece, _ in found[0]["parts"]) if found
                         else snippet(texts.get(record_id, ""), search.words),
                         "title_field": kind.title, "title_parts": marked(name, search.words, len(name), len(name)),
                         "matches": found})
    return hits


def matches(kind: str, ids: list[int], words: list[str]) -> dict[int, list[dict]]:
    """Why each record was found: {id: [{field, label, words, parts}]}, one entry per field holding a word
    (the field holding the most words first), parts being the text around them as (text, is a match) pieces."""
    model, labels = KINDS[kind].model, FIELDS[kind]
    if not ids:
        return {}
    texts: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    for record_id, *values in model.select(model.id, *(getattr(model, f) for f in labels)).where(
            model.id.in_(ids)).tuples():
        texts[record_id] += [(field, value or "") for field, value in zip(labels, values)]
    if kind == "study_session":
        for session, text in Reflection.select(Reflection.session, Reflection.text).where(
                Reflection.session.in_(ids)).order_by(Reflection.id).tuples():
            texts[session].append(("reflections", text or ""))
    out = {}
    for record_id, fields in texts.items():
        found = []
        for field, text in fields:
            held = [w for w in words if w.lower() in text.lower()]
            if held and not any(f["field"] == field for f in found):  # one entry for all of a session's reflections
                found.append({"field": field, "label": labels.get(field, REFLECTIONS), "words": held,
                              "parts": marked(text, words)})
        out[record_id] = sorted(found, key=lambda f: -len(f["words"]))  # stable: the form's order among equals
    return out


def marked(text: str, words: list[str], before: int = 12, length: int = 48) -> list[tuple[str, bool]]:
    """A stretch of text on one line around the first word found, cut into (piece, is a word searched for)."""
    text = " ".join(text.split())
    lowered = text.lower()
    spans = []
    for word in {w.lower() for w in words if w}:
        start = lowered.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = lowered.find(word, start + 1)
    spans.sort()
    first = max(0, (spans[0][0] if spans else 0) - before)
    last = min(len(text), first + length)
    parts, at = [("…", False)] if first else [], first
    for start, end in spans:  # overlapping or touching matches become one marked piece
        start, end = max(start, at), min(end, last)
        if start >= end:
            continue
        if start > at:
            parts.append((text[at:start], False))
        if parts and parts[-1][1] and at == start:
            parts[-1] = (parts[-1][0] + text[start:end], True)
        else:
            parts.append((text[start:end], True))
        at = end
    if at < last:
        parts.append((text[at:last], False))
    if last < len(text):
        parts.append(("…", False))
    return parts
