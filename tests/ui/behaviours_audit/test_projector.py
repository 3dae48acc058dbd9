"""The audit's chart on the room's projector: no text smaller than a fortieth of its height
(times the facilitator's text size), at a 1024×768 and a 1920×1080 projector."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from partnerdesk.behaviours_audit import KIND
from tests.ui.conftest import first_exercise, show_on_projector
from ui.exercises.behaviours_audit.charts import AuditPresenterView
from ui.navigator import NodeKey


def pixels(font: QFont) -> float:
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72


def chart_text_sizes(view: AuditPresenterView) -> dict[str, float]:
    """Every text the chart draws, as the room sees it: fonts times the view's scale."""
    chart = view.chart()
    scale = view.transform().m22()
    sizes = {"title": pixels(chart.titleFont()) * scale}
    for n, axis in enumerate(chart.axes()):
        if axis.labelsVisible():
            sizes[f"axis {n} labels"] = pixels(axis.labelsFont()) * scale
    if chart.legend().isVisible():
        sizes["legend"] = pixels(chart.legend().font()) * scale
    return sizes


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_no_text_of_the_audit_chart_is_smaller_than_a_fortieth_of_the_projector(
        qtbot, start_window, demo_path, size, scale):
    window = start_window(demo_path)
    ws = window.document.workspace
    exercise = first_exercise(ws, kind=KIND)
    window.navigator.select(NodeKey("exercise", exercise.id))
    window.presenter.set_text_scale(scale)
    presenter = show_on_projector(qtbot, window)
    presenter.window.resize(*size)
    QApplication.processEvents()
    view = presenter.window.content
    assert isinstance(view, AuditPresenterView)
    floor = size[1] / 40 * scale
    qtbot.waitUntil(lambda: min(chart_text_sizes(view).values()) >= floor - 0.5)
    sizes = chart_text_sizes(view)
    assert len(sizes) == 4 and "Overall average" in view.chart().title()
    # A larger text size chosen while the chart shows applies at once.
    presenter.set_text_scale(scale + 0.5)
    qtbot.waitUntil(lambda: min(chart_text_sizes(view).values()) >= size[1] / 40 * (scale + 0.5) - 0.5)
    # While the laptop goes round, the room sees a notice at the same sizes.
    view.set_paused(True)
    assert pixels(view.chart().titleFont()) >= floor - 0.5


def test_the_headline_fits_the_projector_and_the_rounds_name_shows_as_typed(qtbot, start_window, demo_path):
    """On a 1024×768 projector at the largest text size the title once ended "baseline: ove…":
    the round's name and the overall average are two lines now, each inside the chart, and the
    name (the facilitator's text, in a rich-text title) shows exactly as typed."""
    from PySide6.QtGui import QFontMetricsF, QTextDocument

    from partnerdesk.behaviours_audit import values

    window = start_window(demo_path)
    ws = window.document.workspace
    exercise = first_exercise(ws, kind=KIND)
    found = values.planned_round(ws, exercise.id)
    typed = "<b>Baseline</b> & <i>pilot</i>"
    ws.update("audit_rounds", found.id, {"title": typed})
    window.navigator.select(NodeKey("exercise", exercise.id))
    window.presenter.set_text_scale(1.5)
    presenter = show_on_projector(qtbot, window)
    presenter.window.resize(1024, 768)
    QApplication.processEvents()
    view = presenter.window.content
    view.refresh()
    shown = QTextDocument()
    shown.setHtml(view.chart().title())
    lines = shown.toPlainText().splitlines()
    assert lines[0] == typed and lines[1].startswith("Overall average ")
    metrics = QFontMetricsF(view.chart().titleFont())
    scale = view.transform().m11()
    for line in lines:
        assert metrics.horizontalAdvance(line) * scale < view.width(), line
