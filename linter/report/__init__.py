"""Report formats: each module renders a Report into one string, and never prints. The formats
that list every finding also stream it in pieces (STREAMS), so that writing a report with a
million findings does not hold it whole in memory."""

from collections.abc import Callable, Iterator

from linter.report import csv_report, github, html_report, json_report, junit, sarif, text

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "csv": csv_report.render,
    "html": html_report.render,
}

STREAMS: dict[str, Callable[..., Iterator[str]]] = {"json": json_report.stream, "sarif": sarif.stream, "csv": csv_report.stream, "junit": junit.stream,
                                                   "github": github.stream}


def stream(output_format: str) -> Callable[..., Iterator[str]]:
    """The format's renderer as a stream of pieces (a single piece for a format that aggregates)."""
    if output_format in STREAMS:
        return STREAMS[output_format]
    return lambda report, **options: iter([FORMATS[output_format](report, **options)])
