"""The full-text index over every record kind, one interface on both backends: Search(text).condition(model),
bodies, snippet, index_problems, rebuild_index. A SQLite store asks FTS5 (search_sqlite), a server store its
trigram and character indexes (search_server); either way a record is found exactly when every word of the
text occurs in one of its searched fields (ASCII letters in either case), as a LIKE scan finds it."""
from __future__ import annotations

import importlib

from models.store.connection import is_server
from models.store.search_spec import SPEC

__all__ = ["SPEC", "Search", "bodies", "snippet", "index_problems", "rebuild_index", "install"]


def _backend(database=None):
    name = "search_server" if is_server(database) else "search_sqlite"
    return importlib.import_module(f"models.store.{name}")


def Search(text: str):  # noqa: N802 — read as a class by callers: Search(text).words, .condition(model)
    """The words of a filter text, turned once into what the store's index is asked; every word must occur."""
    return _backend().Search(text)


def bodies(model, ids: list[int]) -> dict[int, str]:
    """The indexed text of some records of model: {id: text}."""
    return _backend().bodies(model, ids)


def index_problems() -> list[str]:
    """What is wrong with the index (missing, damaged, out of step with the records); empty when it is sound."""
    return _backend().index_problems()


def rebuild_index() -> int:
    """Build the index again from the records (for check --repair); returns the number of entries."""
    return _backend().rebuild_index()


def install(database, spec: dict | None = None) -> None:
    """Create the index afresh in database and fill it (inside the caller's transaction: a migration step)."""
    _backend(database).install(database, spec or SPEC)


def snippet(text: str, words: list[str], before: int = 16, length: int = 72) -> str:
    """A stretch of text around the first place one of the words occurs, on one line."""
    text = " ".join(text.split())
    lowered = text.lower()
    found = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    start = max(0, min(found, default=0) - before)
    return ("…" if start else "") + text[start:start + length] + ("…" if start + length < len(text) else "")


def __getattr__(name: str):
    # The SQLite index's own figures (BLOCK, MAX_TRIGRAMS) for the benchmark, where it reads them from here.
    if name in ("BLOCK", "MAX_TRIGRAMS", "INDEX", "TERMS"):
        return getattr(importlib.import_module("models.store.search_sqlite"), name)
    raise AttributeError(name)
