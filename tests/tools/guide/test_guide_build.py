"""`omt guide build`: one self-contained HTML file and a paginated PDF, from the repository's sources."""

from __future__ import annotations

import argparse
import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from omt.tools.commands import guide as guide_command
from omt.tools.guide import render_guide
from omt.tools.guide.builder import HTML_NAME, PDF_NAME, default_source_dir

CHAPTER_TITLES = (
    "About this guide",
    "Good practice at each stage of a placement",
    "Coordination between organisations",
    "Tutoring quality",
    "Learning recognition",
    "The funding map",
    "Glossary",
)
STAGE_SECTIONS = (
    "Preparation", "Arrival and induction", "On-arrival training", "Regular support",
    "Mid-term evaluation", "Final evaluation and learning recognition", "Return and follow-up",
)
CHECK_NOTE = "check the current programme guide"
GUIDE_MODULE = "omt.tools.commands.guide"


def guide_parser() -> argparse.ArgumentParser:
    """Return a parser with only the guide command, as `omt` builds it once the module is registered."""
    parser = argparse.ArgumentParser(prog="omt")
    subparsers = parser.add_subparsers(dest="command", required=True)
    guide_command.register(subparsers)
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Path:
    """Build the guide once, HTML and PDF, through the command's own parser and run function."""
    out = tmp_path_factory.mktemp("guide")
    args = guide_parser().parse_args(["guide", "build", "--out", str(out), "--format", "html,pdf"])
    assert args.run(args) == 0
    return out


@pytest.fixture(scope="module")
def html(built: Path) -> str:
    return (built / HTML_NAME).read_text(encoding="utf-8")


def section(html: str, anchor: str) -> str:
    """Return the HTML from the heading with id `anchor` to the next heading of level 1 or 2."""
    start = html.index(f'id="{anchor}"')
    end = re.compile(r"<h[12] ").search(html, start)
    return html[start:end.start() if end else len(html)]


def test_html_has_every_chapter(html: str) -> None:
    for title in CHAPTER_TITLES:
        assert re.search(rf'<h1 id="[a-z0-9-]+">{re.escape(title)}</h1>', html), title


def test_html_has_every_stage(html: str) -> None:
    for title in STAGE_SECTIONS:
        assert re.search(rf'<h2 id="[a-z0-9-]+">{re.escape(title)}</h2>', html), title


def test_contents_links_every_chapter(html: str) -> None:
    contents = html[html.index('<nav class="toc"'):html.index("</nav>")]
    for title in CHAPTER_TITLES:
        assert f">{title}</a>" in contents


def test_every_anchor_link_resolves(html: str) -> None:
    anchors = set(re.findall(r'\bid="([^"]+)"', html))
    links = re.findall(r'\bhref="#([^"]*)"', html)
    assert len(links) > len(CHAPTER_TITLES)
    assert sorted(set(links) - anchors) == []


def test_funding_tables_present(html: str) -> None:
    for caption in ("Funding map at a glance", "Funding map by country", "Funding map by kind of cost"):
        assert caption in html


def test_funding_by_country_lists_partners(html: str) -> None:
    table = html[html.index('class="funding funding-by-country"'):]
    table = table[:table.index("</table>")]
    for country in ("France (FR)", "Italy (IT)", "Vietnam (VN)", "Thailand (TH)", "United States (US)"):
        assert country in table
    assert table.count("Erasmus+ youth worker mobility") == 5


def test_funding_by_cost_names_sources(html: str) -> None:
    table = html[html.index('class="funding funding-by-cost"'):]
    table = table[:table.index("</table>")]
    for kind in ("Mentoring of volunteers", "Inclusion support", "Training of youth workers"):
        assert kind in table
    assert "European Solidarity Corps Guide, European Commission, 2026" in table
    assert "Erasmus+ Programme Guide, European Commission, 2026" in table


@pytest.mark.parametrize("anchor", ["on-arrival-training", "mid-term-evaluation", "preparation",
                                    "the-funding-map", "youthpass-a-process-and-a-certificate"])
def test_checked_facts_carry_note(html: str, anchor: str) -> None:
    assert CHECK_NOTE in section(html, anchor).lower()


def test_every_funding_entry_carries_note(html: str) -> None:
    entries = re.findall(r'<div class="funding-entry">(.*?)</div>', html, re.DOTALL)
    assert len(entries) == 4
    for entry in entries:
        assert "<dt>Source</dt>" in entry
        assert "<dt>Year read</dt><dd>2026</dd>" in entry
        assert "check the current" in entry.lower()


def test_pain_points_addressed(html: str) -> None:
    problems = section(html, "common-problems-and-what-to-do-about-each")
    assert problems.count("<em>What to do:</em>") == 6


def test_nothing_loaded_from_outside(html: str) -> None:
    assert "http:" not in html
    assert "https:" not in html
    assert "<script" not in html
    assert "<link" not in html
    for url in re.findall(r'\bsrc="([^"]*)"', html):
        assert url.startswith("data:image/png;base64,")
    for url in re.findall(r'\bhref="([^"]*)"', html):
        assert url.startswith("#")


def test_stage_figure_embedded(html: str) -> None:
    [data] = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")


def test_demo_names_in_thai_and_vietnamese(html: str) -> None:
    placements = section(html, "seeing-where-every-placement-stands")
    assert "มูลนิธิเยาวชนล้านนา" in placements
    assert "Trung tâm Thanh niên Sông Hồng" in placements
    assert "4 December 2026" in placements


def test_html_is_deterministic(html: str) -> None:
    assert render_guide(default_source_dir()) == html


def test_pdf_has_several_pages(built: Path) -> None:
    pdf = (built / PDF_NAME).read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) > 5


def test_html_only_writes_no_pdf(tmp_path: Path) -> None:
    args = guide_parser().parse_args(["guide", "build", "--out", str(tmp_path), "--format", "html"])
    assert args.run(args) == 0
    assert (tmp_path / HTML_NAME).exists()
    assert not (tmp_path / PDF_NAME).exists()


@pytest.mark.parametrize("command", [["guide"], ["guide", "build"]])
def test_commands_have_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        guide_parser().parse_args([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: omt" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["docx", "", "html,svg"])
def test_unknown_format_rejected(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        guide_parser().parse_args(["guide", "build", "--format", value])
    assert "use html, pdf or html,pdf" in capsys.readouterr().err


def test_format_list_parsed() -> None:
    assert guide_command.parse_formats("PDF, html,pdf") == ("pdf", "html")


@pytest.fixture
def omt_main(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], int]:
    """Return `omt`'s main function with the guide command registered, as tools/cli.py will have it."""
    from omt.tools import cli

    if GUIDE_MODULE not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, GUIDE_MODULE))
    return cli.main


def test_cli_builds_html(omt_main: Callable[[list[str]], int], tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert omt_main(["guide", "build", "--out", str(tmp_path), "--format", "html"]) == 0
    assert f"html  {tmp_path / HTML_NAME}" in capsys.readouterr().out


def test_cli_reports_missing_sources(omt_main: Callable[[list[str]], int], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    absent = tmp_path / "absent"
    assert omt_main(["guide", "build", "--out", str(tmp_path), "--source", str(absent)]) == 2
    assert f"omt: error: guide sources not found at {absent}" in capsys.readouterr().err
