"""The kill test's data package rounds: the package a series imports, and what the store must hold of it after;
and a hostile package its child must refuse, in bounded memory."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
import uuid as uuidlib
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BOMB_RECORDS = 200_000  # members holding only a uuid: valid records, more than an import may hold in memory
BOMB_PEAK_MB = 400      # what refusing it may take


@dataclass
class PackageFacts:
    """A series' data package, and how much of it the series' store is known to hold."""
    path: Path
    expected: dict[str, tuple[str, tuple[int, ...]]]  # uuid → (kind, its part counts in PARTS order)
    bomb: Path | None = None  # the hostile package imported after each import, to be refused
    present: int = 0          # records of it found by the last check, or all once an import was acknowledged
    reimported: bool = False  # an import after a completed one was acknowledged, having changed nothing

    @property
    def done(self) -> bool:
        return self.present == len(self.expected) and self.reimported


def expected_parts(package) -> dict[str, tuple[str, tuple[int, ...]]]:
    """What importing the package must leave: every record, with as many part rows as the package gives it."""
    from models.exchange.package_bulk import PARTS
    from models.exchange.package_import import RECORD_KINDS
    return {rec["uuid"]: (kind, tuple(len(rec[name]) for name, _ in PARTS.get(kind, ())))
            for kind in RECORD_KINDS for rec in package.records.get(kind, [])}


def make_bomb(path: Path, seed: int, records: int = BOMB_RECORDS) -> Path:
    """A package of `records` members with a uuid and nothing else (10 MB of JSON, compressed as real records
    are): every one valid, all of them together past what the import holds in memory."""
    rng = random.Random(seed)
    data = ("[" + ",\n".join(f'{{"uuid": "{uuidlib.UUID(int=rng.getrandbits(128), version=4)}"}}'
                             for _ in range(records)) + "]").encode()
    manifest = {"format": "branch-ledger-data-package", "format_version": 2, "program_version": "0",
                "source_branch": "", "exported_at": "2025-01-01T00:00:00+00:00", "counts": {"members": records},
                "files": {"members.json": hashlib.sha256(data).hexdigest()}}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("members.json", data)
    return path


def found_parts(con, kinds) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Every record of these kinds in the store, with its part counts, from any DB-API connection."""
    from models.exchange.package_bulk import PARTS
    from models.exchange.package_records import KINDS, OWNER
    out = {}
    for kind in kinds:
        ids = dict(con.execute(f'SELECT id, uuid FROM "{KINDS[kind][0]._meta.table_name}"'))
        counts = []
        for _, part in PARTS.get(kind, ()):
            column = getattr(part, OWNER[kind]).column_name
            counts.append(dict(con.execute(f'SELECT "{column}", count(*) FROM "{part._meta.table_name}"'
                                           f' WHERE "{column}" IS NOT NULL GROUP BY "{column}"')))
        out.update({uuid: (kind, tuple(c.get(i, 0) for c in counts)) for i, uuid in ids.items()})
    return out


class PackageRounds:
    """Mixed into the harness: uses its work folder, random numbers, counters and problem list."""

    def package_round(self, kill_after: float | None = None, kill_on=None) -> list[str]:
        return self._writing_round("package", kill_after, kill_on)

    def make_package(self, folder: Path) -> PackageFacts:
        """A data package of demo records written from a source store of its own, before any child runs."""
        from exports.data_package import read_package, write_package
        from models.exchange.demo import fill_demo
        from models.store import close_database, open_database
        source = folder / "source" / "ledger.sqlite"
        source.parent.mkdir(parents=True, exist_ok=True)
        open_database(source)
        try:
            fill_demo(self.rng.randint(*self.package_records), seed=self.rng.randrange(1 << 30),
                      today=dt.date(2025, 12, 31))
            write_package(folder / "package.zip")
        finally:
            close_database()
        shutil.rmtree(source.parent)
        facts = PackageFacts(folder / "package.zip", expected_parts(read_package(folder / "package.zip")),
                             make_bomb(folder / "bomb.zip", self.rng.randrange(1 << 30)))
        self.facts["packages made"] += 1
        return facts

    def _bomb_refused(self, kind: str, refused: dict) -> None:
        """The hostile package was refused for what it is (not a failure on the way), within the memory allowed."""
        if "内存上限" not in refused["why"]:
            self._problem(kind, f"the hostile package was refused for another reason: {refused['why']}")
        if refused["peak_mb"] > BOMB_PEAK_MB:
            self._problem(kind, f"refusing the hostile package took {refused['peak_mb']} MB (at most {BOMB_PEAK_MB})")
        self.facts["hostile packages refused"] += 1
        self.facts["most memory refusing one (MB)"] = max(self.facts["most memory refusing one (MB)"],
                                                          refused["peak_mb"])

    def _package_acknowledged(self, kind: str, facts: PackageFacts, ack: dict) -> None:
        """The import that completes the package adds what is missing of it; every later one changes nothing."""
        total = len(facts.expected)
        counts = {k: ack[k] for k in ("added", "updated", "unchanged", "kept")}
        if counts != {"added": total - facts.present, "updated": 0, "unchanged": facts.present, "kept": 0}:
            self._problem(kind, f"package import {ack['tag']} reported {counts} for a package of {total} records, "
                                f"{facts.present} of them in the store already")
        if facts.present == total:
            facts.reimported = True
            self.facts["package re-imports that changed nothing"] += 1
        else:
            self.facts["package imports acknowledged"] += 1
            self.facts["package records acknowledged"] += total - facts.present
        facts.present = total

    def _check_package(self, kind: str, facts: PackageFacts, con, pending: dict | None) -> None:
        """All of the package's records are in the store, each whole, or none of them: never a part."""
        total = len(facts.expected)
        found = found_parts(con, {k for k, _ in facts.expected.values()})
        there = {uuid: found[uuid] for uuid in facts.expected if uuid in found}
        if there and len(there) != total:
            by_kind = Counter(k for k, _ in there.values())
            self._problem(kind, f"the package {facts.path.parent.name} is in the store in part: {len(there)} of "
                                f"{total} records ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})")
        elif not there and facts.present == total:
            self._problem(kind, f"the package {facts.path.parent.name} was acknowledged, but none of it is there")
        broken = [uuid for uuid, got in there.items() if got != facts.expected[uuid]]
        for uuid in broken[:5]:
            record_kind, parts = facts.expected[uuid]
            self._problem(kind, f"package record {record_kind} {uuid} is not whole: part rows {there[uuid][1]}, "
                                f"the package gives {parts}")
        if pending is not None and pending["op"] == "package":
            if facts.present == total:
                self.facts["killed package re-imports (nothing to write)"] += 1
            else:
                self.facts["killed package imports left nothing" if not there else
                           "killed package imports left all records" if len(there) == total else
                           "killed package imports left some records"] += 1
        facts.present = len(there)
        self.facts["package records verified whole"] += len(there) - len(broken)
