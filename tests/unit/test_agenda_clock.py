"""The running agenda's rules: countdown, overrun, next/previous, sleep and wake, settings text."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from partnerdesk import agenda_clock as clock
from partnerdesk.records import AgendaItem

T0 = datetime(2010, 6, 17, 10, 0, 0).timestamp()


def item(n: int, minutes: int, start: str = "") -> AgendaItem:
    return AgendaItem(f"i{n}", "w", float(n), start, minutes, f"Item {n}", "", None)


ITEMS = [item(1, 30, "09:30"), item(2, 10, "10:00"), item(3, 70, "10:10"), item(4, 0, "16:00")]


def test_format_clock_counts_minutes_and_seconds_and_marks_overrun():
    assert clock.format_clock(15 * 60) == "15:00"
    assert clock.format_clock(59) == "00:59"
    assert clock.format_clock(0) == "00:00"
    assert clock.format_clock(-1) == "-00:01"
    assert clock.format_clock(-(3 * 60 + 7)) == "-03:07"
    assert clock.format_clock(120 * 60) == "120:00"


def test_not_running_has_no_clock():
    assert clock.clock_state(ITEMS, clock.AgendaRun(), T0) is None
    assert not clock.AgendaRun().running


def test_countdown_from_the_start_time_not_from_ticks():
    run = clock.start(ITEMS, "i2", T0)
    assert clock.clock_state(ITEMS, run, T0).display == "10:00"
    assert clock.clock_state(ITEMS, run, T0 + 0.9).display == "10:00"
    assert clock.clock_state(ITEMS, run, T0 + 1).display == "09:59"
    state = clock.clock_state(ITEMS, run, T0 + 9 * 60 + 30)
    assert state.remaining_seconds == 30
    assert not state.overrun
    assert state.next_item == ITEMS[2]
    assert state.index == 1


def test_exactly_at_the_end_is_not_yet_overrun_and_one_second_later_is():
    run = clock.start(ITEMS, "i2", T0)
    at_end = clock.clock_state(ITEMS, run, T0 + 600)
    assert at_end.display == "00:00" and not at_end.overrun
    over = clock.clock_state(ITEMS, run, T0 + 601)
    assert over.overrun and over.overrun_seconds == 1 and over.display == "-00:01"
    later = clock.clock_state(ITEMS, run, T0 + 600 + 5 * 60 + 12)
    assert later.display == "-05:12" and later.overrun_seconds == 312


def test_a_laptop_asleep_for_hours_wakes_to_the_right_time():
    run = clock.start(ITEMS, "i3", T0)
    before_sleep = clock.clock_state(ITEMS, run, T0 + 60)
    assert before_sleep.display == "69:00"
    after_wake = clock.clock_state(ITEMS, run, T0 + 60 + 3 * 3600)
    assert after_wake.overrun
    assert after_wake.display == "-111:00"  # 70 min planned, 181 min gone


def test_a_clock_set_back_never_counts_up_beyond_the_planned_time():
    run = clock.start(ITEMS, "i2", T0)
    assert clock.clock_state(ITEMS, run, T0 - 3600).display == "10:00"


def test_zero_minute_item_has_no_countdown_and_never_overruns():
    run = clock.start(ITEMS, "i4", T0)
    state = clock.clock_state(ITEMS, run, T0 + 600)
    assert not state.timed
    assert state.display == ""
    assert not state.overrun and not state.ending and state.overrun_seconds == 0
    assert state.next_item is None


def test_the_last_two_minutes_are_ending_then_overrun_takes_over():
    run = clock.start(ITEMS, "i2", T0)
    assert not clock.clock_state(ITEMS, run, T0 + 479).ending
    assert clock.clock_state(ITEMS, run, T0 + 480).ending
    assert clock.clock_state(ITEMS, run, T0 + 600).ending
    over = clock.clock_state(ITEMS, run, T0 + 601)
    assert over.overrun and not over.ending


def test_a_run_from_another_day_is_not_running_any_more():
    run = clock.start(ITEMS, "i3", T0)
    assert clock.clock_state(ITEMS, run, T0 + 17 * 3600).overrun
    assert not clock.is_stale(run, T0 + 18 * 3600)
    assert clock.is_stale(run, T0 + 18 * 3600 + 1)
    assert clock.clock_state(ITEMS, run, T0 + 30 * 3600) is None
    # Next on the next morning starts the agenda from the top.
    assert clock.step(ITEMS, run, 1, T0 + 30 * 3600) == clock.AgendaRun("i1", T0 + 30 * 3600)
    assert not clock.is_stale(clock.AgendaRun(), T0)


def test_start_without_an_item_starts_the_first_and_an_empty_agenda_does_nothing():
    assert clock.start(ITEMS, None, T0) == clock.AgendaRun("i1", T0)
    assert clock.start(ITEMS, "gone", T0) == clock.AgendaRun("i1", T0)
    assert clock.start([], None, T0) == clock.AgendaRun()


def test_next_and_previous_start_the_item_now_and_stop_at_the_ends():
    run = clock.step(ITEMS, clock.AgendaRun(), 1, T0)
    assert run == clock.AgendaRun("i1", T0)
    assert clock.step(ITEMS, clock.AgendaRun(), -1, T0) == clock.AgendaRun()
    run = clock.step(ITEMS, run, 1, T0 + 100)
    assert run == clock.AgendaRun("i2", T0 + 100)
    run = clock.step(ITEMS, run, -1, T0 + 200)
    assert run == clock.AgendaRun("i1", T0 + 200)
    # Once too often at either end keeps the item and its clock.
    assert clock.step(ITEMS, run, -1, T0 + 300) == run
    last = clock.AgendaRun("i4", T0)
    assert clock.step(ITEMS, last, 1, T0 + 5) == last
    assert clock.step([], last, 1, T0) == clock.AgendaRun()


def test_removed_item_stops_the_clock_and_next_starts_again_at_the_top():
    run = clock.AgendaRun("gone", T0)
    assert clock.clock_state(ITEMS, run, T0) is None
    assert clock.step(ITEMS, run, 1, T0 + 1) == clock.AgendaRun("i1", T0 + 1)


def test_edited_duration_is_used_at_once():
    run = clock.start(ITEMS, "i2", T0)
    longer = [ITEMS[0], item(2, 20, "10:00"), *ITEMS[2:]]
    assert clock.clock_state(longer, run, T0 + 60).display == "19:00"


def test_run_survives_a_round_trip_through_settings_text():
    run = clock.AgendaRun("a-b@c", T0 + 0.25)
    assert clock.AgendaRun.decode(run.encode()) == run
    assert clock.AgendaRun().encode() == ""
    for junk in ("", None, "x", "@12", "id@soon", "id@nan", "id@inf"):
        assert clock.AgendaRun.decode(junk) == clock.AgendaRun()


def test_schedule_drift_against_the_planned_start():
    on_time = clock.AgendaRun("i3", datetime(2010, 6, 17, 10, 10, 20).timestamp())
    assert clock.schedule_drift_minutes(ITEMS, on_time) == 0
    late = clock.AgendaRun("i3", datetime(2010, 6, 17, 10, 25).timestamp())
    assert clock.schedule_drift_minutes(ITEMS, late) == 15
    early = clock.AgendaRun("i2", datetime(2010, 6, 17, 9, 57).timestamp())
    assert clock.schedule_drift_minutes(ITEMS, early) == -3
    assert clock.drift_text(0) == "On time"
    assert clock.drift_text(15) == "15 min behind the plan"
    assert clock.drift_text(-3) == "3 min ahead of the plan"
    assert clock.drift_text(None) == ""
    unplanned = [item(1, 10, ""), item(2, 10, "25:99")]
    assert clock.schedule_drift_minutes(unplanned, clock.AgendaRun("i1", T0)) is None
    assert clock.schedule_drift_minutes(unplanned, clock.AgendaRun("i2", T0)) is None
    assert clock.schedule_drift_minutes(ITEMS, clock.AgendaRun()) is None


@given(st.integers(min_value=1, max_value=600), st.floats(min_value=0, max_value=18 * 3600))
def test_remaining_plus_elapsed_is_the_planned_length(minutes, gone):
    items = [item(1, minutes)]
    state = clock.clock_state(items, clock.AgendaRun("i1", T0), T0 + gone)
    assert state.remaining_seconds + state.elapsed_seconds == minutes * 60
    assert state.overrun == (gone >= minutes * 60 + 1)
    assert state.display.lstrip("-").count(":") == 1
