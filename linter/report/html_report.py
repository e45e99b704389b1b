"""One self-contained HTML page to hand to the SIS office: totals, findings by rule and by file,
links to each rule's help page, and a filter box. A file lists at most ROWS_PER_CODE findings
of each code, then says how many more there are.

Everything the page needs is inline (its CSS and script live beside this module and are
copied in); a Content-Security-Policy forbids the page to load anything at all. Every piece
of text from the package (file names, column names, messages, values, the origin) goes through
`escape.html_text` (markup escaped, controls and bidi overrides shown as escapes), and the
script only hides rows: it never builds markup from the data.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from importlib.resources import files

from linter import __version__
from linter.findings import Finding, Report, Severity
from linter.report.escape import html_text
from linter.report.locate import DOCS_URL, rule_url, spec_of

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
HIDDEN = ("Cell values are not shown: they may be personal data. Checking with --show-values includes them; "
          "share such a report only with staff allowed to see student records.")
ROWS_PER_CODE = 200  # a page stays quick to open when one problem repeats on every row of a big file
SHOWN = "This report shows cell values, which may be personal data: share it only with staff allowed to see student records."


def render(report: Report, *, show_values: bool = False, origin: str = "", docs_url: str = DOCS_URL, **_: object) -> str:
    title = f"OneRoster check: {html_text(origin) if origin else 'package'}"
    asset = files("linter.report")
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{title}</title>",
        f"<style>\n{asset.joinpath('html_report.css').read_text(encoding='utf-8')}</style>\n</head>\n<body>",
        _header(report, origin),
        f'<p class="privacy{" shown" if show_values else ""}">{escape(SHOWN if show_values else HIDDEN)}</p>',
    ]
    if report.findings:
        parts += [_filter(), _by_rule(report, docs_url), _by_file(report, show_values, docs_url)]
    else:
        parts.append('<p class="clean">No problems found.</p>')
    parts += [f'<footer>oneroster-lint {escape(__version__)} · <a href="{escape(docs_url)}">help site</a></footer>',
              f"<script>\n{asset.joinpath('html_report.js').read_text(encoding='utf-8')}</script>\n</body>\n</html>"]
    return "\n".join(parts) + "\n"


def _header(report: Report, origin: str) -> str:
    totals = "".join(
        f'<div class="total {s.value}"><b>{report.count(s):,}</b> {_noun(report.count(s), s)}</div>' for s in Severity)
    meta = f"OneRoster {escape(report.version or '(version unknown)')} · {len(report.files):,} files · {report.rows:,} rows"
    return (f'<header>\n<h1>OneRoster check <span class="origin">{html_text(origin)}</span></h1>\n'
            f'<p class="meta">{meta}</p>\n<div class="totals">{totals}</div>\n</header>')


def _noun(count: int, severity: Severity) -> str:
    return severity.value if count == 1 or severity is Severity.INFO else severity.value + "s"


def _filter() -> str:
    return ('<div class="filter"><label for="filter">Filter</label>'
            '<input id="filter" type="search" autocomplete="off" spellcheck="false" '
            'placeholder="a file, code, column or word, e.g. users.csv email">'
            '<span id="shown" aria-live="polite"></span></div>\n'
            '<p id="none" class="none" hidden>No finding matches the filter.</p>')


def _by_file(report: Report, show_values: bool, docs_url: str) -> str:
    by_file: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.file, []).append(finding)
    head = "<th>Row</th><th>Column</th><th>Severity</th><th>Code</th><th>Problem and how to fix it</th>"
    head += "<th>Value</th>" if show_values else ""
    out = ['<section id="by-file">\n<h2>Findings by file</h2>']
    for file, findings in by_file.items():
        name = html_text(file) if file else "the package as a whole"
        listed, left = _listed(findings)
        rows = "\n".join([_finding_row(f, name, show_values, docs_url) for f in listed] +
                         [_more_row(code, count, name, 6 if show_values else 5) for code, count in left.items()])
        out.append(f'<section class="file" data-group>\n<h3>{name} <span class="count">{_count(len(findings))}</span></h3>\n'
                   f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</section>")
    return "\n".join(out) + "\n</section>"


def _listed(findings: list[Finding]) -> tuple[list[Finding], Counter[str]]:
    """The findings to list (ROWS_PER_CODE of each code) and how many of each code are left out."""
    listed, shown, left = [], Counter[str](), Counter[str]()
    for finding in findings:
        counter = shown if shown[finding.code] < ROWS_PER_CODE else left
        counter[finding.code] += 1
        if counter is shown:
            listed.append(finding)
    return listed, left


def _more_row(code: str, count: int, file: str, columns: int) -> str:
    return (f'<tr data-finding data-more data-file="{file}"><td class="more" colspan="{columns}">… and {count:,} more {escape(code)} '
            f"findings in this file, not listed here: the CSV and JSON reports list every one.</td></tr>")


def _finding_row(f: Finding, file: str, show_values: bool, docs_url: str) -> str:
    row = str(f.row) if f.row is not None else "—"
    problem = html_text(f.message) + (f'<span class="hint">Fix: {html_text(f.hint)}</span>' if f.hint else "")
    cells = [f'<td class="num">{row}</td>', f"<td>{html_text(f.field) if f.field else '—'}</td>", _severity(f.severity),
             f"<td>{_code(f.code, docs_url)}</td>", f"<td>{problem}</td>"]
    if show_values:
        cells.append(f'<td class="value">{html_text(f.value) if f.value is not None else ""}</td>')
    return f'<tr data-finding data-file="{file}">{"".join(cells)}</tr>'


def _by_rule(report: Report, docs_url: str) -> str:
    by_code: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_code.setdefault(finding.code, []).append(finding)
    rows = []
    for code, findings in sorted(by_code.items(), key=lambda item: (-item[1][0].severity.rank, item[0])):
        spec = spec_of(code)
        in_files: dict[str, int] = {}
        for f in findings:
            in_files[f.file or "package"] = in_files.get(f.file or "package", 0) + 1
        where = ", ".join(f"{html_text(file)} ({n:,})" for file, n in in_files.items())
        rows.append(f'<tr data-finding>{_severity(findings[0].severity)}<td>{_code(code, docs_url)}</td>'
                    f'<td>{escape(spec.title) if spec else ""}</td><td class="num">{len(findings):,}</td><td>{where}</td></tr>')
    head = "<th>Severity</th><th>Code</th><th>Rule</th><th>Findings</th><th>Files</th>"
    return (f'<section id="by-rule" data-group>\n<h2>Findings by rule</h2>\n<table>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</section>")


def _severity(severity: Severity) -> str:
    return f'<td><span class="badge {severity.value}">{severity.value}</span></td>'


def _code(code: str, docs_url: str) -> str:
    spec = spec_of(code)
    title = f' title="{escape(spec.name)}"' if spec else ""
    return f'<a class="code" href="{escape(rule_url(code, docs_url))}"{title}>{escape(code)}</a>'


def _count(n: int) -> str:
    return f"{n:,} finding{'s' if n != 1 else ''}"
