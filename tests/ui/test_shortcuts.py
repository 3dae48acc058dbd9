"""No key is claimed twice where Qt could see both: Qt then runs neither and warns
"Ambiguous shortcut overload". Every screen of the demo is opened and every shortcut checked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from partnerdesk import records
from ui.navigator import NodeKey


def _claims(window) -> list[tuple[str, QWidget | None, Qt.ShortcutContext, str]]:
    """(key, widget it is attached to, context, description) for every enabled shortcut."""
    claims = []
    for action in window.findChildren(QAction):
        if not action.isEnabled():
            continue
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                owners = [w for w in action.associatedObjects() if isinstance(w, QWidget)] or [window]
                for owner in owners:
                    claims.append((sequence.toString(), owner, action.shortcutContext(), action.text()))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and not shortcut.key().isEmpty():
            owner = shortcut.parent()
            claims.append((shortcut.key().toString(), owner, shortcut.context(),
                           f"shortcut {shortcut.key().toString()} on {owner.objectName() or type(owner).__name__}"))
    return claims


def _can_collide(a, b, window) -> bool:
    _, owner_a, context_a, _ = a
    _, owner_b, context_b, _ = b
    if not (owner_a.isVisible() or owner_a is window) or not (owner_b.isVisible() or owner_b is window):
        return False
    if Qt.WidgetShortcut in (context_a, context_b):
        return owner_a is owner_b
    # Window or widget-with-children contexts: both live when focus is inside both owners.
    return owner_a.isAncestorOf(owner_b) or owner_b.isAncestorOf(owner_a) or owner_a is owner_b \
        or window in (owner_a, owner_b)


def _ambiguous(window) -> list[str]:
    claims = _claims(window)
    found = []
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if (a[0] == b[0] and _can_collide(a, b, window) and a[3] != b[3]) or (
                    a[0] == b[0] and a[3] == b[3] and a[1] is b[1] and a is not b):
                found.append(f"{a[0]}: {a[3]!r} and {b[3]!r}")
    return found


def test_redo_has_each_key_once(qapp):
    from ui.main_window import redo_keys

    keys = [k.toString() for k in redo_keys()]
    assert "Ctrl+Shift+Z" in keys
    assert len(keys) == len(set(keys))


def test_no_screen_claims_a_key_twice(start_window, demo_path, qtbot):
    window = start_window(demo_path)
    ws = window.document.workspace
    keys = [NodeKey("programme", p.id) for p in records.programmes(ws)]
    for workshop in records.all_workshops(ws):
        keys.append(NodeKey("workshop", workshop.id))
        keys += [NodeKey("exercise", e.id) for e in records.exercises(ws, workshop.id)]
    problems = {}
    for key in keys:
        window.navigator.select(key)
        QApplication.processEvents()
        if found := _ambiguous(window):
            problems[key] = found
    assert problems == {}
