"""Template notebooks of the reports, shipped as package data.

A report template has exactly one code cell tagged `parameters`, which papermill replaces.
"""
