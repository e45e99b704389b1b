"""Report formats: each module renders a Report into one string, and never prints."""

from linter.report import csv_report, github, html_report, json_report, junit, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "csv": csv_report.render,
    "html": html_report.render,
}
