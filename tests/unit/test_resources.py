"""Templates: a broken file is named and skipped, and every other template still loads."""

from __future__ import annotations

import json
import shutil

import pytest

from partnerdesk import resources


@pytest.fixture
def resource_copy(tmp_path, monkeypatch):
    root = tmp_path / "resources"
    shutil.copytree(resources.resource_root() / "templates", root / "templates")
    monkeypatch.setattr(resources, "resource_root", lambda: root)
    resources._load_templates.cache_clear()
    yield root
    resources._load_templates.cache_clear()


def test_every_shipped_template_loads(tmp_path):
    resources._load_templates.cache_clear()
    assert resources.template_problems() == []
    assert "evaluation-wall" in resources.templates()


@pytest.mark.parametrize("content", ['{"id": "x", ', "[1, 2]", '{"kind": "worksheet"}', "\udcff"])
def test_a_broken_template_is_reported_by_name_and_skipped(resource_copy, content):
    good = len(list((resource_copy / "templates").glob("*.json")))
    broken = resource_copy / "templates" / "zz-broken.json"
    broken.write_text(content, encoding="utf-8", errors="surrogateescape")
    problems = resources.template_problems()
    assert [p.file_name for p in problems] == ["zz-broken.json"]
    assert len(resources.templates()) == good
    with pytest.raises(KeyError):
        resources.template("x")


def test_a_duplicate_id_is_refused_not_silently_replaced(resource_copy):
    wall = json.loads((resource_copy / "templates" / "evaluation-wall.json").read_text(encoding="utf-8"))
    wall["title"] = "Impostor"
    (resource_copy / "templates" / "zz-copy.json").write_text(json.dumps(wall), encoding="utf-8")
    assert resources.template("evaluation-wall").title != "Impostor"
    assert "already has the id" in resources.template_problems()[0].reason
