"""Property-based tests: random damage to a valid package (cells, headers, bytes, line endings,
quoting, encodings, files) never crashes the linter, always gives valid JSON on the command
line, gives the same findings in the same order every time, and reads a zip as it reads the
same files in a folder."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import baseline
from linter.engine.csvfile import _careful_parse, _fast_parse
from tests.conftest import cli
from tests.corpus import write_zip

SETTINGS = settings(max_examples=100, deadline=timedelta(seconds=10), database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow])

VERSIONS = ("1.1", "1.2")
FILES = {version: {f.name: f.read_bytes() for f in sorted(baseline.folder(version).iterdir())} for version in VERSIONS}

CELLS = st.one_of(
    st.sampled_from(["", " ", "true", "TRUE", "Yes", "2025-02-30", "8/15/2025", "2025-13-01", "1.23E+05", "tobedeleted",
                     "active", "student", "teacher", "parent", "sch", "dist", "alg1-p1", "s1", "t1", "p1", "y2026", "fall",
                     "09", "9", "KG", "09,10", "sch;dist", "=1+1", "\ufeffx", "a" * 300, "x@y", "bulk", "delta", "1.2"]),
    st.text(alphabet='abcXYZ0129 ,;"\'\r\n\t-:.T/Zé中\u2028\x00', max_size=12),
)
LABELS = st.one_of(st.sampled_from(["sourcedId", "SourcedId", "status", "metadata.x", "", " title", "value", "grades", "role"]),
                   st.text(alphabet="abcXYZ01 ._-\"", max_size=8))
PAYLOADS = st.one_of(st.sampled_from([b"\x00", b"\xff", b'"', b"\r", b"\n", b"\r\n", b",", b"\xef\xbb\xbf", b"\xc3", b'""', b"\t"]),
                     st.binary(min_size=1, max_size=6))


def files_of(version: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(FILES[version]))


@st.composite
def mutation(draw, version: str) -> tuple:
    """One piece of damage, as a readable tuple; positions are taken modulo the file's size."""
    file = draw(files_of(version))
    n = st.integers(0, 10_000)
    kind = draw(st.sampled_from(["cell", "header", "column", "bytes", "endings", "quoting", "encoding", "file"]))
    if kind == "cell":
        return ("cell", file, draw(n), draw(n), draw(CELLS))
    if kind == "header":
        return ("header", file, draw(n), draw(st.sampled_from(["rename", "blank", "upper", "pad", "copy"])), draw(LABELS))
    if kind == "column":
        return ("column", file, draw(n), draw(n), draw(st.sampled_from(["drop", "swap", "add"])))
    if kind == "bytes":
        return ("bytes", file, draw(n), draw(st.sampled_from(["insert", "replace", "delete", "truncate"])), draw(PAYLOADS))
    if kind == "endings":
        return ("endings", file, draw(st.sampled_from(["crlf", "cr", "mixed", "none at end", "blank lines"])))
    if kind == "quoting":
        return ("quoting", file, draw(n), draw(st.sampled_from(["all", "stray", "open"])))
    if kind == "encoding":
        return ("encoding", file, draw(st.sampled_from(["bom", "cp1252", "utf-16", "utf-16-le"])))
    return ("file", file, draw(st.sampled_from(["drop", "empty", "rename case", "stray copy"])))


# Structural damage (rewriting rows) comes before byte-level damage, which could make rows unreadable.
ORDER = ["cell", "header", "column", "quoting", "endings", "bytes", "encoding", "file"]


@st.composite
def damaged(draw) -> tuple[str, list[tuple]]:
    version = draw(st.sampled_from(VERSIONS))
    mutations = draw(st.lists(mutation(version), min_size=1, max_size=4))
    return version, sorted(mutations, key=lambda m: ORDER.index(m[0]))


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline="")))


def csv_bytes(rows: list[list[str]], quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=quoting).writerows(rows)
    return out.getvalue().encode("utf-8")


def apply(files: dict[str, bytes], damage: tuple) -> None:
    kind, file, *args = damage
    if file not in files:
        return
    data = files[file]
    quote_all = kind == "quoting" and args[1] == "all"
    rows = rows_of(data) if kind in ("cell", "header", "column") or quote_all else []
    if kind == "cell" and len(rows) > 1:
        row = rows[1 + args[0] % (len(rows) - 1)]
        if row:
            row[args[1] % len(row)] = args[2]
    elif kind == "header" and rows and rows[0]:
        position, how, label = args[0] % len(rows[0]), args[1], args[2]
        header = rows[0]
        header[position] = {"rename": label, "blank": "", "upper": header[position].upper(), "pad": f" {header[position]} ",
                            "copy": header[(position + 1) % len(header)]}[how]
    elif kind == "column" and rows and rows[0]:
        width = len(rows[0])
        i, j = args[0] % width, args[1] % width
        for row in rows:
            if args[2] == "drop" and i < len(row):
                del row[i]
            elif args[2] == "swap" and max(i, j) < len(row):
                row[i], row[j] = row[j], row[i]
            elif args[2] == "add":
                row.append("metadata.extra" if row is rows[0] else "x")
    if rows:
        files[file] = csv_bytes(rows, csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    elif kind == "quoting":
        at = args[0] % (len(data) + 1)
        files[file] = data[:at] + b'"' + data[at:] if args[1] == "stray" else data[:at] + b',"' + data[at:]
    elif kind == "endings":
        how = args[0]
        files[file] = {"crlf": data.replace(b"\n", b"\r\n"), "cr": data.replace(b"\n", b"\r"), "mixed": data.replace(b"\n", b"\r\n", 2),
                       "none at end": data.rstrip(b"\n"), "blank lines": data.replace(b"\n", b"\n\n", 2)}[how]
    elif kind == "bytes":
        at, how, payload = args[0] % (len(data) + 1), args[1], args[2]
        files[file] = {"insert": data[:at] + payload + data[at:], "replace": data[:at] + payload + data[at + len(payload):],
                       "delete": data[:at] + data[at + len(payload):], "truncate": data[:at]}[how]
    elif kind == "encoding":
        text = data.decode("utf-8", errors="replace")
        files[file] = b"\xef\xbb\xbf" + data if args[0] == "bom" else text.encode(args[0], errors="replace")
    elif kind == "file":
        how = args[0]
        if how in ("drop", "rename case", "stray copy"):
            del files[file]
        if how == "empty":
            files[file] = b""
        elif how == "rename case":
            files[file[0].upper() + file[1:]] = data
        elif how == "stray copy":
            files[file[:-4] + ".txt"] = data


def build(version: str, mutations: list[tuple]) -> dict[str, bytes]:
    files = dict(FILES[version])
    for damage in mutations:
        apply(files, damage)
    return files


def write(files: dict[str, bytes], where: Path, container: str) -> Path:
    if container == "folder":
        where.mkdir()
        for name, data in files.items():
            (where / name).write_bytes(data)
        return where
    prefix = "export/" if container == "zipped folder" else ""
    return write_zip(where.with_suffix(".zip"), [(prefix + name, data) for name, data in sorted(files.items())])


def check(path: Path) -> tuple[int, str, str]:
    result = cli("check", path, "--format", "json")
    return result.exit_code, result.stdout, result.stderr


def assert_sound(exit_code: int, stdout: str, stderr: str) -> dict:
    assert exit_code in (0, 1) and stderr == "", stderr  # exit 2 would be the command line's "internal error" net
    report = json.loads(stdout)
    codes = [f["code"] for f in report["findings"]]
    assert "P999" not in codes, [f["message"] for f in report["findings"] if f["code"] == "P999"]
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in report["findings"])
    assert (exit_code == 1) == (report["summary"]["errors"] > 0)
    return report


@SETTINGS
@given(damaged(), st.sampled_from(["folder", "zip", "zipped folder"]))
def test_damage_never_crashes_and_always_gives_the_same_json(case, container):
    version, mutations = case
    files = build(version, mutations)
    with tempfile.TemporaryDirectory(prefix="oneroster-property-") as tmp:
        path = write(files, Path(tmp) / "package", container)
        first = check(path)
        assert_sound(*first)
        assert check(path) == first


@settings(SETTINGS, max_examples=40)
@given(damaged())
def test_a_zip_reads_like_the_same_folder(case):
    version, mutations = case
    files = build(version, mutations)
    with tempfile.TemporaryDirectory(prefix="oneroster-property-") as tmp:
        in_folder = check(write(files, Path(tmp) / "package", "folder"))
        in_zip = check(write(files, Path(tmp) / "package", "zip"))
    assert_sound(*in_folder)
    assert in_zip == in_folder


# Pieces of CSV that mix quoting, separators, blank lines and whitespace (bare CRs never reach
# the fast parser: parse() hands those files to the careful one).
CSV_PIECES = st.sampled_from([b"a", b"b", b",", b'"', b'""', b"\n", b"\r\n", b" ", b"\t", b"x,y", b"\xc3\xa9", b"\xef\xbb\xbf", b";", b"'"])


@settings(SETTINGS, max_examples=400)
@given(st.lists(CSV_PIECES, min_size=1, max_size=40).map(b"".join))
def test_the_fast_parser_reads_exactly_what_the_csv_module_reads(data):
    """The fast path may hand any file to the careful one, but a file it keeps must come out
    cell for cell as the strict csv module reads it, with nothing for the careful path to say."""
    fast = _fast_parse(data)
    if fast is not None:  # most of these pieces make a file the fast path rightly refuses
        assert_read_alike(fast, data)


def assert_read_alike(fast, data: bytes) -> None:
    careful = _careful_parse("x.csv", data.decode("utf-8"))
    assert careful.findings == []
    assert fast.header == careful.header
    assert fast.frame.select(careful.frame.columns).rows() == careful.frame.rows()


CELL = st.text(st.sampled_from(["a", "b", "1", ",", '"', " ", "\t", "é", "\n", ";", "'"]), max_size=6)


@st.composite
def well_formed_csv(draw) -> bytes:
    """A file as an exporter writes it: a plain header, then rows of the same width whose cells
    are quoted when they must be, one line ending throughout."""
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width).filter(lambda row: any(c.strip(" \t") for c in row)), max_size=8))
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows([[f"h{i}" for i in range(width)], *rows])
    return out.getvalue().encode("utf-8")


@settings(SETTINGS, max_examples=300)
@given(well_formed_csv())
def test_the_fast_parser_keeps_well_formed_files_and_reads_them_as_the_csv_module_does(data):
    """The files the fast path exists for: it keeps them (a line break inside a quoted cell
    written with CRLF endings goes to the careful path, which reports the carriage return),
    and reads them cell for cell as the csv module does."""
    fast = _fast_parse(data)
    if fast is None:
        assert b"\r\n" in data and b'"' in data, data  # only a quoted cell with CRLF around it may be refused
        return
    assert_read_alike(fast, data)
