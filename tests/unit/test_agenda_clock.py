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


# -- two clocks: the wall clock for the plan, the elapsed clock for the countdown -----------------

#: The elapsed clock's reading when the wall clock reads T0 (it counts from the boot).
BOOTED = 5_000.0


def at(wall_offset: float, elapsed_offset: float | None = None) -> clock.Moment:
    """A moment `wall_offset` seconds after T0 on the wall clock; the elapsed clock has moved by
    `elapsed_offset` (the same as the wall clock unless the wall clock was corrected)."""
    gone = wall_offset if elapsed_offset is None else elapsed_offset
    return clock.Moment(T0 + wall_offset, BOOTED + gone)


def test_a_wall_clock_corrected_by_an_hour_either_way_changes_nothing():
    run = clock.start(ITEMS, "i3", at(0))
    assert run == clock.AgendaRun("i3", T0, BOOTED)
    twenty_minutes_in = 20 * 60
    # The wall clock jumps an hour forward (or back) twenty minutes into the 70-minute item.
    for jump in (3600, -3600):
        state = clock.clock_state(ITEMS, run, at(twenty_minutes_in + jump, twenty_minutes_in))
        assert state.display == "50:00" and not state.overrun
        later = clock.clock_state(ITEMS, run, at(twenty_minutes_in + jump + 61, twenty_minutes_in + 61))
        assert later.display == "48:59"  # and it keeps counting down, not frozen
    # By the wall clock alone the same jumps showed an overrun, or a frozen clock.
    wall_only = clock.AgendaRun("i3", T0)
    assert clock.clock_state(ITEMS, wall_only, T0 + twenty_minutes_in + 3600).display == "-10:00"
    assert clock.clock_state(ITEMS, wall_only, T0 + twenty_minutes_in - 3600).display == \
        clock.clock_state(ITEMS, wall_only, T0 + twenty_minutes_in + 61 - 3600).display == "70:00"


def test_a_sleep_counts_as_time_gone_on_the_elapsed_clock():
    run = clock.start(ITEMS, "i3", at(0))
    # Asleep for three hours: both clocks moved (CLOCK_BOOTTIME counts the suspend).
    woke = clock.clock_state(ITEMS, run, at(60 + 3 * 3600))
    assert woke.overrun and woke.display == "-111:00"
    # Asleep for three hours and the wall clock put back an hour on waking: still three hours.
    assert clock.clock_state(ITEMS, run, at(60 + 2 * 3600, 60 + 3 * 3600)).display == "-111:00"


def test_staleness_and_next_follow_the_elapsed_clock():
    run = clock.start(ITEMS, "i3", at(0))
    # A wall clock set a day ahead does not end the run...
    assert not clock.is_stale(run, at(24 * 3600, 60))
    assert clock.step(ITEMS, run, 1, at(24 * 3600, 60)).item_id == "i4"
    # ...but a night asleep does.
    assert clock.is_stale(run, at(19 * 3600))
    assert clock.clock_state(ITEMS, run, at(19 * 3600)) is None


def test_the_plan_is_read_on_the_wall_clock():
    started = datetime(2010, 6, 17, 10, 25).timestamp()
    run = clock.start(ITEMS, "i3", clock.Moment(started, 123.0))
    assert run.started_at == started and run.started_elapsed == 123.0
    assert clock.schedule_drift_minutes(ITEMS, run) == 15


def test_both_readings_survive_the_settings_text_and_old_text_still_reads():
    run = clock.AgendaRun("a-b@c", T0 + 0.25, BOOTED + 0.5)
    assert clock.AgendaRun.decode(run.encode()) == run
    assert clock.AgendaRun.decode(f"i1@{T0!r}") == clock.AgendaRun("i1", T0)
    for junk in (f"i1@{T0!r}~soon", f"i1@{T0!r}~nan", f"i1@~{BOOTED!r}"):
        assert clock.AgendaRun.decode(junk) == clock.AgendaRun()


def test_after_a_restart_the_elapsed_reading_is_kept_only_from_the_same_boot():
    run = clock.start(ITEMS, "i3", at(0))
    # Restarted in the same boot, ten minutes on: the elapsed reading still counts.
    assert run.resumed(at(600)) == run
    assert clock.clock_state(ITEMS, run.resumed(at(600)), at(600)).display == "60:00"
    # After a reboot the elapsed clock started again near zero: the wall clock takes over.
    rebooted = clock.Moment(T0 + 600, 30.0)
    assert run.resumed(rebooted) == clock.AgendaRun("i3", T0)
    assert clock.clock_state(ITEMS, run.resumed(rebooted), rebooted).display == "60:00"
    # Rebooted and up for longer than before: the boot's wall time gives it away.
    long_up = clock.Moment(T0 + 7200, BOOTED + 7000)
    assert run.resumed(long_up) == clock.AgendaRun("i3", T0)
    # Only the wall clock known now, or never had an elapsed reading: the wall clock.
    assert run.resumed(T0 + 600) == clock.AgendaRun("i3", T0)
    assert clock.AgendaRun("i3", T0).resumed(at(600)) == clock.AgendaRun("i3", T0)


def test_the_real_elapsed_clock_moves_forward_with_the_wall_clock():
    first, second = clock.now(), clock.now()
    assert second.elapsed >= first.elapsed
    assert abs((second.wall - first.wall) - (second.elapsed - first.elapsed)) < 1.0


def _state(item_id: str, remaining: int, minutes: int = 10) -> clock.ClockState:
    item = AgendaItem(id=item_id, workshop_id="w", position=1, start_time="10:00",
                      duration_minutes=minutes, title="Item", notes="", exercise_id=None)
    return clock.ClockState(index=0, item=item, elapsed_seconds=minutes * 60 - remaining,
                                   remaining_seconds=remaining, next_item=None)


def test_the_chime_sounds_once_as_the_last_minute_begins_and_once_at_the_end():
    due = clock.chime_due
    assert due(_state("a", 61), _state("a", 60)) == "one minute"
    assert due(_state("a", 60), _state("a", 59)) is None
    assert due(_state("a", 1), _state("a", 0)) == "end"
    assert due(_state("a", 0), _state("a", -1)) is None
    # A laptop that slept through the last minute still marks the end, once.
    assert due(_state("a", 300), _state("a", -40)) == "end"


def test_no_chime_on_starting_switching_or_restarting_an_item_or_for_the_close():
    due = clock.chime_due
    assert due(None, _state("a", 30)) is None
    assert due(_state("a", 61), _state("b", 59)) is None
    assert due(_state("a", 30), _state("a", 600)) is None
    assert due(_state("close", 1, minutes=0), _state("close", 0, minutes=0)) is None
