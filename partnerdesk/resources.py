"""The one place that finds files under `resources/`, in the source tree or a PyInstaller bundle."""

from __future__ import annotations

import json
import logging
import sys
from functools import cache
from pathlib import Path
from typing import Any

from partnerdesk.plain import Frozen, Record

log = logging.getLogger(__name__)


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


class Template(Frozen):
    """An exercise template: which engine (`kind`) runs it and the data that engine needs."""

    __slots__ = _fields = ("id", "kind", "title", "instructions", "data")
    id: str
    kind: str
    title: str
    instructions: str
    data: dict[str, Any]

    def __init__(self, id: str, kind: str, title: str, instructions: str, data: dict[str, Any]) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "instructions", instructions)
        object.__setattr__(self, "data", data)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


class TemplateProblem(Record):
    """A template file that could not be read; it is skipped and the rest of the app works."""

    __slots__ = ()
    _fields = ("file_name", "reason")
    file_name: str
    reason: str

    def __new__(cls, file_name: str, reason: str) -> TemplateProblem:
        return tuple.__new__(cls, (file_name, reason))

    def __str__(self) -> str:
        return f"{self.file_name}: {self.reason}"


def templates() -> dict[str, Template]:
    """Every readable template in `resources/templates/*.json`, by id, in file-name order."""
    return _load_templates()[0]


def template_problems() -> list[TemplateProblem]:
    """The template files that were skipped, and why (shown to the facilitator at start-up)."""
    return list(_load_templates()[1])


@cache
def _load_templates() -> tuple[dict[str, Template], tuple[TemplateProblem, ...]]:
    found: dict[str, Template] = {}
    problems: list[TemplateProblem] = []
    for path in sorted(resource_path("templates").glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("it is not a JSON object")
            for key in ("id", "kind", "title"):
                if not isinstance(raw.get(key), str) or not raw[key]:
                    raise ValueError(f"it has no {key!r}")
            if raw["id"] in found:
                raise ValueError(f"another template already has the id {raw['id']!r}")
            instructions = raw.get("instructions", "")
            if not isinstance(instructions, str):
                raise ValueError("its instructions are not text")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            # json.JSONDecodeError is a ValueError: it says the line and column.
            log.warning("exercise template %s skipped: %s", path.name, exc)
            problems.append(TemplateProblem(path.name, str(exc)))
            continue
        found[raw["id"]] = Template(
            id=raw["id"],
            kind=raw["kind"],
            title=raw["title"],
            instructions=instructions,
            data=raw,
        )
    return found, tuple(problems)


def template(template_id: str) -> Template:
    try:
        return templates()[template_id]
    except KeyError:
        raise KeyError(f"no exercise template {template_id!r} in resources/templates") from None


def templates_of_kind(kind: str) -> list[Template]:
    return [t for t in templates().values() if t.kind == kind]
