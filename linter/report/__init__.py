"""Report formats: each module renders a Report into one string, and never prints."""

from linter.report import json_report, text

FORMATS = {"text": text.render, "json": json_report.render}
