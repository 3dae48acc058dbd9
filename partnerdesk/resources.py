"""The one place that finds files under `resources/`, in the source tree or a PyInstaller bundle."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


@dataclass(frozen=True)
class Template:
    """An exercise template: which engine (`kind`) runs it and the data that engine needs."""

    id: str
    kind: str
    title: str
    instructions: str
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@cache
def templates() -> dict[str, Template]:
    """Every template in `resources/templates/*.json`, by id, in file-name order."""
    found: dict[str, Template] = {}
    for path in sorted(resource_path("templates").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        found[raw["id"]] = Template(
            id=raw["id"],
            kind=raw["kind"],
            title=raw["title"],
            instructions=raw.get("instructions", ""),
            data=raw,
        )
    return found


def template(template_id: str) -> Template:
    try:
        return templates()[template_id]
    except KeyError:
        raise KeyError(f"no exercise template {template_id!r} in resources/templates") from None


def templates_of_kind(kind: str) -> list[Template]:
    return [t for t in templates().values() if t.kind == kind]
