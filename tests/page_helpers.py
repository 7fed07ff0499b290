"""Finding widgets and text on a page built by the forms, the survey or the board, in unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as widgets


def descendants(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    """Yield the widget and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def find(widget: widgets.Widget, css_class: str) -> widgets.Widget | None:
    """Return the first widget of the page, depth first, that has `css_class`, or None."""
    return next((found for found in descendants(widget) if css_class in found._dom_classes), None)


def page_text(page: widgets.Widget) -> str:
    """Return the text of every HTML widget of the page, in order."""
    return "\n".join(widget.value for widget in descendants(page) if isinstance(widget, widgets.HTML))
