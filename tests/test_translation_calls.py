"""Strings that lupdate cannot see are strings that stay English.

``tests/test_translations.py`` checks every string lupdate extracts. This test
covers what it cannot: a translate call whose context is not a literal (lupdate
skips it), and small wrappers (``def _tr(text): return translate(CTX, text)``)
whose literal arguments lupdate never reads. Every literal passed to such a
wrapper must be in a ``.ts`` file with its French (marked elsewhere with
``QT_TRANSLATE_NOOP``), or the test names the file and line.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for p in (ROOT / "ikeviz").rglob("*.py")
                 if "protocol" not in p.relative_to(ROOT / "ikeviz").parts)
TRANSLATE_NAMES = {"translate", "QT_TRANSLATE_NOOP"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _translated_sources() -> set[str]:
    out: set[str] = set()
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                                  "obsolete"):
                continue
            if (translation.text or "").strip() or message.find("translation/numerusform"):
                out.add(message.findtext("source") or "")
    return out


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_translate_contexts_are_literals() -> None:
    problems = []
    for path in SOURCES:
        for node in ast.walk(_parse(path)):
            if (isinstance(node, ast.Call) and _name(node.func) in TRANSLATE_NAMES
                    and len(node.args) >= 2 and _literal(node.args[1])
                    and not _literal(node.args[0])):
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: the context of "
                                f"{_name(node.func)}() is not a literal: lupdate skips "
                                f"{node.args[1].value!r}")  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)


def _wrappers(tree: ast.Module) -> set[str]:
    """Module functions that pass a parameter as the text to translate or tr."""
    out = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        params = {a.arg for a in node.args.args}
        for call in ast.walk(node):
            if not isinstance(call, ast.Call):
                continue
            name = _name(call.func)
            text = (call.args[1] if name in TRANSLATE_NAMES and len(call.args) >= 2
                    else call.args[0] if name == "tr" and call.args else None)
            if isinstance(text, ast.Name) and text.id in params:
                out.add(node.name)
    return out


def test_literals_given_to_translation_wrappers_are_translated() -> None:
    translated = _translated_sources()
    problems = []
    wrappers_seen = 0
    for path in SOURCES:
        tree = _parse(path)
        wrappers = _wrappers(tree)
        wrappers_seen += len(wrappers)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in wrappers and node.args and _literal(node.args[0])):
                text = node.args[0].value  # type: ignore[attr-defined]
                if text not in translated:
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: "
                                    f"{node.func.id}({text!r}) is not in any .ts file "
                                    "with its translation (lupdate cannot see it)")
    assert wrappers_seen, "no translation wrapper found: the scan itself is broken"
    assert not problems, "\n".join(problems)
