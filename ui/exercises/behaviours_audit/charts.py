"""The audit's charts: bars per question (lowest in red) with the benchmark line, two rounds
compared, and the projector's view that follows new answers."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from partnerdesk import records
from partnerdesk.behaviours_audit import values
from partnerdesk.behaviours_audit.stats import Comparison, RoundResults, fmt, fmt_change
from partnerdesk.changes import Changes
from ui.document import WorkspaceDocument
from ui.projector.widgets import min_text_px
from ui.text import plain_html

#: The tables whose changes can move the results.
AUDIT_TABLES = ("audit_responses", "audit_answers", "audit_rounds", "audit_questions", "audit_question_sets")
BAR_COLOUR = QColor("#2563eb")
LOW_COLOUR = QColor("#dc2626")
BEFORE_COLOUR = QColor("#9ca3af")
BENCH_COLOUR = QColor("#d97706")


def _benchmark_series(chart: QChart, count: int, benchmark: float | None, x_axis, y_axis) -> None:
    if benchmark is None or count == 0:
        return
    line = QLineSeries()
    line.setName(f"Benchmark {benchmark:.1f}")
    line.append(-0.5, benchmark)
    line.append(count - 0.5, benchmark)
    pen = QPen(BENCH_COLOUR)
    pen.setWidthF(3)
    pen.setStyle(Qt.DashLine)
    line.setPen(pen)
    chart.addSeries(line)
    line.attachAxis(x_axis)
    line.attachAxis(y_axis)


def _axes(chart: QChart, count: int, font_size: int) -> tuple[QBarCategoryAxis, QValueAxis]:
    x_axis = QBarCategoryAxis()
    x_axis.append([f"Q{n}" for n in range(1, count + 1)])
    y_axis = QValueAxis()
    y_axis.setRange(0, 10)
    y_axis.setTickCount(6)
    y_axis.setLabelFormat("%d")
    font = QFont()
    font.setPointSize(font_size)
    x_axis.setLabelsFont(font)
    y_axis.setLabelsFont(font)
    chart.addAxis(x_axis, Qt.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignLeft)
    return x_axis, y_axis


def two_line_title(name: str, headline: str) -> str:
    """The round's name above its headline (the overall average, or why it is withheld), as the
    chart's title: on one line at the room's text size the headline was cut off the end. The name
    is the facilitator's text, so it is escaped (a chart title with a line break is rich text)."""
    return f"<p align='center'>{plain_html(name)}<br>{plain_html(headline)}</p>"


def results_chart(results: RoundResults, title: str, font_size: int = 9, titled: bool = True) -> QChart:
    """Bars per question (lowest items in red) and the benchmark line; empty while withheld."""
    chart = QChart()
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    title_font = QFont()
    title_font.setPointSize(font_size + 3)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    count = len(results.questions)
    if not titled:
        pass
    elif results.withheld:
        chart.setTitle(two_line_title(title, f"Results withheld ({results.responses} of "
                                             f"{results.minimum_responses} responses needed)"))
    else:
        chart.setTitle(two_line_title(title, f"Overall average {fmt(results.overall)}"))
    bars = QBarSet("Average score")
    bars.setColor(BAR_COLOUR)
    bars.setSelectedColor(LOW_COLOUR)
    if not results.withheld:
        bars.append([q.mean if q.mean is not None else 0.0 for q in results.questions])
        for q in results.questions:
            if q.lowest:
                bars.selectBar(q.position - 1)
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    x_axis, y_axis = _axes(chart, count, font_size)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    if not results.withheld:
        _benchmark_series(chart, count, results.benchmark, x_axis, y_axis)
    legend_font = QFont()
    legend_font.setPointSize(font_size)
    chart.legend().setFont(legend_font)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


def comparison_chart(comparison: Comparison, before_label: str, after_label: str,
                     benchmark: float | None, font_size: int = 9) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    count = len(comparison.changes)
    if comparison.withheld:
        chart.setTitle("Comparison withheld")
    else:
        chart.setTitle(f"Overall {fmt(comparison.overall_before)} → {fmt(comparison.overall_after)} "
                       f"({fmt_change(comparison.overall_change)})")
    series = QBarSeries()
    for label, colour, means in (
        (before_label, BEFORE_COLOUR, [c.before for c in comparison.changes]),
        (after_label, BAR_COLOUR, [c.after for c in comparison.changes]),
    ):
        bars = QBarSet(plain_html(label))  # the legend reads rich text; a session's name is typed
        bars.setColor(colour)
        bars.append([v if v is not None else 0.0 for v in means])
        series.append(bars)
    chart.addSeries(series)
    x_axis, y_axis = _axes(chart, max(count, 1), font_size)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    if not comparison.withheld:
        _benchmark_series(chart, count, benchmark, x_axis, y_axis)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


class ChartView(QChartView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.Antialiasing)
        # Small enough that a tab of chart, table and comments fits a 1366×768 laptop; the
        # splitters give it more room when there is some.
        self.setMinimumHeight(150)

    def show_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self._fit_ticks()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_ticks()

    def _fit_ticks(self) -> None:
        # A short chart (a laptop with the runner open) labels 0, 5 and 10 rather than eliding
        # six labels to dots.
        ticks = 6 if self.height() >= 260 else 3
        for axis in self.chart().axes(Qt.Vertical):
            if isinstance(axis, QValueAxis):
                axis.setTickCount(ticks)


def room_fonts(chart: QChart, pixels: int) -> None:
    """Every text of a chart for the room at `pixels` or larger: axis labels and the legend at
    that size, the title a little larger and bold."""
    title = QFont(chart.titleFont())
    title.setPixelSize(round(pixels * 1.3))
    title.setBold(True)
    chart.setTitleFont(title)
    font = QFont()
    font.setPixelSize(pixels)
    for axis in chart.axes():
        axis.setLabelsFont(font)
        axis.setTitleFont(font)
    chart.legend().setFont(font)


class AuditPresenterView(QChartView):
    """What the room sees: the results chart, large, withheld below the minimum, following new
    answers. No text on it is smaller than the projector's minimum (`min_text_px`)."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("audit_presenter")
        self.setRenderHint(QPainter.Antialiasing)
        self.workspace_document = document
        self.exercise_id = exercise_id
        self.paused = False
        #: The text size the chart was made for; the projector's size or text size may change.
        self.text_px = 0
        document.changed.connect(self._on_changed)
        self.refresh()

    def results(self) -> RoundResults:
        ws = self.workspace_document.workspace
        return values.results_of(ws, values.planned_round(ws, self.exercise_id))

    def refresh(self) -> None:
        ws = self.workspace_document.workspace
        if records.exercise(ws, self.exercise_id) is None:
            return
        found = values.planned_round(ws, self.exercise_id)
        old = self.chart()
        if self.paused:
            chart = QChart()
            chart.setTitle("Answering in progress: results to follow")
        else:
            chart = results_chart(values.results_of(ws, found), found.title or "Results")
        self.text_px = min_text_px(self)
        room_fonts(chart, self.text_px)
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.text_px != min_text_px(self):
            self.refresh()

    def paintEvent(self, event) -> None:
        # The facilitator's projector text size changes without a resize: make the chart again
        # for it once this paint is over.
        if self.text_px != min_text_px(self):
            QTimer.singleShot(0, self._on_text_size_changed)
        super().paintEvent(event)

    def _on_text_size_changed(self) -> None:
        if self.text_px != min_text_px(self):
            self.refresh()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*AUDIT_TABLES) and not self.paused:
            self.refresh()
