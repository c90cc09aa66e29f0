"""Imports point one way: ui → exports → models (and no Qt below ui, no peewee in ui)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = {
    "models": {"PySide6", "shiboken6", "ui", "exports"},
    "exports": {"PySide6", "shiboken6", "ui"},
    "ui": {"peewee", "playhouse"},
    "resources": {"PySide6", "peewee", "playhouse", "ui", "exports", "models"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(RULES))
def test_imports_point_one_way(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files, package
    wrong = {f"{f.relative_to(ROOT)} imports {sorted(imported_roots(f) & RULES[package])}"
             for f in files if imported_roots(f) & RULES[package]}
    assert not wrong


def test_the_rule_catches_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6" in imported_roots(bad)
