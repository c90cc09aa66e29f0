"""Matching organisation names pasted from Excel to the registry: exact, by credit code, or near misses."""
from __future__ import annotations

import difflib
import re
import unicodedata

from models.records.schema import Organisation
from models.records.validation import CREDIT_CHARS

CODE = re.compile(rf"[{CREDIT_CHARS}]{{18}}")
NEAR = 0.8


def normalise(name: str) -> str:
    """Compare names as people mean them: full-width folded, spaces and brackets' width ignored."""
    text = unicodedata.normalize("NFKC", name or "")
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").lower()


def pasted_lines(text: str) -> list[str]:
    """One organisation per line; cells copied from Excel arrive tab-separated: the first non-empty cell
    that is not a number counts (a credit code in any cell is kept with it)."""
    out = []
    for line in (text or "").splitlines():
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if cells:
            out.append(" ".join(cells))
    return out


def match_names(lines: list[str]) -> list[dict]:
    """For each pasted line: {text, status ('exact'|'code'|'near'|'none'), organisation, name, candidates}."""
    live = list(Organisation.select(Organisation.uuid, Organisation.name, Organisation.credit_code)
                .where(Organisation.deleted_at.is_null()))
    by_name = {normalise(o.name): o for o in live}
    by_code = {o.credit_code: o for o in live if o.credit_code}
    keys = list(by_name)
    results = []
    for text in lines:
        found = {"text": text, "status": "none", "organisation": "", "name": "", "candidates": []}
        code = CODE.search(unicodedata.normalize("NFKC", text).upper())
        name = normalise(CODE.sub("", unicodedata.normalize("NFKC", text).upper()) if code else text)
        hit = by_name.get(name) or next((by_name[normalise(cell)] for cell in text.split()
                                         if normalise(cell) in by_name), None)
        if hit:
            found.update(status="exact", organisation=hit.uuid, name=hit.name)
        elif code and code.group() in by_code:
            hit = by_code[code.group()]
            found.update(status="code", organisation=hit.uuid, name=hit.name)
        else:
            close = difflib.get_close_matches(name, keys, n=3, cutoff=NEAR)
            close += [k for k in keys if name and len(name) >= 4 and (name in k or k in name) and k not in close][:3]
            if close:
                found.update(status="near", candidates=[{"organisation": by_name[k].uuid, "name": by_name[k].name}
                                                        for k in close[:3]])
        results.append(found)
    return results
