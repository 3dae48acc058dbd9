"""The post-it wall's pages in a report: the wall drawn zone by zone, each zone's post-its with
their themes, and the dot ranking. Post-its still hidden from the room are left out, and no
author is ever printed: a typed name stays on the laptop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing

from partnerdesk import records
from partnerdesk.post_it_wall import layout, values
from partnerdesk.report.drawing import WallNote, WallTheme, WallZone, wall_drawing

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from partnerdesk.report.kit import ReportKit
    from partnerdesk.store import Workspace

PROGRAMME_ORDER = 30
#: Ranked post-its listed at most (the rest have fewer dots).
RANKING_LIMIT = 15


def _reading_order(note: values.PostIt) -> tuple:
    return (round(note.y / layout.CELL_HEIGHT), note.x, note.id)


def wall_zones(wall: values.WallTemplate, shown: Sequence[values.PostIt],
               wall_themes: Sequence[values.Theme]) -> list[WallZone]:
    """The wall as plain values for drawing: each zone's themes (by name) and loose post-its,
    each in reading order. Authors are not carried."""
    zones = []
    for zone in wall.zones:
        here = sorted((n for n in shown if n.zone == zone.key), key=_reading_order)
        themes = []
        for cluster in wall_themes:
            members = tuple(WallNote(n.text, n.votes) for n in here if n.theme_id == cluster.id)
            if members:
                themes.append(WallTheme(cluster.name, members))
        themed = {c.id for c in wall_themes}
        loose = tuple(WallNote(n.text, n.votes) for n in here if n.theme_id not in themed)
        zones.append(WallZone(zone.label, zone.question, zone.colour, tuple(themes), loose))
    return zones


def _line(note: WallNote) -> str:
    return note.text + (f" ({note.votes} dot{'s' if note.votes != 1 else ''})" if note.votes else "")


def wall_drawings(zones: Sequence[WallZone], width: float, max_height: float) -> list[Drawing]:
    """The wall in drawings that each fit a page: two zones a row; a crowded zone alone across
    the page's width (more post-its a row); one still too tall scaled down to fit."""
    drawings = []
    for start in range(0, len(zones), 2):
        pair = zones[start:start + 2]
        drawn = [wall_drawing(pair, width)]
        if drawn[0].height > max_height and len(pair) > 1:
            drawn = [wall_drawing([zone], width) for zone in pair]
        for drawing in drawn:
            if drawing.height > max_height:
                scale = max_height / drawing.height
                drawing.scale(scale, scale)
                drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            drawings.append(drawing)
    return drawings


def drawing(ws: Workspace, exercise: records.Exercise, width: float = 480) -> Drawing:
    """The whole wall as one drawing (post-its hidden from the room left out, no authors), to
    write as PDF or SVG (`report.drawing.drawing_bytes`)."""
    wall = values.wall_template(exercise.template)
    shown = [n for n in values.post_its(ws, exercise.id) if not n.hidden]
    return wall_drawing(wall_zones(wall, shown, values.themes(ws, exercise.id)), width)


def report_section(ws: Workspace, exercise: records.Exercise, kit: ReportKit) -> list[Flowable]:
    try:
        wall = values.wall_template(exercise.template)
    except KeyError:
        return [kit.note(f"The wall's template “{exercise.template}” is missing, so it cannot be drawn.")]
    every = values.post_its(ws, exercise.id)
    shown = [n for n in every if not n.hidden]
    wall_themes = values.themes(ws, exercise.id)
    story: list[Flowable] = []
    hidden = len(every) - len(shown)
    counts = f"{len(shown)} post-it{'s' if len(shown) != 1 else ''}, {values.dots_used(shown)} dots"
    if hidden:
        counts += f"; {hidden} still hidden from the room and left out"
    if not shown:
        return [kit.note(counts + ".")]
    zones = wall_zones(wall, shown, wall_themes)
    drawings = wall_drawings(zones, kit.width, 640)
    story.append(kit.keep([kit.note(counts + "."), drawings[0]]))
    story += drawings[1:]
    for zone, drawn in zip(wall.zones, zones, strict=True):
        story.append(kit.heading(f"{zone.label}: {zone.question}", 3))
        if not drawn.themes and not drawn.loose:
            story.append(kit.note("No post-its here."))
            continue
        for theme in drawn.themes:
            dots = sum(n.votes for n in theme.notes)
            story.append(kit.para(f"Theme: {theme.name} ({len(theme.notes)} post-its, {dots} dots)", "cell_bold"))
            story += kit.columns(kit.bullets(_line(n) for n in theme.notes))
        if drawn.loose:
            if drawn.themes:
                story.append(kit.para("In no theme", "cell_bold"))
            story += kit.columns(kit.bullets(_line(n) for n in drawn.loose))
    ranked = values.ranking(shown)
    if ranked:
        labels = {z.key: z.label for z in wall.zones}
        rows = [["", "Dots", "Post-it", "Zone"]]
        rows += [[str(n), str(note.votes), note.text, labels.get(note.zone, note.zone)]
                 for n, note in enumerate(ranked[:RANKING_LIMIT], start=1)]
        story.append(kit.keep([kit.heading("Dot ranking", 3), kit.table(rows, [0.06, 0.08, 0.66, 0.20],
                                                                          right=[0, 1])]))
        if len(ranked) > RANKING_LIMIT:
            story.append(kit.note(f"{len(ranked) - RANKING_LIMIT} more post-its had fewer dots."))
    return story


def programme_section(ws: Workspace, programme_id: str, kit: ReportKit) -> list[Flowable]:
    """Each session's walls: their themes, or where none were named, the most dotted post-its."""
    rows: list[list[object]] = [["Session", "Wall", "Themes (post-its, dots)"]]
    for session in records.workshops(ws, programme_id):
        for exercise in values.walls(ws, session.id):
            shown = [n for n in values.post_its(ws, exercise.id) if not n.hidden]
            if not shown:
                continue
            entries = []
            for cluster in values.themes(ws, exercise.id):
                members = [n for n in shown if n.theme_id == cluster.id]
                if members:
                    entries.append(f"{cluster.name} ({len(members)}, {values.dots_used(members)})")
            if not entries:
                top = values.ranking(shown)[:3]
                entries = ["No themes named. Most dots: " + "; ".join(f"{n.text} ({n.votes})" for n in top)
                           if top else "No themes named."]
            name = session.title.split(":", 1)[0].strip() or session.title
            rows.append([name, exercise.title, kit.bullets(entries, "cell") if len(entries) > 1 else entries[0]])
    if len(rows) == 1:
        return []
    return [kit.heading("The walls' themes, session by session", 2), kit.table(rows, [0.16, 0.3, 0.54])]
