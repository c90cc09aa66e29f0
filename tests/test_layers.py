"""Imports point one way: ui → exports → models, and inside models: exchange, reporting → records → store.

No Qt below ui, no peewee in ui; the domain (records) knows no SQLite and reaches the store only through its
door (models.store); and no import circle of more than two files anywhere.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("main.py", "models", "ui", "exports", "resources")
RULES = {
    "models": {"PySide6", "shiboken6", "ui", "exports"},
    "exports": {"PySide6", "shiboken6", "ui"},
    "ui": {"peewee", "playhouse"},
    "resources": {"PySide6", "peewee", "playhouse", "ui", "exports", "models"},
    "models/store": {"models.records", "models.exchange", "models.reporting"},
    "models/records": {"models.exchange", "models.reporting", "sqlite3", "apsw", "playhouse.sqlite_ext"},
}
STORE_INSIDE = "models.store."  # its modules, behind the door: only models/store itself (and tests) import them


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module path named by an import in the file, lazy imports included; `from a import b` gives a and a.b."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def matches(name: str, banned: str) -> bool:
    return name == banned or name.startswith(banned + ".")


def sources() -> list[Path]:
    out = []
    for entry in PACKAGES:
        path = ROOT / entry
        out += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return out


def wrong_imports(folder: str) -> set[str]:
    banned = RULES[folder]
    return {f"{f.relative_to(ROOT)} imports {name}" for f in (ROOT / folder).rglob("*.py")
            for name in imported(f) if any(matches(name, b) for b in banned)}


@pytest.mark.parametrize("folder", sorted(RULES))
def test_imports_point_one_way(folder):
    assert list((ROOT / folder).rglob("*.py")), folder
    assert not wrong_imports(folder)


def test_only_the_store_opens_its_door_from_inside():
    modules = {module_name(f) for f in (ROOT / "models" / "store").rglob("*.py")}
    wrong = {f"{f.relative_to(ROOT)} imports {name}" for f in sources() if not f.is_relative_to(ROOT / "models/store")
             for name in imported(f) if name.startswith(STORE_INSIDE) and name in modules}
    assert not wrong


def circles(graph: dict[str, set[str]], limit: int = 2) -> list[list[str]]:
    """Strongly connected components of more than limit modules (Tarjan, iteratively)."""
    index, low, on, stack, found, counter = {}, {}, set(), [], [], [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]; counter[0] += 1; stack.append(root); on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]; counter[0] += 1; stack.append(child); on.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop(); on.discard(member); component.append(member)
                    if member == node:
                        break
                if len(component) > limit:
                    found.append(sorted(component))
    return found


def project_graph() -> dict[str, set[str]]:
    files = {module_name(f): f for f in sources()}
    graph = {}
    for name, path in files.items():
        targets = set()
        for target in imported(path):
            while target and target not in files:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def test_no_import_circle_of_more_than_two_files():
    assert circles(project_graph()) == []


def test_the_checks_catch_what_they_look_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n    import sqlite3\n", encoding="utf-8")
    assert {"PySide6.QtCore", "sqlite3"} <= imported(bad)
    assert matches("models.store.backup", "models.store") and not matches("models.storehouse", "models.store")
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": {"a"}}) == []
