"""The good-tutoring guide: Markdown chapters and a funding map (docs/guide/) built to HTML and PDF.

`build_guide` is the entry point; `omt guide build` calls it. The modules follow the build:
`funding` reads and validates the funding map, `figures` draws from the demo exchange, `blocks`
turns both into HTML, `chapters` renders the Markdown, `page` assembles one self-contained page
and `pdf` prints it with Chromium.
"""

from omt.tools.guide.builder import FORMATS, build_guide, render_guide
from omt.tools.guide.chapters import GuideError
from omt.tools.guide.funding import FundingMapError, load_funding_map, validate_entries

__all__ = ["FORMATS", "FundingMapError", "GuideError", "build_guide", "load_funding_map",
           "render_guide", "validate_entries"]
