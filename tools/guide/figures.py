"""Figures of the guide, drawn from the demo exchange as seen on a fixed day.

The demo store is built in a temporary folder for each build, so the guide never reads or changes
a real store, and the fixed day makes every build draw the same figures.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from omt.store import Store
from omt.store.journey import STAGES, stage_on
from omt.tools.demo import build_demo

# The day the demo exchange is seen from; change it only together with the guide's text about it.
DEMO_DAY = dt.date(2026, 12, 4)

# DejaVu Sans covers Latin with Vietnamese diacritics but has no Thai glyphs. matplotlib 3.6 and
# later takes each missing glyph from the next family in the list that has it.
FIGURE_FONTS = ["DejaVu Sans", "Noto Sans Thai", "Loma", "Garuda", "Noto Sans"]
FIGURE_DPI = 120
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass(frozen=True)
class PlacementRow:
    """One placement of the demo exchange, as the guide's overview table shows it."""

    placement_id: str
    sending: str
    hosting: str
    stage: str


@dataclass(frozen=True)
class DemoOverview:
    """The stages of the demo exchange's placements on `day`."""

    day: dt.date
    stage_counts: dict[str, int]
    rows: list[PlacementRow]


def demo_overview(day: dt.date = DEMO_DAY) -> DemoOverview:
    """Build the demo store in a temporary folder and return its placements' stages on `day`."""
    with tempfile.TemporaryDirectory(prefix="omt-guide-demo-") as folder:
        store = build_demo(Store(Path(folder) / "store"), day)
        organisations = {organisation.organisation_id: organisation for organisation in store.organisations()}
        rows = []
        for placement in sorted(store.placements(), key=lambda placement: placement.placement_id):
            rows.append(PlacementRow(
                placement_id=placement.placement_id,
                sending=organisations[placement.sending_organisation_id].name,
                hosting=organisations[placement.hosting_organisation_id].name,
                stage=stage_on(placement, day),
            ))
    counts = Counter(row.stage for row in rows)
    return DemoOverview(day, {stage: counts.get(stage, 0) for stage, _ in STAGES}, rows)


def stage_chart_png(overview: DemoOverview) -> bytes:
    """Draw the number of placements at each stage as a horizontal bar chart; return PNG bytes."""
    labels = dict(STAGES)
    stages = list(overview.stage_counts)
    figure = Figure(figsize=(7.2, 3.0), dpi=FIGURE_DPI)
    axes = figure.add_subplot()
    positions = range(len(stages))
    axes.barh(positions, [overview.stage_counts[stage] for stage in stages], color="#2f6f8f")
    axes.set_yticks(list(positions), [labels[stage] for stage in stages], fontfamily=FIGURE_FONTS)
    axes.invert_yaxis()
    axes.set_xlabel("placements", fontfamily=FIGURE_FONTS)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    # Without the Software entry the PNG bytes are the same from one matplotlib version to the next.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def long_date(day: dt.date) -> str:
    """Return `day` as the guide writes it, such as "4 December 2026", whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
