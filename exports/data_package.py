"""Data packages between PCs: writing one (.zip of every record kind and its attachment files), a slice of records
at a time; reading one is exports.package_reader (read_package is here too, for the callers)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from pathlib import Path

from exports.package_reader import FOLDER, FORMAT, FORMAT_VERSION, MANIFEST, read_package  # noqa: F401
from models import __version__
from models.exchange.ledger_rows import chunks
from models.exchange.package_import import PackageError
from models.exchange.package_records import KINDS, store_records
from models.records.schema import Activity, OutreachEvent, StudyGroup, StudySession
from models.records.settings import branch_settings
from models.store import stored_file

DATED = {"activities": Activity.date, "study_sessions": StudySession.date, "outreach_events": OutreachEvent.start_date}
# the registries records point at (and the keys they are named by): they travel even from the recycle bin; and the
# meetings that decided a step of someone's path to membership, even from outside the package's dates
REFERENCED = {"activities": ("meeting",), "members": ("member", "leader"), "organisations": ("organisation",),
              "sections": ("section",), "indicators": ("indicator",)}
# the registries last: by then every record pointing at them has been written, so the ones in the bin are known
ORDER = [k for k in KINDS if k not in REFERENCED] + list(REFERENCED)
SLICE = 2000  # records read from the store and written at a time: a whole ledger at once took 500 MB


def _select(kind: str, date_from, date_to):
    model = KINDS[kind][0]
    select = model.select(model.id)
    if kind == "dues":  # kept by the year: the years the dates touch (a date, or its ISO text)
        select = select.where(model.year >= int(str(date_from)[:4])) if date_from else select
        return (select.where(model.year <= int(str(date_to)[:4])) if date_to else select).order_by(model.id)
    select = select.where(model.deleted_at.is_null())
    if kind in DATED:
        field = DATED[kind]
        select = select.where(field >= date_from) if date_from else select
        select = select.where(field <= date_to) if date_to else select
    if kind in ("study_sessions", "study_plans"):  # only those of groups that travel too
        select = select.where(model.group.in_(StudyGroup.select(StudyGroup.id)
                                              .where(StudyGroup.deleted_at.is_null())))
    return select.order_by(model.id)


def _pointers(rec: dict, keys) -> set[str]:
    found = {rec[k] for k in keys if isinstance(rec.get(k), str) and rec[k]}
    for rows in (v for v in rec.values() if isinstance(v, list)):
        found |= {r[k] for r in rows for k in keys if r.get(k)}
    return found


class _KindWriter:
    """One kind's JSON list written into the zip as its records come, hashed as it goes."""

    def __init__(self, zf, kind: str):
        self.out, self.digest, self.count = zf.open(f"{kind}.json", "w"), hashlib.sha256(), 0

    def add(self, records: list[dict]) -> None:
        for rec in records:
            text = ("[\n" if not self.count else ",\n") + json.dumps(rec, ensure_ascii=False, indent=1)
            self._put(text.encode("utf-8"))
            self.count += 1

    def close(self) -> str:
        self._put(b"\n]" if self.count else b"[]")
        self.out.close()
        return self.digest.hexdigest()

    def _put(self, data: bytes) -> None:
        self.digest.update(data)
        self.out.write(data)


def _records(kind: str, date_from, date_to, pointed: dict[str, set[str]]):
    """A kind's records to export, a slice at a time: the live ones (dated ones within the dates), and for a
    registry those in the recycle bin that records written before point at (they travel marked deleted)."""
    model = KINDS[kind][0]
    ids = [i for (i,) in _select(kind, date_from, date_to).tuples()]
    written = set()
    for start in range(0, len(ids), SLICE):
        recs = store_records(kind, model.select().where(model.id.in_(ids[start:start + SLICE])).order_by(model.id))
        written |= {r["uuid"] for r in recs}
        yield recs
    if kind in REFERENCED:
        for chunk in chunks(sorted(pointed[kind] - written)):
            yield store_records(kind, model.select().where(model.uuid.in_(chunk)).order_by(model.id))


def write_package(path, date_from=None, date_to=None) -> dict:
    """Write a data package of this store; returns the record counts by kind (and "files": attachment files)."""
    path = Path(path)
    branch = branch_settings()["branch_name"] or ""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    sums, counts, attachments = {}, {}, {}
    pointed: dict[str, set[str]] = {kind: set() for kind in REFERENCED}
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for kind in ORDER:
                writer = _KindWriter(zf, kind)
                for recs in _records(kind, date_from, date_to, pointed):
                    for rec in recs:
                        if "source_branch" in rec:
                            rec["source_branch"] = rec["source_branch"] or branch  # made here: this branch's
                        for target, keys in REFERENCED.items():
                            pointed[target] |= _pointers(rec, keys)
                        for a in rec.get("attachments", []):
                            attachments.setdefault(a["sha256"], a["name"])
                    writer.add(recs)
                sums[f"{kind}.json"], counts[kind] = writer.close(), writer.count
            for sha, name in sorted(attachments.items()):  # stored as they are: photos and PDFs are compressed
                source = stored_file(sha)
                if source is None:
                    raise PackageError([f"附件“{name}”的文件在本机附件文件夹中找不到，请先重新添加该附件"])
                zf.write(source, FOLDER + sha, compress_type=zipfile.ZIP_STORED)
                sums[FOLDER + sha] = sha
            manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "program_version": __version__,
                        "source_branch": branch, "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(
                            timespec="seconds"), "date_from": date_from and str(date_from),
                        "date_to": date_to and str(date_to), "counts": {k: counts[k] for k in KINDS},
                        "files": sums}
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return {**{k: counts[k] for k in KINDS}, "files": len(attachments)}
