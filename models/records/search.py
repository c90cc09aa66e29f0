"""Finding records of every kind by the words in them (the store's full-text index does the finding)."""
from __future__ import annotations

from dataclasses import dataclass

from models.records.schema import Activity, Member, Organisation, OutreachEvent, StudySession
from models.store import Search, bodies, snippet


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
)}


def count_all(text: str) -> dict[str, int]:
    """How many live records of each kind hold every word of text: {kind: count}."""
    search = Search(text)
    if not search.words:
        return {}
    return {kind.code: kind.model.select().where(kind.model.deleted_at.is_null(),
                                                 search.condition(kind.model)).count()
            for kind in KINDS.values()}


def search_all(text: str, limit_per_kind: int = 50) -> list[dict]:
    """Live records of every kind holding every word of text, grouped by kind, newest (or by name) first."""
    search = Search(text)
    if not search.words:
        return []
    hits = []
    for kind in KINDS.values():
        model = kind.model
        title, day = getattr(model, kind.title), getattr(model, kind.date)
        order = [day.desc(nulls="LAST"), model.id.desc()] if kind.newest_first else [title, model.id]
        rows = list(model.select(model.id, model.uuid, title, day)
                    .where(model.deleted_at.is_null(), search.condition(model))
                    .order_by(*order).limit(limit_per_kind).tuples())
        texts = bodies(model, [r[0] for r in rows])
        hits += [{"kind": kind.code, "kind_label": kind.label, "uuid": uuid, "title": name, "date": date,
                  "snippet": snippet(texts.get(record_id, ""), search.words)}
                 for record_id, uuid, name, date in rows]
    return hits
