"""Report charts as plain data (`Chart`) and their rasterising to PNG.

The drawing itself is shared with the window: `render_chart` calls the game's own chart
code (`game.ui.charts`) on off-screen pygame surfaces, with a print palette. Without
pygame (or its fonts) reports go on without charts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Chart:
    """A chart to draw with the game's chart code: a line chart or horizontal bars."""

    kind: str  # "line" | "bars"
    title: str
    alt: str  # the same information in words, for screen readers and Markdown
    width: int  # CSS pixels; the PNG is drawn at twice this for print
    height: int
    series: tuple[tuple[str, tuple[float, ...]], ...] = ()
    colours: tuple[tuple[str, str], ...] = ()  # series name -> palette colour name
    x_labels: tuple[str, ...] = ()
    targets: tuple[tuple[str, float], ...] = ()
    unit: str = ""
    legend: bool = True
    items: tuple[tuple[str, float], ...] = ()
    max_value: float = 1.0
    colour: str = "accent"


CHART_SCALE = 2
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the last chunk of every PNG file


_chart_state: dict[str, Any] = {}


def _chart_backend() -> Any:
    """(charts module, Fonts, print palette), or None if charts cannot be drawn here."""
    if "backend" in _chart_state:
        return _chart_state["backend"]
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    backend = None
    try:
        from dataclasses import replace

        from game.ui import charts
        from game.ui.theme import DEFAULT, Fonts

        charts.init_offscreen()
        paper = replace(
            DEFAULT,
            name="print",
            background=(255, 255, 255),
            panel=(255, 255, 255),
            panel_alt=(233, 237, 242),
            border=(150, 158, 170),
            grid=(226, 230, 236),
            text=(28, 33, 40),
            text_dim=(85, 95, 110),
            accent=(0, 125, 125),
            good=(40, 135, 80),
            bad=(196, 64, 44),
            warn=(196, 132, 16),
            neutral=(150, 158, 172),
            india=(222, 118, 16),
            us=(36, 92, 196),
        )
        backend = (charts, Fonts(float(CHART_SCALE)), paper)
    except Exception as err:  # noqa: BLE001 - no pygame (or no fonts): reports go on without charts
        print(f"warning: charts are left out ({err})", file=sys.stderr)
        backend = None
    _chart_state["backend"] = backend
    return backend


def charts_available() -> bool:
    return _chart_backend() is not None


def render_chart(chart: Chart, path: Path) -> bool:
    """Draw a chart to a PNG file with the game's chart code; False if charts are unavailable."""
    backend = _chart_backend()
    if backend is None:
        return False
    charts, fonts, paper = backend
    size = (chart.width * CHART_SCALE, chart.height * CHART_SCALE)

    def draw(surface: Any, rect: Any) -> None:
        if chart.kind == "line":
            charts.line_chart(
                surface,
                rect,
                dict(chart.series),
                {n: getattr(paper, c, paper.accent) for n, c in chart.colours},
                fonts=fonts,
                palette=paper,
                x_labels=list(chart.x_labels) or None,
                title=chart.title or None,
                targets=dict(chart.targets) or None,
                unit=chart.unit,
                legend=chart.legend,
                bg=paper.panel,
            )
        else:
            charts.bar_compare(
                surface,
                rect,
                list(chart.items),
                fonts=fonts,
                palette=paper,
                colour=getattr(paper, chart.colour, paper.accent),
                max_value=chart.max_value,
                unit=chart.unit,
                title=chart.title or None,
                bg=paper.panel,
            )

    from game.saves import remove_orphans

    path = Path(path)
    # Drawn beside the target and renamed over it, so a full disk never leaves half a PNG.
    remove_orphans(path.with_name(path.stem), ".tmp.png")
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.png")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        charts.export_png(draw, size, tmp, background=paper.panel)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
            f.seek(max(0, os.fstat(f.fileno()).st_size - 12))
            # the image writer does not always report a full disk: a whole PNG ends with IEND
            if f.read() != _PNG_END:
                raise OSError("the file was cut short (is the disk full?)")
        os.replace(tmp, path)
    except Exception as err:  # noqa: BLE001 - one chart that fails must not lose the report
        tmp.unlink(missing_ok=True)
        print(f"warning: a chart could not be drawn ({err})", file=sys.stderr)
        return False
    return True


def chart_png(chart: Chart) -> bytes | None:
    """A chart as PNG bytes (None if charts are unavailable)."""
    with tempfile.TemporaryDirectory(prefix="sc-report-") as tmp:
        path = Path(tmp) / "chart.png"
        if not render_chart(chart, path):
            return None
        return path.read_bytes()
