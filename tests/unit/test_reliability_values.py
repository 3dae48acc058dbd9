"""Property-based round trips: any text (very long too) and odd numbers come back exactly, or are refused."""

from __future__ import annotations

import math
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from partnerdesk.errors import InvalidValue
from partnerdesk.store import Workspace

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

any_text = st.text(st.characters(codec="utf-8"), max_size=500)
finite = st.floats(allow_nan=False, allow_infinity=False)
odd_floats = st.sampled_from([0.0, -0.0, sys.float_info.max, -sys.float_info.max, sys.float_info.min,
                              5e-324, 1e308, 1e-300, 0.1 + 0.2, 2.0**53 + 1])
whole = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@pytest.fixture
def small_group(workspace):
    workshop = workspace.insert("workshops", {"title": "W"})
    return lambda position: workspace.insert("small_groups", {"workshop_id": workshop, "name": "g",
                                                              "position": position})


@SETTINGS
@given(title=any_text, description=any_text)
def test_any_unicode_text_round_trips(workspace, title, description):
    rid = workspace.insert("programmes", {"title": title, "description": description})
    row = workspace.get("programmes", rid)
    assert (row["title"], row["description"]) == (title, description)
    workspace.update("programmes", rid, {"title": description})
    assert workspace.get("programmes", rid)["title"] == description


@SETTINGS
@given(text=st.text(st.characters(), min_size=1, max_size=50))
def test_text_with_lone_surrogates_is_refused_not_mangled(workspace, text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        with pytest.raises(InvalidValue):
            workspace.insert("programmes", {"title": text})
    else:
        rid = workspace.insert("programmes", {"title": text})
        assert workspace.get("programmes", rid)["title"] == text


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.text(st.characters(codec="utf-8"), min_size=1, max_size=20))
def test_very_long_text_round_trips_through_a_reopen(tmp_path_factory, chunk):
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    path = tmp_path_factory.mktemp("long") / "long.partnerdesk"
    with Workspace.open(path) as ws:
        rid = ws.insert("programmes", {"title": "long", "description": text})
    with Workspace.open(path, read_only=True) as ws:
        assert ws.get("programmes", rid)["description"] == text


@SETTINGS
@given(value=st.one_of(finite, odd_floats))
def test_finite_floats_round_trip_exactly(workspace, small_group, value):
    rid = small_group(value)
    # Exactly equal (SQLite keeps -0.0 as 0.0, which compares equal and places the same).
    assert workspace.get("small_groups", rid)["position"] == value


@SETTINGS
@given(value=whole)
def test_whole_numbers_round_trip(workspace, value):
    workshop = workspace.insert("workshops", {"title": "W"})
    rid = workspace.insert("agenda_items", {"workshop_id": workshop, "title": "t", "duration_minutes": value})
    assert workspace.get("agenda_items", rid)["duration_minutes"] == value


@SETTINGS
@given(value=st.one_of(st.integers(min_value=2**63), st.integers(max_value=-(2**63) - 1)))
def test_too_large_whole_numbers_are_refused(workspace, small_group, value):
    with pytest.raises(InvalidValue):
        small_group(value)


@SETTINGS
@given(bad=st.sampled_from([math.nan, math.inf, -math.inf, float("-nan")]), good=finite)
def test_nan_and_infinite_coordinates_are_refused_not_stored(workspace, small_group, bad, good):
    assume(math.isfinite(good))
    with pytest.raises(InvalidValue):
        small_group(bad)
    rid = small_group(good)
    with pytest.raises(InvalidValue):
        workspace.update("small_groups", rid, {"position": bad})
    with pytest.raises(InvalidValue):
        workspace.insert_many("small_groups", [{"workshop_id": None, "name": "x", "position": 1.0},
                                               {"workshop_id": None, "name": "y", "position": bad}])
    positions = [r["position"] for r in workspace.rows("small_groups")]
    assert all(math.isfinite(p) for p in positions)
    assert workspace.get("small_groups", rid)["position"] == good


@pytest.mark.parametrize("bad", [{"position": math.nan}, {"position": -math.inf}, {"position": 2**63},
                                 {"name": "\ud800"}, {"colour": "red"}])
def test_an_update_of_many_refuses_what_one_update_refuses_and_writes_nothing(workspace, small_group, bad):
    ids = [small_group(n) for n in range(3)]
    stored = {i: workspace.get("small_groups", i) for i in ids}
    with pytest.raises(InvalidValue):
        workspace.update("small_groups", ids[2], bad)
    with pytest.raises(InvalidValue):
        workspace.update_many("small_groups", {ids[0]: {"position": 7.5, "name": "é"}, ids[1]: {"name": "ok"},
                                               ids[2]: {"name": "ok", **bad}})
    assert {i: workspace.get("small_groups", i) for i in ids} == stored
    workspace.update_many("small_groups", {ids[0]: {"position": 7.5, "name": "é"}, ids[1]: {"position": 2**62}})
    assert workspace.get("small_groups", ids[0])["name"] == "é"
    assert workspace.get("small_groups", ids[1])["position"] == 2**62
