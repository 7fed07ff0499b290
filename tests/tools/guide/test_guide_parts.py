"""The guide's parts that need no browser: chapters, blocks, the page check, source errors."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from omt.tools.guide import GuideError, build_guide, render_guide, validate_entries
from omt.tools.guide.blocks import guide_blocks
from omt.tools.guide.builder import FUNDING_MAP_FILE
from omt.tools.guide.chapters import Anchors, render_chapter
from omt.tools.guide.figures import DemoOverview, PlacementRow
from omt.tools.guide.funding import FundingMapError
from omt.tools.guide.page import external_references

EntryFactory = Callable[..., dict[str, Any]]

ATTACK = "<img src=x onerror=alert(1)>"


def chapter_file(folder: Path, text: str, name: str = "01-test.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def small_overview(name: str = "มูลนิธิเยาวชนล้านนา") -> DemoOverview:
    rows = [PlacementRow("FR-TH-02", "Les Passerelles Solidaires", name, "preparation")]
    return DemoOverview(dt.date(2026, 12, 4), {"preparation": 1, "regular_support": 0}, rows)


def test_raw_html_in_source_escaped(tmp_path: Path) -> None:
    path = chapter_file(tmp_path, f"# Title\n\nA note: {ATTACK}\n\n<script>alert(1)</script>\n")
    chapter = render_chapter(path, Anchors(), {})
    assert "<img" not in chapter.html
    assert "<script" not in chapter.html
    assert "&lt;img src=x onerror=alert(1)&gt;" in chapter.html


def test_headings_get_unique_anchors(tmp_path: Path) -> None:
    anchors = Anchors()
    first = render_chapter(chapter_file(tmp_path, "# Stages\n\n## Preparation\n"), anchors, {})
    second = render_chapter(chapter_file(tmp_path, "# Roles\n\n## Preparation\n", "02-b.md"), anchors, {})
    assert first.headings[1].anchor == "preparation"
    assert second.headings[1].anchor == "preparation-2"


def test_reserved_anchor_not_reused() -> None:
    assert Anchors(reserved=("contents",)).new("Contents") == "contents-2"


def test_anchor_from_accented_heading() -> None:
    assert Anchors().new("Trung tâm Sông Hồng: đào tạo") == "trung-tam-song-hong-ao-tao"
    assert Anchors().new("มูลนิธิ") == "section"


def test_block_inserted_where_marked(tmp_path: Path) -> None:
    path = chapter_file(tmp_path, "# Title\n\nBefore.\n\n::: demo-block\n\nAfter.\n")
    chapter = render_chapter(path, Anchors(), {"demo-block": '<table class="x"></table>'})
    assert chapter.html.index("Before.") < chapter.html.index('<table class="x">') < chapter.html.index("After.")


def test_unknown_block_rejected(tmp_path: Path) -> None:
    path = chapter_file(tmp_path, "# Title\n\nText.\n\n::: no-such-block\n")
    with pytest.raises(GuideError, match=r"01-test\.md, line 5: unknown block '::: no-such-block'"):
        render_chapter(path, Anchors(), {"funding-by-country": ""})


@pytest.mark.parametrize("text", ["Text without a title.\n", "## Section first\n\n# Title\n", "# One\n\n# Two\n"])
def test_chapter_needs_one_title(tmp_path: Path, text: str) -> None:
    with pytest.raises(GuideError, match="must start with one level-1 heading"):
        render_chapter(chapter_file(tmp_path, text), Anchors(), {})


def test_funding_text_escaped(make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry["name"] = ATTACK
    entry["funds"] = "Costs & <b>mentoring</b>"
    blocks = guide_blocks(validate_entries([entry]), small_overview(), Anchors())
    for name in ("funding-at-a-glance", "funding-by-country", "funding-by-cost", "funding-entries"):
        assert "<img" not in blocks[name]
        assert "&lt;img src=x onerror=alert(1)&gt;" in blocks[name]
    assert "Costs &amp; &lt;b&gt;mentoring&lt;/b&gt;" in blocks["funding-entries"]


def test_demo_names_escaped(make_entry: EntryFactory) -> None:
    blocks = guide_blocks(validate_entries([make_entry()]), small_overview(ATTACK), Anchors())
    table = blocks["placements-by-stage"].split("<table", 1)[1]
    assert "<img" not in table
    assert "&lt;img src=x onerror=alert(1)&gt;" in table


def test_thai_text_kept(make_entry: EntryFactory) -> None:
    blocks = guide_blocks(validate_entries([make_entry()]), small_overview(), Anchors())
    assert "มูลนิธิเยาวชนล้านนา" in blocks["placements-by-stage"]


@pytest.mark.parametrize("html", [
    '<a href="https://example.org/guide">the guide</a>',
    '<img src="chart.png">',
    '<img src="//cdn.example.org/x.png">',
    "<style>@import 'fonts.css';</style>",
    "<style>body { background: url(paper.png); }</style>",
    "<p>Read www.example.org</p>",
])
def test_external_reference_found(html: str) -> None:
    assert external_references(html)


def test_internal_references_allowed() -> None:
    html = '<a href="#glossary">Glossary</a><img src="data:image/png;base64,iVBORw0KGgo=">'
    assert external_references(html) == []


@pytest.fixture
def sources(tmp_path: Path, repository_sources: Path) -> Path:
    """Return a copy of the repository's guide sources, to change in a test."""
    folder = tmp_path / "guide-sources"
    shutil.copytree(repository_sources, folder)
    return folder


def test_source_link_to_web_rejected(sources: Path) -> None:
    chapter_file(sources, "# Links\n\nSee [the guide](https://example.org/guide).\n", "99-links.md")
    with pytest.raises(GuideError, match="outside itself, such as 'https://example.org/guide'"):
        render_guide(sources)


def test_invalid_funding_map_stops_build(sources: Path, tmp_path: Path) -> None:
    path = sources / FUNDING_MAP_FILE
    text = path.read_text(encoding="utf-8").replace("    year: 2026\n", "", 1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(FundingMapError, match=r"entry 1 \('erasmus-youth-mobility'\): missing field 'year'"):
        build_guide(out, ["html"], source_dir=sources)
    assert not out.exists()


def test_missing_sources_rejected(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="guide sources not found at .*absent; give the folder"):
        build_guide(tmp_path / "out", ["html"], source_dir=tmp_path / "absent")


def test_unknown_format_rejected_by_builder(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="unknown format docx"):
        build_guide(tmp_path / "out", ["docx"])
