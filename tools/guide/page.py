"""The guide as one self-contained HTML page: styles inline, images as data URLs, nothing to load.

`external_references` lists every URL in the page that does not point inside it. The builder
rejects a page that has any, so the guide reads the same offline and prints without the network.
"""

from __future__ import annotations

import re
from html import escape

from omt.tools.guide.chapters import Chapter

GUIDE_TITLE = "Good tutoring of international volunteers"
GUIDE_SUBTITLE = "A practical guide for youth workers of sending, hosting and coordinating organisations"
TOC_ANCHOR = "contents"

# The fonts are named because Chromium's generic sans-serif is one font: Thai and Vietnamese text
# must find a font that has their glyphs (Debian: fonts-noto-core, fonts-thai-tlwg).
CSS = """
:root { --accent: #2f6f8f; --note: #fff6dd; --note-border: #d9a400; --rule: #c8d3da; }
html { font-family: "Noto Sans", "DejaVu Sans", "Noto Sans Thai", "Loma", "Garuda", sans-serif;
  font-size: 11pt; line-height: 1.5; color: #1d1d1d; }
body { max-width: 48em; margin: 2em auto; padding: 0 1.5em; }
h1, h2, h3 { line-height: 1.25; color: #17384a; }
h1 { font-size: 1.7em; border-bottom: 2px solid var(--accent); padding-bottom: 0.2em; margin-top: 2.2em; }
h2 { font-size: 1.3em; margin-top: 1.8em; }
h3 { font-size: 1.08em; margin-top: 1.4em; }
a { color: var(--accent); }
.title-page h1 { font-size: 2.2em; border: none; margin-top: 0.5em; }
.title-page .subtitle { font-size: 1.2em; color: #444; }
.title-page .about { color: #444; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.6em; font-size: 0.95em; }
nav.toc li { margin: 0.2em 0; }
nav.toc > ol > li { margin-top: 0.6em; font-weight: 600; }
nav.toc > ol > li li { font-weight: normal; }
blockquote { background: var(--note); border-left: 4px solid var(--note-border); margin: 1em 0;
  padding: 0.4em 1em; }
blockquote p { margin: 0.4em 0; }
p.check { background: var(--note); border-left: 4px solid var(--note-border); padding: 0.3em 0.8em; }
table { border-collapse: collapse; margin: 1em 0 1.6em; width: 100%; font-size: 0.92em; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.4em; color: #17384a; }
th, td { border: 1px solid var(--rule); padding: 0.35em 0.55em; text-align: left; vertical-align: top; }
thead th { background: #e8f0f4; }
tbody th { background: #f5f8fa; }
td.status-eligible { background: #eaf6ea; }
td.status-check { background: var(--note); }
.funding-entry { border-top: 1px solid var(--rule); margin-top: 1em; }
.funding-entry dl { display: grid; grid-template-columns: 12em 1fr; gap: 0.2em 1em; margin: 0.5em 0; }
.funding-entry dt { font-weight: 600; }
.funding-entry dd { margin: 0; }
figure.chart { margin: 1.2em 0; }
figure.chart img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; background: #f1f3f4; padding: 0 0.2em; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  section.chapter { break-before: page; }
  section.chapter > h1:first-child { margin-top: 0; }
  nav.toc { break-before: page; }
  h1, h2, h3, caption { break-after: avoid; }
  tr, figure, blockquote, p.check, .funding-entry dl { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""

# A URL in an attribute or in CSS that does not point inside the page: anything but "#anchor"
# and base64 images.
_ATTRIBUTE_URL = re.compile(r"""\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?([^"'\s>]*)""",
                            re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]*)|@import""", re.IGNORECASE)
_INTERNAL = re.compile(r"^(?:#[\w-]*|data:image/png;base64,[A-Za-z0-9+/=]+)$")
_WEB_ADDRESS = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+", re.IGNORECASE)


def external_references(html: str) -> list[str]:
    """Return every URL in `html` that points outside the page, and any web address in its text."""
    found = [match.group(1) for match in _ATTRIBUTE_URL.finditer(html) if not _INTERNAL.match(match.group(1))]
    found += [match.group(0) for match in _CSS_URL.finditer(html)
              if match.group(0) == "@import" or not _INTERNAL.match(match.group(1) or "")]
    found += [match.group(0)[:80] for match in _WEB_ADDRESS.finditer(html)]
    return found


def table_of_contents(chapters: list[Chapter]) -> str:
    """Return the table of contents: each chapter, with its level-2 sections beneath it."""
    items = []
    for chapter in chapters:
        sections = "".join(f'<li><a href="#{heading.anchor}">{heading.html}</a></li>'
                           for heading in chapter.headings if heading.level == 2)
        nested = f"<ol>{sections}</ol>" if sections else ""
        items.append(f'<li><a href="#{chapter.title.anchor}">{chapter.title.html}</a>{nested}</li>')
    return (f'<nav class="toc" aria-labelledby="{TOC_ANCHOR}">\n<h2 id="{TOC_ANCHOR}">Contents</h2>\n'
            f"<ol>\n{chr(10).join(items)}\n</ol>\n</nav>\n")


def guide_page(chapters: list[Chapter], about: str) -> str:
    """Return the whole guide as one HTML document; `about` is plain text under the title."""
    body = "\n".join(f'<section class="chapter">\n{chapter.html}</section>' for chapter in chapters)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(GUIDE_TITLE)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<header class="title-page">\n'
        f'<p class="project">2IQM Online Mentoring Tool</p>\n<h1>{escape(GUIDE_TITLE)}</h1>\n'
        f'<p class="subtitle">{escape(GUIDE_SUBTITLE)}</p>\n'
        f'<p class="about">{escape(about)}</p>\n</header>\n'
        f"{table_of_contents(chapters)}{body}\n</body>\n</html>\n"
    )
