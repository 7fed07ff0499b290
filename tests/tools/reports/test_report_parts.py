"""The parts of a placement report that run without a kernel: content, HTML, chart, export, template."""

from __future__ import annotations

import datetime as dt
import html
import io
import warnings
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from PIL import Image

from omt.errors import NotFoundError, ValidationError
from omt.store import Store
from omt.store.journey import STAGES
from omt.tools.reports import charts, content, render
from omt.tools.reports.builder import TemplateError, load_template, placement_template
from omt.tools.reports.export import (REPORT_CSS, export_html, external_references, html_exporter, new_html_exporter,
                                       without_stderr)
from omt.tools.reports.labels import LABELS

DEMO_DAY = "2026-12-04"
ATTACK = "<img src=x onerror=alert(1)>"


def test_summary_names_people_and_organisations(demo_store: Store) -> None:
    report = content.load_report("TH-US-05", "en", DEMO_DAY, demo_store)
    summary = render.summary_html(report)
    for name in ("สมชาย ใจดี", "มูลนิธิเยาวชนล้านนา", "Bridgeway Youth Exchange", "Les Passerelles Solidaires",
                 "Dana Whitfield", "Morgan Ellis", "On site", "Regular support"):
        assert name in summary


def test_summary_shows_interruption(demo_store: Store) -> None:
    report = content.load_report("VN-FR-07", "fr", DEMO_DAY, demo_store)
    summary = render.summary_html(report)
    assert "Interrompue le" in summary
    assert report.placement.interrupted_on.isoformat() in summary


def test_meeting_text_escaped(demo_store: Store) -> None:
    demo_store.submit("FR-VN-01", "meeting_log",
                      {"meeting_date": dt.date(2026, 12, 1), "duration_minutes": 30, "topics": ["tasks"],
                       "notes": ATTACK, "actions": "<script>alert(2)</script>"},
                      author_id="M-VN-HAN", role="mentor", submitted_at=dt.datetime(2026, 12, 1, 12, tzinfo=dt.timezone.utc))
    table = render.meetings_html(content.load_report("FR-VN-01", "en", DEMO_DAY, demo_store))
    assert "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in table
    assert "<img" not in table
    assert "<script" not in table


def test_meetings_after_as_of_left_out(demo_store: Store) -> None:
    before = content.load_report("IT-FR-03", "en", DEMO_DAY, demo_store)
    earlier = content.load_report("IT-FR-03", "en", "2026-09-01", demo_store)
    assert 0 < len(earlier.meetings) < len(before.meetings)
    assert all(meeting.meeting_date <= dt.date(2026, 9, 1) for meeting in earlier.meetings)
    assert all(checkin.day <= dt.date(2026, 9, 1) for checkin in earlier.checkins)


def test_meeting_topics_use_form_labels(demo_store: Store) -> None:
    table = render.meetings_html(content.load_report("FR-VN-01", "en", DEMO_DAY, demo_store))
    assert "Tasks and daily work" in table


def test_planned_placement_has_no_chart(demo_store: Store) -> None:
    report = content.load_report("FR-TH-02", "en", DEMO_DAY, demo_store)
    assert charts.wellbeing_png(report) is None
    assert "No wellbeing check-in yet." in render.wellbeing_html(report)
    assert "No meeting logged yet." in render.meetings_html(report)


@pytest.mark.parametrize(("placement_id", "language"), [("TH-US-05", "th"), ("VN-IT-04", "vi"), ("FR-IT-12", "fr")])
def test_chart_has_every_glyph(demo_store: Store, placement_id: str, language: str) -> None:
    report = content.load_report(placement_id, language, DEMO_DAY, demo_store)
    with warnings.catch_warnings():
        # matplotlib warns "Glyph ... missing from font(s)" for each character drawn as a box.
        warnings.simplefilter("error")
        png = charts.wellbeing_png(report)
    assert png is not None
    assert png.startswith(b"\x89PNG")


def test_chart_embedded_with_alternative_text(demo_store: Store) -> None:
    section = render.wellbeing_html(content.load_report("TH-US-05", "th", DEMO_DAY, demo_store))
    assert 'src="data:image/png;base64,' in section
    assert 'alt="ความเป็นอยู่ของ สมชาย ใจดี' in section


def test_unknown_placement_not_found(demo_store: Store) -> None:
    with pytest.raises(NotFoundError, match="XX-YY-99"):
        content.load_report("XX-YY-99", "en", DEMO_DAY, demo_store)


@pytest.mark.parametrize(("field", "arguments"), [
    ("placement_id", {"placement_id": "../etc"}),
    ("placement_id", {"placement_id": None}),
    ("language", {"placement_id": "FR-VN-01", "language": "de"}),
    ("as_of", {"placement_id": "FR-VN-01", "as_of": "4 December"}),
])
def test_invalid_parameter_rejected(demo_store: Store, field: str, arguments: dict) -> None:
    with pytest.raises(ValidationError) as raised:
        content.load_report(store=demo_store, **arguments)
    assert field in raised.value.problems


def test_external_references_found() -> None:
    page = ('<script src="https://cdn.example/a.js"></script>'
            "<link rel=stylesheet href=//cdn.example/b.css>"
            '<style>@import url("http://cdn.example/c.css");</style>'
            '<script type="module">await import("https://cdn.example/d.mjs")</script>'
            '<a href="https://example.org/docs">a link, loaded only when clicked</a>'
            '<img src="data:image/png;base64,AAAA">')
    assert external_references(page) == ["https://cdn.example/a.js", "//cdn.example/b.css",
                                         "http://cdn.example/c.css", "https://cdn.example/d.mjs"]


def test_shipped_template_accepted() -> None:
    template = load_template(placement_template())
    [parameters] = [cell for cell in template.cells if "parameters" in cell.metadata.get("tags", [])]
    for name in ("placement_id", "language", "as_of", "store"):
        assert f"{name} = " in parameters.source


def write_notebook(path: Path, cells: list) -> Path:
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_template_without_parameters_rejected(tmp_path: Path) -> None:
    path = write_notebook(tmp_path / "no_parameters.ipynb", [new_code_cell("placement_id = None")])
    with pytest.raises(TemplateError, match="found none"):
        load_template(path)


def test_template_with_two_parameters_rejected(tmp_path: Path) -> None:
    tagged = {"tags": ["parameters"]}
    path = write_notebook(tmp_path / "two_parameters.ipynb", [
        new_code_cell("placement_id = None", metadata=tagged), new_code_cell("x = 1"),
        new_code_cell("language = 'en'", metadata=tagged)])
    with pytest.raises(TemplateError, match="found 2, at cells 1, 3"):
        load_template(path)


def test_markdown_parameters_cell_rejected(tmp_path: Path) -> None:
    path = write_notebook(tmp_path / "markdown_parameters.ipynb",
                          [new_markdown_cell("placement_id", metadata={"tags": ["parameters"]})])
    with pytest.raises(TemplateError, match="must be a code cell"):
        load_template(path)


@pytest.mark.parametrize("language", sorted(LABELS))
def test_labels_complete_in_language(language: str) -> None:
    assert set(LABELS[language]) >= set(LABELS["en"])
    if language != "en":  # English stage names come from omt.store.journey
        assert {f"stage.{stage}" for stage, _ in STAGES} <= set(LABELS[language])


def test_actions_text_reads_action_rows() -> None:
    from omt.tools.reports.content import actions_text

    rows = [{"action": "Send the course list", "owner": "mentor", "due_date": dt.date(2026, 12, 11)},
            {"action": "", "owner": "volunteer"}]
    assert actions_text({"action_items": rows}) == "Send the course list (mentor, 2026-12-11)"
    assert actions_text({"actions": "Free text from an older log"}) == "Free text from an older log"


def output_notebook(text: str) -> nbformat.NotebookNode:
    cell = new_code_cell("display(HTML(text))")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f"<p>{text}</p>"})]
    return new_notebook(cells=[new_markdown_cell("# Report"), cell])


def test_reused_exporter_same_page() -> None:
    first, second = output_notebook("Léa"), output_notebook("ฝึกงาน")
    export_html(first, "first", "th")
    assert export_html(second, "second", "th") == fresh_export(second, "second", "th")


def test_exporter_reused_per_language() -> None:
    assert html_exporter("vi") is html_exporter("vi")
    assert html_exporter("vi") is not html_exporter("th")


def fresh_export(notebook: nbformat.NotebookNode, title: str, language: str) -> str:
    """Export with a new exporter, as if no exporter were reused."""
    body, _ = new_html_exporter(language).from_notebook_node(without_stderr(notebook),
                                                             resources={"metadata": {"name": title}})
    return body.replace("</head>", f"{REPORT_CSS}</head>", 1)


def saved_with_layout_on_each_draw(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


@pytest.mark.parametrize("chart", ["timeline_png", "wellbeing_png", "competence_png"])
def test_chart_laid_out_once_same_pixels(demo_store: Store, monkeypatch: pytest.MonkeyPatch, chart: str) -> None:
    report = content.load_report("TH-US-05", "th", DEMO_DAY, demo_store)
    laid_out_once = getattr(charts, chart)(report)
    monkeypatch.setattr(charts, "png_bytes", saved_with_layout_on_each_draw)
    laid_out_twice = getattr(charts, chart)(report)
    assert pixels(laid_out_once) == pixels(laid_out_twice)


def pixels(png: bytes) -> tuple[tuple[int, int], bytes]:
    with Image.open(io.BytesIO(png)) as image:
        return image.size, image.convert("RGBA").tobytes()


@pytest.mark.parametrize("language", ["fr", "th"])
def test_journey_items_in_report_language(demo_store: Store, language: str) -> None:
    report = content.load_report("VN-FR-07", language, DEMO_DAY, demo_store)
    open_items = [item for item in report.open_items() if item.label_in(language) != item.label]
    assert open_items, "the demo placement should have an open item with a translated label"
    section = render.open_actions_html(report)
    for item in open_items:
        assert html.escape(item.label_in(language)) in section
        assert html.escape(item.label) not in section
