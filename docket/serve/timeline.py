"""The dashboard's timeline chart: `docket.export.timeline` draws the reader's events on a time axis.

Drawn from the events of the reader's view only (no restricted report counts). The chart module
escapes every label and writes no script and no `style` attribute, which the Content-Security-Policy
would block (presentation attributes such as `fill` are fine). Should the chart module be missing,
the dashboard shows the report's bars of incidents by type and year instead.
"""

from __future__ import annotations

from markupsafe import Markup

from docket.serve.views import Derived
from docket.store import Store


def timeline_svg(view: Store, derived: Derived) -> Markup | None:
    """The chart for the dashboard, or None when no module can draw one."""
    try:
        from docket.export.eventview import timeline_events
        from docket.export.timeline import timeline_svg as draw
    except ImportError:
        try:
            from docket.export.report import chart_svg
        except ImportError:
            return None
        return chart_svg(view.incidents())
    events = derived.events(view).events
    return Markup(draw(timeline_events(events), title="Events by date"))
