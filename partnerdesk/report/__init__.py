"""Reports: the workshop report and the programme report as PDF, drawn as vectors from the data.

Shared by every exercise kind, not a kind itself (no `KIND`). Each kind adds its pages through
its own `partnerdesk/<kind>/report.py`:

- `report_section(ws, exercise, kit) -> list[Flowable]`: the exercise's pages in a workshop
  report (the report adds the heading; `kit` is a `ReportKit` with styles and helpers);
- optionally `programme_section(ws, programme_id, kit) -> list[Flowable]`: the kind's summary
  across a programme's sessions, and `PROGRAMME_ORDER` (a number) to place it.

A kind with no `report.py` adds nothing, which is how learning logs stay out of every report.
"""

from partnerdesk.report.document import programme_report, programme_story, workshop_report, workshop_story
from partnerdesk.report.kit import ReportKit

__all__ = ["ReportKit", "programme_report", "programme_story", "workshop_report", "workshop_story"]
