"""The post-it wall's values: templates, settings, text, counts, dots, themes and reads."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk import records
from partnerdesk.post_it_wall import KIND, values
from partnerdesk.resources import templates_of_kind
from tests.unit.post_it_wall.post_its import make_post_it, row

# -- templates -------------------------------------------------------------------------------


def test_evaluation_wall_has_the_workbooks_four_questions_and_colours(wall):
    assert [(z.label, z.question) for z in wall.zones] == [
        ("PINK", "What worked well for you today?"),
        ("YELLOW", "What key learning points will you take away and put into practice?"),
        ("GREEN", "What are your Future Learning Needs?"),
        ("BLUE", "What could be improved and how?"),
    ]
    assert all(z.colour.startswith("#") and len(z.colour) == 7 for z in wall.zones)


def test_every_wall_template_is_complete():
    found = {t.id for t in templates_of_kind(KIND)}
    assert {"evaluation-wall", "opportunities-challenges", "words-for-partnership",
            "collaborative-experiences-feedback", "role-play-reflection"} <= found
    for template_id in found:
        wall = values.wall_template(template_id)
        keys = [z.key for z in wall.zones]
        assert len(keys) == len(set(keys)), template_id
        cells = [(z.row, z.column) for z in wall.zones]
        assert len(cells) == len(set(cells)), template_id
        assert wall.instructions and wall.title


def test_activity_2_sets_the_case_study_group_against_own_experience():
    wall = values.wall_template("opportunities-challenges")
    assert {z.question for z in wall.zones} == {"Case Study group", "Own Experience group"}
    assert {z.label for z in wall.zones} == {"Recognising Opportunities", "Encountering Challenges"}


# -- settings ----------------------------------------------------------------------------------


def test_settings_default_from_the_template_and_keep_other_keys(workspace, exercise_id, wall):
    exercise = records.exercise(workspace, exercise_id)
    assert values.wall_settings(exercise, wall) == values.WallSettings(3, False)
    workspace.update("exercises", exercise_id, {"settings": json.dumps({"other": 1})})
    exercise = records.exercise(workspace, exercise_id)
    changed = json.loads(values.settings_with(exercise, dots_per_participant=5, collect_hidden=True))
    assert changed == {"other": 1, "dots_per_participant": 5, "collect_hidden": True}
    workspace.update("exercises", exercise_id, {"settings": json.dumps({"dots_per_participant": "x"})})
    assert values.wall_settings(records.exercise(workspace, exercise_id), wall).dots_per_participant == 3


# -- text and new post-its --------------------------------------------------------------------


def test_clean_text_removes_control_characters_and_spare_spaces():
    assert values.clean_text("  Good\tfood\n\x00and  tea  ") == "Good food and tea"
    assert values.clean_text("x" * 600) == "x" * values.MAX_TEXT


@given(st.text())
def test_clean_text_never_keeps_control_characters(text):
    cleaned = values.clean_text(text)
    assert cleaned == cleaned.strip()
    assert not any(ord(c) < 32 for c in cleaned)



# -- counts, dots and ranking -----------------------------------------------------------------------


def test_zone_counts_include_empty_zones_in_template_order(wall):
    post_its = [make_post_it("a", "blue"), make_post_it("b", "blue"), make_post_it("c", "pink")]
    assert values.zone_counts(post_its, wall.zones) == {"pink": 1, "yellow": 0, "green": 0, "blue": 2}


def test_ranking_most_dots_first_ties_alphabetical_and_no_undotted():
    post_its = [make_post_it("a", text="beta", votes=2), make_post_it("b", text="Alpha", votes=2),
             make_post_it("c", text="gamma", votes=5), make_post_it("d", text="none", votes=0)]
    assert [n.text for n in values.ranking(post_its)] == ["gamma", "Alpha", "beta"]
    assert values.dots_used(post_its) == 9


def test_dot_allowance_is_participants_times_dots():
    assert values.dot_allowance(12, 3) == 36
    assert values.dot_allowance(0, 3) == 0
    assert values.dot_allowance(-1, 3) == 0


# -- themes and tidy ----------------------------------------------------------------------------------


def test_a_theme_belongs_to_one_zone():
    assert values.zone_for_new_theme([make_post_it("a", "pink"), make_post_it("b", "pink")]) == "pink"
    assert values.zone_for_new_theme([make_post_it("a", "pink"), make_post_it("b", "blue")]) is None
    assert values.zone_for_new_theme([]) is None




def test_the_dot_summary_says_how_many_of_the_allowance_are_placed(workspace, exercise_id):
    summary = values.DotSummary(used=41, participants=12, dots_per_participant=3)
    assert summary.allowance == 36 and summary.over_allowance
    assert summary.text == "41 of 36 dots placed: 5 over the allowance (12 present × 3)"
    assert values.DotSummary(36, 12, 3).text == "36 of 36 dots placed (12 present × 3)"
    assert not values.DotSummary(36, 12, 3).over_allowance
    nobody = values.DotSummary(5, 0, 3)
    assert not nobody.over_allowance and nobody.text == "5 dots placed (tick attendance to see the allowance)"
    workspace.insert(values.POST_ITS, {**row(exercise_id, "pink", "x"), "votes": 4})
    workshop = records.exercise(workspace, exercise_id).workshop_id
    person = workspace.insert("participants", {"workshop_id": workshop, "name": "Ann"})
    workspace.insert("attendance", {"workshop_id": workshop, "participant_id": person})
    assert values.dot_summary(workspace, exercise_id) == values.DotSummary(4, 1, 3)


# -- the store ----------------------------------------------------------------------------------------


def test_post_its_and_themes_round_trip_and_die_with_their_exercise(workspace, exercise_id):
    theme = workspace.insert(values.THEMES, {"exercise_id": exercise_id, "zone": "pink", "name": "Food"})
    pid = workspace.insert(values.POST_ITS, row(exercise_id, "pink", "Lunch", theme=theme))
    found = values.post_it(workspace, pid)
    assert found.text == "Lunch" and found.theme_id == theme and not found.hidden
    assert [t.name for t in values.themes(workspace, exercise_id)] == ["Food"]
    # Ungrouping (deleting the theme) keeps the post-it and clears its link; undo restores it.
    snapshot = workspace.delete(values.THEMES, theme)
    assert values.post_it(workspace, pid).theme_id is None
    workspace.restore(snapshot)
    assert values.post_it(workspace, pid).theme_id == theme
    workshop = records.exercise(workspace, exercise_id).workshop_id
    assert [e.id for e in values.walls(workspace, workshop)] == [exercise_id]
    workspace.delete("exercises", exercise_id)
    assert values.post_its(workspace, exercise_id) == [] and values.themes(workspace, exercise_id) == []


def test_post_its_by_id_reads_many_at_once(workspace, exercise_id):
    ids = workspace.insert_many(values.POST_ITS, [row(exercise_id, "pink", f"n{i}", (0, 0)) for i in range(1200)])
    found = values.post_its_by_id(workspace, [*ids, "missing"])
    assert set(found) == set(ids) and found[ids[7]].text == "n7"


def test_the_store_refuses_negative_dots(workspace, exercise_id):
    from partnerdesk.errors import InvalidValue

    pid = workspace.insert(values.POST_ITS, row(exercise_id, "pink", "x", (0, 0)))
    with pytest.raises(InvalidValue):
        workspace.update(values.POST_ITS, pid, {"votes": -1})


def test_a_post_it_read_from_a_row_is_the_dataclass_made_the_usual_way():
    row = {"id": "p1", "exercise_id": "e1", "zone": "pink", "text": "Words", "author": "", "x": 16,
           "y": 96.5, "hidden": 1, "votes": 2, "cluster_id": "", "created": "c", "modified": "m"}
    made = values.post_it_from_row(row)
    usual = values.PostIt(id="p1", exercise_id="e1", zone="pink", text="Words", author="", x=16.0, y=96.5,
                          hidden=True, votes=2, theme_id=None)
    assert made == usual and hash(made) == hash(usual) and repr(made) == repr(usual)
    assert type(made.x) is float and made.hidden is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.x = 1.0


def test_a_post_it_updated_by_written_values_is_the_one_read_from_its_row_after():
    before = {"id": "n1", "exercise_id": "e", "zone": "pink", "text": "t", "author": "", "x": 16.0, "y": 96.0,
              "hidden": 0, "votes": 0, "cluster_id": "c1", "created": "a", "modified": "a"}
    post_it = values.post_it_from_row(before)
    for written in ({"zone": "blue", "x": 20, "y": 100.5, "modified": "b"}, {"cluster_id": None, "hidden": 1},
                    {"votes": 3, "text": "u", "author": "Sam"}, {"cluster_id": ""}):
        assert values.post_it_updated(post_it, written) == values.post_it_from_row({**before, **written})
    assert values.post_it_updated(post_it, {"x": 16, "zone": "pink", "modified": "b"}) is None
