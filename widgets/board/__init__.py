"""The coordination board: where each placement stands, what is due, and its timeline.

Modules, one per concept:

- `rows`: the placements a viewer may see and one summary row per placement (tested functions);
- `timeline`: every submission of one placement, oldest first;
- `next_steps`: a volunteer's, mentor's or task supervisor's own next steps;
- `charts`: the stage bar chart and the wellbeing sparkline, as HTML and SVG;
- `cards`: one card per placement, with its timeline shown on request;
- `app`: the board as a Voilà app, with the language switch and its filters.
"""

from omt.widgets.board.app import BoardView, show_board, show_board_page
from omt.widgets.board.rows import BoardRow, board_rows, filter_rows, visible_placements
from omt.widgets.board.timeline import TimelineEntry, placement_timeline

__all__ = ["BoardRow", "BoardView", "TimelineEntry", "board_rows", "filter_rows", "placement_timeline",
           "show_board", "show_board_page", "visible_placements"]
