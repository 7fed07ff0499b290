"""2IQM Online Mentoring Tool: tutoring of international youth volunteers.

Subpackages: `omt.store` (the shared store), `omt.widgets` (ipywidgets for forms and exercises),
`omt.tools` (command line, demo data and report batches).
"""

from omt.errors import OmtError

__version__ = "0.1.0"
__all__ = ["OmtError", "__version__"]
