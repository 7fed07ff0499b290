"""Placement reports: a template notebook run per placement and exported to self-contained HTML.

`content` reads a report's facts from the store, `render` turns them into escaped HTML and a chart,
`export` makes the HTML page, `builder` runs a batch and `index` lists its results. The template is
`templates/placement_report.ipynb`; `omt reports build` is the command line.
"""
