"""What PartnerDesk ships, for Help ▸ About: its version, and the licences of the libraries and
fonts that travel with it, read from the installed distributions' metadata (importlib.metadata)
and from the licence files beside the fonts, so the list never goes stale."""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from partnerdesk import __version__
from partnerdesk.resources import resource_path

DISTRIBUTION = "partnerdesk"
#: Required by a dependency but not shipped: sqlite-utils needs pip only for its own `install`
#: command, which PartnerDesk never runs (the bundle leaves pip out).
NOT_SHIPPED = {"pip", "setuptools", "tomli"}

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Shipped:
    """One library or font that travels with PartnerDesk."""

    name: str
    version: str
    licence: str
    #: The full licence text, when the distribution or font folder carries it ("" if not).
    text: str = ""
    #: The project's home page, where the licence can be read when its text is not shipped.
    url: str = ""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_requirements(dist: metadata.Distribution) -> list[str]:
    """The names a distribution needs at run time (extras left out; platform markers kept, since
    what is installed here is what was chosen for this platform)."""
    names = []
    for requirement in dist.requires or []:
        requirement_text, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(requirement_text)
        if match:
            names.append(match.group(1))
    return names


def distribution_names(root: str = DISTRIBUTION) -> list[str]:
    """`root` and everything it needs at run time that is installed, sorted by name."""
    seen: dict[str, str] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        key = normalise(name)
        if key in seen or key in NOT_SHIPPED:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another Python version or platform
        seen[key] = dist.metadata["Name"] or name
        pending.extend(_runtime_requirements(dist))
    return sorted(seen.values(), key=str.lower)


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 80 and "\n" not in text:
        return text
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0][:80] if text else "see the project"


def _licence_text(dist: metadata.Distribution) -> str:
    for name in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{name}", name):
            try:
                found = dist.read_text(candidate)
            except (OSError, UnicodeDecodeError):
                found = None
            if found:
                return found
    text = dist.metadata.get("License") or ""
    return text if "\n" in text else ""


def _home_page(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("Home-page"):
        return meta["Home-page"]
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return ""


def libraries() -> list[Shipped]:
    """The Python distributions shipped, then Python and SQLite themselves."""
    found = []
    for name in distribution_names():
        if normalise(name) == DISTRIBUTION:
            continue
        dist = metadata.distribution(name)
        found.append(Shipped(dist.metadata["Name"] or name, dist.version, licence_of(dist),
                             _licence_text(dist), _home_page(dist)))
    found.append(Shipped("Python", platform.python_version(), "PSF-2.0",
                         url="https://docs.python.org/3/license.html"))
    found.append(Shipped("SQLite", sqlite3.sqlite_version, "Public domain",
                         url="https://www.sqlite.org/copyright.html"))
    return found


def _debian_field(text: str, field: str) -> str:
    match = re.search(rf"^{field}:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def fonts(folder: Path | None = None) -> list[Shipped]:
    """Each font family in resources/fonts with its licence (from its LICENCE-<family>.txt)."""
    folder = folder or resource_path("fonts")
    found = []
    for licence_file in sorted(folder.glob("LICENCE-*.txt")):
        family = licence_file.stem.removeprefix("LICENCE-")
        text = licence_file.read_text(encoding="utf-8", errors="replace")
        files = sorted(p.name for p in folder.glob(f"{family}*") if p.suffix.lower() in (".ttf", ".otf"))
        name = _debian_field(text, "Upstream-Name") or family
        found.append(Shipped(f"{name} ({', '.join(files)})" if files else name, "",
                             _debian_field(text, "License") or "see the licence file", text))
    return found


def version_line() -> str:
    return f"PartnerDesk {__version__}"
