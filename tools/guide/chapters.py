"""The guide's chapters: Markdown files rendered to HTML, with an anchor on every heading.

A chapter is one file `NN-name.md` in the sources folder; the number sets the order and the file's
only level-1 heading is the chapter's title. Raw HTML in the sources is escaped, so a source can
only use Markdown. A line that holds just `::: block-name` marks where the builder inserts a
generated block, such as a funding table or a figure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import mistune
from mistune.renderers.html import HTMLRenderer

from omt.errors import OmtError

CHAPTER_FILE = re.compile(r"^\d{2}-[a-z0-9-]+\.md$")
BLOCK_LINE = re.compile(r"^::: *([a-z0-9-]+) *$", re.MULTILINE)
BLOCK_PLACEHOLDER = "OMTGUIDEBLOCK{}"
TAG = re.compile(r"<[^>]+>")


class GuideError(OmtError):
    """The guide's sources are missing or invalid, or the guide cannot be written or printed."""


@dataclass(frozen=True)
class Heading:
    """A heading of the guide, as the table of contents lists it."""

    level: int
    anchor: str
    html: str


@dataclass
class Chapter:
    """One rendered chapter: its source file, title, anchor, HTML and headings."""

    source: Path
    html: str
    headings: list[Heading] = field(default_factory=list)

    @property
    def title(self) -> Heading:
        return self.headings[0]


class Anchors:
    """Hands out anchors made from heading text, unique across the whole guide."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self.used: set[str] = set(reserved)

    def new(self, text: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"
        anchor, number = base, 2
        while anchor in self.used:
            anchor, number = f"{base}-{number}", number + 1
        self.used.add(anchor)
        return anchor


class GuideRenderer(HTMLRenderer):
    """Mistune's HTML renderer with escaped raw HTML and an anchor on every heading."""

    def __init__(self, anchors: Anchors):
        super().__init__(escape=True)
        self.anchors = anchors
        self.headings: list[Heading] = []

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        anchor = self.anchors.new(unescape(TAG.sub("", text)))
        self.headings.append(Heading(level, anchor, text))
        return f'<h{level} id="{anchor}">{text}</h{level}>\n'


def chapter_files(source_dir: Path) -> list[Path]:
    """Return the chapter files of `source_dir` in order; raise GuideError when there are none."""
    if not source_dir.is_dir():
        raise GuideError(f"guide sources not found at {source_dir}; give their folder with --source")
    files = sorted(path for path in source_dir.glob("*.md") if CHAPTER_FILE.match(path.name))
    if not files:
        raise GuideError(f"no chapter in {source_dir}: chapters are Markdown files named like 01-stages.md")
    return files


def render_chapter(path: Path, anchors: Anchors, blocks: Mapping[str, str]) -> Chapter:
    """Render one chapter file, inserting the generated `blocks` where its `::: name` lines are."""
    text = path.read_text(encoding="utf-8")
    used = []
    for match in BLOCK_LINE.finditer(text):
        name = match.group(1)
        if name not in blocks:
            line = text.count("\n", 0, match.start()) + 1
            raise GuideError(f"{path.name}, line {line}: unknown block '::: {name}'; "
                             f"known blocks: {', '.join(sorted(blocks))}")
        used.append(name)
    text = BLOCK_LINE.sub(lambda match: BLOCK_PLACEHOLDER.format(used.index(match.group(1))), text)

    renderer = GuideRenderer(anchors)
    markdown = mistune.create_markdown(renderer=renderer, plugins=["table"])
    html = str(markdown(text))
    for index, name in enumerate(used):
        html = html.replace(f"<p>{BLOCK_PLACEHOLDER.format(index)}</p>", blocks[name])

    titles = [heading for heading in renderer.headings if heading.level == 1]
    if len(titles) != 1 or renderer.headings[0].level != 1:
        raise GuideError(f"{path.name} must start with one level-1 heading (# Title) and have no other; "
                         f"found {len(titles)}")
    return Chapter(path, html, renderer.headings)


def render_chapters(source_dir: Path, blocks: Mapping[str, str], anchors: Anchors) -> list[Chapter]:
    """Render every chapter of `source_dir` in order, with anchors unique across the guide."""
    return [render_chapter(path, anchors, blocks) for path in chapter_files(source_dir)]
