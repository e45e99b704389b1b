"""Turns one file's bytes into a table of strings: encoding, line endings, quoting, ragged rows.

Well-formed files (nearly all) take the fast path: a column-wise structural check on the raw
lines, then polars parses the whole file at once. A file that fails the check is parsed
record by record with the csv module so every problem gets an exact row number; that slower
path only ever runs on files that are already broken.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from linter import baseline
from linter.engine.encoding import guess_encoding
from linter.findings import Finding, Severity
from linter.registry import Basis, declare, finding

ROW = "__row"  # column holding the CSV row number (header = 1)
BOM = b"\xef\xbb\xbf"
BLANK = " \t"  # a row whose cells hold nothing but these is a blank row, on both parsing paths

P101 = declare(
    code="P101", name="not-utf8", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: files are UTF-8 (RFC 3629)",
    title="The file is not UTF-8",
    why="OneRoster files are UTF-8. Read as UTF-8, names such as Renée or José arrive garbled or the upload is rejected.",
    fix="Export again as 'CSV UTF-8', or re-save the file with UTF-8 encoding.",
    bad={"users.csv": baseline.text("users.csv").replace("María", "Renée").encode("cp1252")},
    good={},
)
P102 = declare(
    code="P102", name="utf8-bom", severity=Severity.INFO, basis=Basis.PRACTICE,
    clause="CSV Binding 1.2.1 §3: importers must accept and ignore a UTF-8 byte-order mark; a few older ones do not",
    title="The file starts with a byte-order mark",
    why="Excel's 'CSV UTF-8' writes an invisible byte-order mark at the start of the file. The binding tells importers to accept and "
        "ignore it, so the file is fine; only an old importer reads it as part of the first column's name.",
    fix="Nothing to change for a conformant consumer. Only if yours rejects the first column, save the file as UTF-8 without a "
        "byte-order mark (in a text editor, 'UTF-8' rather than 'UTF-8 with BOM'); keep the encoding UTF-8 either way.",
    bad={"enrollments.csv": b"\xef\xbb\xbf" + b"sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\ne1,,,alg1-p1,sch,t1,teacher,true,,\ne2,,,alg1-p1,sch,s1,student,false,,\ne3,,,alg1-p1,sch,s2,student,false,,\n"},
    good={},
)
P103 = declare(
    code="P103", name="line-endings", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="RFC 4180 §2 ends lines with CRLF; LF alone is widely accepted, a bare CR or a mix is not",
    title="The file mixes line endings or ends lines with a bare carriage return",
    why="Old Mac (CR) or mixed line endings make some consumers read the whole file as one row.",
    fix="Save the file with one kind of line ending (LF or CRLF) throughout.",
    bad={"orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\rdist,,,Lakeside District,district,,\rsch,,,Lakeside High,school,0042,dist\r"},
    good={"orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ndist,,,Lakeside District,district,,\r\nsch,,,Lakeside High,school,0042,dist\r\n"},
)
P104 = declare(
    code="P104", name="missing-cells", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="RFC 4180 §2, rule 4, and CSV Binding 1.2.1 §3: every row has the columns of the header", frictionless_error="missing-cell",
    title="A row has fewer cells than the header",
    why="Every value after the gap lands in the wrong column, or the consumer rejects the row.",
    fix="Give the row one cell per column; leave empty cells empty but keep their commas.",
    bad={"enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\ne1,,,alg1-p1,sch,t1,teacher,true,,\ne2,,,alg1-p1,sch,s1,student,false\ne3,,,alg1-p1,sch,s2,student,false,,\n"},
    good={},
)
P105 = declare(
    code="P105", name="extra-cells", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="RFC 4180 §2, rule 4, and CSV Binding 1.2.1 §3: every row has the columns of the header", frictionless_error="extra-cell",
    title="A row has more cells than the header",
    why="Usually an unquoted comma inside a value (a name like 'Garcia, Jr.'): every value after it shifts one column.",
    fix="Quote values that contain commas (\"Garcia, Jr.\"), or remove the stray comma.",
    bad={"users.csv": "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\nt1,,,true,sch,teacher,mrivera,,María,Rivera, Jr.,,T100,mrivera@lakeside.example,,,,,\ns1,,,true,sch,student,aokafor,,Ada,Okafor,,S200,aokafor@lakeside.example,,,p1,09,\ns2,,,true,sch,student,lchen,,Li,Chen,,S201,,,,,09,\np1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,nokafor@mail.example,,,s1,,\n"},
    good={},
)
P106 = declare(
    code="P106", name="bad-quoting", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="RFC 4180 §2, rules 5 to 7: a field with a comma, quote or line break is quoted, a quote inside it is doubled, and an unquoted field holds no quote",
    title="Quotes in the file are unbalanced or misplaced",
    why="An unclosed quote swallows the following rows into one cell; consumers reject the file or lose rows.",
    fix="Quote whole cells only, and double any quote inside a quoted cell (\"\"). Check the row named for a stray quote.",
    bad={"orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ndist,,,\"Lakeside District,district,,\nsch,,,Lakeside High,school,0042,dist\n"},
    good={"orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ndist,,,\"Lakeside District, \"\"North\"\"\",district,,\nsch,,,Lakeside High,school,0042,dist\n"},
)
P107 = declare(
    code="P107", name="blank-row", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="RFC 4180 reads a blank line as a row of one empty cell; some consumers stop reading at it", frictionless_error="blank-row",
    title="A row is blank",
    why="Blank rows are usually harmless leftovers, but some consumers stop reading at the first one.",
    fix="Delete the blank rows.",
    bad={"courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n\nalg1,,,y2026,Algebra I,MA101,09,sch,Math,\n"},
    good={},
)
P108 = declare(
    code="P108", name="empty-file", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: every file has a header row",
    title="The file is empty: it has no header row",
    why="Every OneRoster file starts with its header row, even when it has no data rows.",
    fix="Export the file again; a file with no data still needs its header row, or mark it absent in the manifest and leave it out.",
    bad={"courses.csv": ""},
    good={},
)
P109 = declare(
    code="P109", name="binary-content", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: files are UTF-8 text",
    title="The file holds binary data, not text",
    why="NUL bytes mean the file is not a CSV at all (a spreadsheet saved under a .csv name, or a damaged copy).",
    fix="Export the file again as CSV; in Excel use Save As, 'CSV UTF-8'.",
    bad={"courses.csv": b"PK\x03\x04\x00\x00\x08\x00binary\x00\x00"},
    good={},
)
P110 = declare(
    code="P110", name="cell-too-long", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Common CSV readers refuse a cell over 131,072 characters (CSV Binding 1.2.1 §3 asks importers to support 255)",
    title="A cell is longer than 131,072 characters",
    why="Common CSV readers (Python's csv module among them) refuse a cell this long, and no OneRoster value is: it is almost always damage, such as an unclosed quote or pasted binary data.",
    fix="Find the cell named and shorten or remove it; look for a stray quote just before it.",
    bad={"courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\nalg1,,,y2026," + "Algebra I " * 13108 + ",MA101,09,sch,Math,\n"},
    good={"courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\nalg1,,,y2026," + "Algebra I " * 13107 + ",MA101,09,sch,Math,\n"},
)

P111 = declare(
    code="P111", name="carriage-return-in-cell", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: RFC 4180 with one restriction, no carriage return inside a field",
    title="A cell holds a carriage return",
    why="The binding forbids carriage returns inside a field: a line break typed into a cell (Alt+Enter in Excel, saved with Windows line endings) "
        "is read by strict consumers as the end of the row, and every later value shifts.",
    fix="Remove the line break from the cell in the SIS (or replace it with a space), then export again.",
    bad={"orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ndist,,,\"Lakeside\r\nDistrict\",district,,\r\nsch,,,Lakeside High,school,0042,dist\r\n"},
    good={"orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ndist,,,\"Lakeside, District\",district,,\r\nsch,,,Lakeside High,school,0042,dist\r\n"},
)

MAX_CELL = 131_072  # characters; the csv module's default limit, so that is what importers inherit
# The careful path must read a longer cell in order to report it (and the rest of the file), so
# the process-wide limit of the csv module is raised once, never lowered: a larger limit only
# lets other csv users in the process read more. (A C long: 2**31 - 1 fits on every platform.)
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass
class ParsedFile:
    header: list[str]
    frame: pl.DataFrame  # positional columns c0..cN-1 as strings ("" when empty), plus ROW
    findings: list[Finding] = field(default_factory=list)
    complete: bool = True  # False when reading stopped early: rows after the damage are missing

    def first_line_as_row(self, header: list[str]) -> ParsedFile:
        """The file with its first line read as data (row 1) under `header`, one name per cell of
        that line: for a first line that was never a header."""
        columns = [f"c{i}" for i in range(len(header))]
        top = pl.DataFrame([[cell] for cell in self.header] + [[1]], schema={**dict.fromkeys(columns, pl.String), ROW: self.frame.schema[ROW]})
        return ParsedFile(list(header), pl.concat([top, self.frame.select(*columns, ROW)]), self.findings, self.complete)


def parse(name: str, raw: bytes) -> ParsedFile:
    findings: list[Finding] = []
    data = _strip_bom_and_utf16(name, raw, findings)
    if data is None:
        return ParsedFile([], _empty_frame(0), findings, complete=False)
    quoted = b'"' in data  # asked once: for a file without quotes it is a scan of every byte
    bare_cr = _check_line_endings(name, data, findings, quoted)
    if not re.search(rb"[^\r\n]", data):
        findings.append(finding("P108", name))
        return ParsedFile([], _empty_frame(0), findings, complete=False)
    parsed = None if bare_cr else _fast_parse(data, quoted)
    if parsed is None:
        parsed = _careful_parse(name, _decode(name, data, findings))
    parsed.findings[:0] = findings
    if quoted and b"\r" in data:  # only a quoted cell can hold a carriage return
        parsed.findings += _carriage_returns(name, parsed)
    if len(data) > MAX_CELL:  # only a file this big can hold a cell this long
        parsed.findings += _long_cells(name, parsed)
    return parsed


def _carriage_returns(name: str, parsed: ParsedFile) -> list[Finding]:
    columns = [c for c in parsed.frame.columns if c != ROW]
    if not columns:
        return []
    holds = parsed.frame.select(pl.col(columns).str.contains("\r", literal=True).any()).row(0)  # one parallel pass
    found = []
    for column in (c for c, hit in zip(columns, holds, strict=True) if hit):
        rows = parsed.frame.filter(pl.col(column).str.contains("\r", literal=True)).get_column(ROW).to_list()
        label = parsed.header[int(column[1:])].strip() or None
        found += [finding("P111", name, row=row, field=label, message="the cell holds a carriage return (a line break inside the cell)") for row in rows]
    return found


def _long_cells(name: str, parsed: ParsedFile) -> list[Finding]:
    """P110 for each cell (header included) longer than MAX_CELL characters. Byte lengths are
    free in polars and never less than the characters, so only suspect columns are measured."""
    found = [finding("P110", name, row=1, message=f"the name of column {position + 1} is {len(label):,} characters long")
             for position, label in enumerate(parsed.header) if len(label) > MAX_CELL]
    columns = [c for c in parsed.frame.columns if c != ROW]
    if not columns or parsed.frame.is_empty():
        return found
    most_bytes = parsed.frame.select(pl.col(columns).str.len_bytes().max()).row(0)
    for column, size in zip(columns, most_bytes, strict=True):
        if size <= MAX_CELL:
            continue
        label = parsed.header[int(column[1:])].strip()
        field = label if 0 < len(label) <= MAX_CELL else None  # a name that long was reported above
        long = parsed.frame.select(ROW, pl.col(column).str.len_chars().alias("chars")).filter(pl.col("chars") > MAX_CELL)
        found += [finding("P110", name, row=row, field=field, message=f"the cell is {chars:,} characters long") for row, chars in long.iter_rows()]
    return found


def _strip_bom_and_utf16(name: str, raw: bytes, findings: list[Finding]) -> bytes | None:
    """The bytes without a BOM, UTF-16 converted to UTF-8; None for binary content."""
    if raw.startswith(BOM):
        findings.append(finding("P102", name))
        raw = raw[len(BOM) :]
    encoding = _utf16(raw)
    if encoding:
        text = raw.decode(encoding, errors="replace")
        if "\x00" not in text:  # still NUL once decoded: it was binary, not UTF-16 text
            how = "UTF-16" if encoding == "utf-16" else "UTF-16 without a byte-order mark"
            findings.append(finding("P101", name, message=f"the file is {how}, not UTF-8"))
            return text.encode("utf-8")
    if b"\x00" in raw:
        findings.append(finding("P109", name, row=raw[: raw.index(b"\x00")].count(b"\n") + 1))
        return None
    return raw


def _utf16(raw: bytes) -> str | None:
    """The codec when the bytes are UTF-16: a BOM, or (without one) text whose characters are
    mostly ASCII, so that one byte of each pair is zero and the other is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:4000]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * pairs and even < 0.1 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.1 * pairs:
        return "utf-16-be"
    return None


def _decode(name: str, data: bytes, findings: list[Finding]) -> io.TextIOWrapper:
    """Lines of text for the careful path, decoded as they are read, so the file is never held
    twice. A file that is not UTF-8 is reported and read in the encoding it most likely has, so
    the rest of it can still be checked."""
    codec = "utf-8"
    bad = _first_invalid_utf8(data)
    if bad is not None:
        line = data[:bad].count(b"\n") + 1
        guess, codec = guess_encoding(data)
        findings.append(finding("P101", name, row=line, message=f"the file is not UTF-8 (it looks like {guess}); the first bad byte is on line {line}"))
    return io.TextIOWrapper(io.BytesIO(data), encoding=codec, errors="replace", newline="")


def _first_invalid_utf8(data: bytes, step: int = 1 << 20) -> int | None:
    """The offset of the first byte that is not UTF-8, checked a megabyte at a time."""
    decoder, view = codecs.getincrementaldecoder("utf-8")(), memoryview(data)
    for start in range(0, len(data), step):
        held = len(decoder.getstate()[0])  # the start of a character cut at the last step
        try:
            decoder.decode(view[start:start + step], final=start + step >= len(data))
        except UnicodeDecodeError as error:
            return start - held + error.start
    return None


def _check_line_endings(name: str, data: bytes, findings: list[Finding], quoted: bool) -> bool:
    """Report bare CRs and mixed endings (consistent CRLF is RFC 4180's own line ending, so it
    is fine); True when a bare CR is present: the careful path reads those, polars does not."""
    if b"\r" not in data:
        return False
    crlf, bare_cr, bare_lf = _count_line_endings(data)
    careful = bare_cr > 0
    if quoted and (bare_cr or bare_lf):
        # A line break inside a quoted cell (Alt+Enter in Excel) is content, not a line ending.
        crlf, bare_cr, bare_lf = _count_line_endings(re.sub(rb'"[^"]*"', b"", data))
    if bare_cr and (bare_lf or crlf):
        findings.append(finding("P103", name, message="the file mixes line endings (CR, LF, CRLF)"))
    elif bare_cr:
        findings.append(finding("P103", name, message="lines end with a bare carriage return (old Mac style)"))
    elif crlf and bare_lf:
        findings.append(finding("P103", name, message="the file mixes LF and CRLF line endings"))
    return careful


def _count_line_endings(data: bytes) -> tuple[int, int, int]:
    """(CRLF, bare CR, bare LF)"""
    crlf = data.count(b"\r\n")
    return crlf, data.count(b"\r") - crlf, data.count(b"\n") - crlf


def _fast_parse(data: bytes, quoted: bool | None = None) -> ParsedFile | None:
    """Let polars parse the whole file, then prove that it read what the csv module would: a
    long row makes polars fail and a short row is padded silently, so the commas in the file
    must add up to exactly (columns - 1) per data row plus the commas inside cells; the quotes
    must be strictly placed; and blank rows must be found. None sends the file to the careful
    path. (A property test holds the two paths to the same cells.)"""
    end = data.find(b"\n")
    first_line = data if end < 0 else data[:end]
    if b'"' in first_line or not first_line.removeprefix(BOM).rstrip(b"\r"):
        return None  # polars skips a BOM and a blank first line, then takes the next line for the header
    try:
        header = first_line.decode("utf-8").rstrip("\r").split(",")
    except UnicodeDecodeError:
        return None
    width = len(header)
    quoted = b'"' in data if quoted is None else quoted
    if not data.endswith(b"\n"):
        data += b"\n"  # polars forgives a stray quote or an extra cell on a last line left open
    try:
        frame = pl.read_csv(data, has_header=True, infer_schema=False, empty_string_is_null=False,
                            new_columns=[f"c{i}" for i in range(width)], raise_if_empty=False)
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException, UnicodeDecodeError):
        return None  # not UTF-8, quoting polars cannot read, or a bug in polars: the careful path says where
    columns = [f"c{i}" for i in range(width)]
    if frame.width != width:
        return None
    if sum(frame.null_count().row(0)):
        frame = frame.with_columns(pl.col(columns).fill_null(""))
    # Commas inside cells can only come with quotes; a file without quotes has none.
    inside = frame.select(pl.sum_horizontal(pl.col(columns).str.count_matches(",", literal=True).sum())).item() if quoted and frame.height else 0
    if data.count(b",") - first_line.count(b",") != frame.height * (width - 1) + inside:
        return None
    if quoted and not _strictly_quoted(data):
        return None
    maybe_blank = frame.filter(pl.col("c0").str.strip_chars(BLANK) == "")
    if not maybe_blank.is_empty() and maybe_blank.select(pl.all_horizontal(pl.col(columns).str.strip_chars(BLANK) == "").any()).item():
        return None
    frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    return ParsedFile(header, frame)


def _strictly_quoted(data: bytes) -> bool:
    """True when every quote opens a cell, closes one, or is doubled inside one (RFC 4180), as
    the csv module and strict consumers require; polars reads a badly quoted cell leniently
    (`"Robert "Bob" Smith"` becomes `Robert Bob Smith`). Split at the quotes, the odd pieces are
    inside quoted cells; each even piece lies between a closing and an opening quote, so it is
    empty (a doubled quote) or starts and ends at a comma or a line break."""
    pieces = data.split(b'"')
    if len(pieces) % 2 == 0:  # an odd number of quotes: a quoted cell never closes
        return False
    first, last = pieces[0], pieces[-1]
    if (first and first[-1:] not in (b",", b"\n")) or (len(pieces) > 1 and last and last[:1] not in (b",", b"\r", b"\n")):
        return False
    return all(not piece or (piece[:1] in (b",", b"\r", b"\n") and piece[-1:] in (b",", b"\n")) for piece in pieces[2:-1:2])


class _Tap:
    """The lines the csv reader consumes, kept until taken: the raw text of the last record."""

    def __init__(self, text: str | Iterable[str]) -> None:
        self.lines = iter(io.StringIO(text, newline="") if isinstance(text, str) else text)
        self.taken: list[str] = []

    def __iter__(self) -> _Tap:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw, self.taken = "".join(self.taken), []
        return raw


def _bare_quote(raw: str) -> bool:
    """True when a quote stands inside a cell that does not start with one (`ab"c`), which
    RFC 4180 forbids and the csv module reads as a plain character."""
    quoted, at_start, position = False, True, 0
    while position < len(raw):
        char = raw[position]
        if quoted:
            if char == '"':
                if raw[position + 1 : position + 2] == '"':
                    position += 1
                else:
                    quoted = False
        elif char == '"':
            if not at_start:
                return True
            quoted = True
        at_start = not quoted and char in ",\r\n"
        position += 1
    return False


CHUNK_ROWS = 10_000  # rows held as Python lists before they become a polars frame: bounds the careful path's memory


def _careful_parse(name: str, text: str | Iterable[str]) -> ParsedFile:
    """Read record by record with the csv module, which says where a file breaks. `text` is a
    stream of lines (or the whole text); rows go into polars every CHUNK_ROWS, so Python lists never hold the file."""
    findings: list[Finding] = []
    tap = _Tap(text)
    records = csv.reader(tap, strict=True)
    header: list[str] = []
    rows: list[list[str]] = []
    numbers: list[int] = []
    chunks: list[pl.DataFrame] = []
    row = 0
    complete = True
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as error:
            complete = False
            if "field larger than field limit" in str(error):  # past the raised limit: gigabytes in one cell
                findings.append(finding("P110", name, row=row + 1, message="a cell is too long to read at all; the rest of the file was not read"))
            else:
                findings.append(finding("P106", name, row=row + 1, message=f"quotes are unbalanced or misplaced from row {row + 1} on; the rest of the file was not read"))
            break
        row += 1
        raw = tap.take()
        if '"' in raw and _bare_quote(raw):  # a few suspect records of a file that is broken already
            findings.append(finding("P106", name, row=row, message="a quote stands inside a cell that is not quoted",
                                    hint='quote the whole cell and double the quote inside it: "Robert ""Bob"" Smith"'))
        if row == 1:
            header = record or [""]  # a blank line is one empty field (RFC 4180), as polars reads it
            continue
        if not any(cell.strip(BLANK) for cell in record):
            findings.append(finding("P107", name, row=row))
            continue
        width = len(header)
        if len(record) < width:
            findings.append(finding("P104", name, row=row, message=f"the row has {len(record)} cells, the header has {width}"))
            record = record + [""] * (width - len(record))
        elif len(record) > width:
            findings.append(finding("P105", name, row=row, message=f"the row has {len(record)} cells, the header has {width}"))
            record = record[:width]
        rows.append(record)
        numbers.append(row)
        if len(rows) == CHUNK_ROWS:
            chunks.append(_frame(len(header), rows, numbers))
            rows, numbers = [], []
    chunks.append(_frame(len(header), rows, numbers))
    return ParsedFile(header, pl.concat(chunks, rechunk=False) if len(chunks) > 1 else chunks[0], findings, complete=complete)


def _frame(width: int, rows: list[list[str]], numbers: list[int]) -> pl.DataFrame:
    columns = {f"c{i}": [r[i] for r in rows] for i in range(width)}
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)).with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))


def _empty_frame(width: int) -> pl.DataFrame:
    schema = {f"c{i}": pl.String for i in range(width)} | {ROW: pl.Int64}
    return pl.DataFrame(schema=schema)
