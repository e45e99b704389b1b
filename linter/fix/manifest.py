"""The manifest, written again from the files the package really holds."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW, ParsedFile
from linter.engine.manifest import HEADER, MANIFEST, MANIFEST_VERSION_IN_WORDS
from linter.findings import Finding
from linter.fix.layout import CRLF
from linter.fix.registry import REPAIRS, repair
from linter.fix.work import NEW, OLD, Change, FileWork, Work
from linter.schemas import VERSIONS, load

# A repaired manifest line: (property, old value, new value, row, the finding code repaired); a line
# it adds has no old value and no row.
ManifestChange = tuple[str, str | None, str, int | None, str]


@repair(
    code="F008", name="manifest-rewritten", fixes=("P001", "P003", "P004", "P005", "P011", "P014", "P016", "P019"),
    title="Writes the manifest again from the files the package holds",
    why="Each file.<name> line says whether the file is sent: a file that is in the package is bulk (or delta, when the "
        f"manifest already says so), one that is not is absent. manifest.version is always {MANIFEST_VERSION_IN_WORDS}. oneroster.version is kept "
        "when it is a known version, and otherwise written only when it is certain: given with --oneroster-version, or told "
        "by files or columns only one version has. Every other line is kept as it was. The manifest is rewritten only when "
        "its own findings say it is wrong or missing.",
    leaves="oneroster.version when nothing tells 1.1 from 1.2; a present file without a valid line in a manifest that sends "
           "other files as delta (bulk or delta?); unknown properties (P015), which are kept as they are.",
)
def manifest_rewritten(work: Work) -> None:
    found = [f for f in work.loaded if isinstance(f, Finding) and f.code in REPAIRS["F008"].fixes]  # reading without checks finds no frames
    if not found:
        return
    old = work.files.get(MANIFEST)
    if old is not None and (old.parsed is None or old.blocked or set(old.mapping.values()) != set(HEADER) or len(old.labels) != 2):
        why = old.blocked or "manifest.csv cannot be read as its two columns propertyName,value, so fix does not rewrite it"
        for f in found:
            work.leave(f.file, f.field, f.code, why)
        return
    new_lines, changes = _rewrite(work, _existing(old))
    if old is not None and not changes and not any(f.code == "P019" for f in found):
        return  # nothing it can repair with certainty: the manifest stays as it is
    frame = pl.DataFrame({ROW: list(range(2, len(new_lines) + 2)), HEADER[0]: [k for k, _ in new_lines], HEADER[1]: [v for _, v in new_lines]},
                         schema={ROW: pl.Int64, HEADER[0]: pl.String, HEADER[1]: pl.String})
    positional = frame.select(pl.col(HEADER[0]).alias("c0"), pl.col(HEADER[1]).alias("c1"), ROW)
    manifest = FileWork(MANIFEST, old.raw if old else b"", ParsedFile(list(HEADER), positional), load(work.ctx.version).tables[MANIFEST],
                        {0: HEADER[0], 1: HEADER[1]}, frame, list(HEADER), changed=True,
                        strip_bom=old.strip_bom if old else False, line_ending=old.line_ending if old else CRLF)
    work.files[MANIFEST] = manifest
    if old is None:
        work.changes.append(Change(MANIFEST, None, "F008", "P001"))
        return
    if any(f.code == "P019" for f in found):
        work.changes.append(Change(MANIFEST, None, "F008", "P019", _rows(1, None, ",".join(HEADER))))
    for key, before, after, row, code in changes:
        work.changes.append(Change(MANIFEST, key, "F008", code, _rows(row, before, after)))


def _rows(row: int | None, old: str | None, new: str) -> pl.DataFrame:
    return pl.DataFrame({ROW: [row], OLD: [old], NEW: [new]}, schema={ROW: pl.Int64, OLD: pl.String, NEW: pl.String})


def _existing(old: FileWork | None) -> list[tuple[str, str, int]]:
    if old is None:
        return []
    return list(old.frame.select(HEADER[0], HEADER[1], ROW).iter_rows())


def _rewrite(work: Work, lines: list[tuple[str, str, int]]) -> tuple[list[tuple[str, str]], list[ManifestChange]]:
    """The manifest's lines, each in its place with the values repaired, then the lines it
    lacks in the order of Table 3.1; and the changes: (property, old value, new value, row,
    the finding code repaired). Lines fix does not repair stay exactly as they were."""
    first: dict[str, tuple[str, int]] = {}  # property -> (value, row) of its first line, as read_manifest reads it
    for line_key, value, row in lines:
        first.setdefault(line_key.strip(), (value, row))

    def said(key: str) -> str | None:
        return first[key][0].strip() if key in first else None

    schema_manifest = work.ctx.schema.manifest
    wanted: dict[str, tuple[str, str]] = {}  # property -> (new value, the finding code repaired)
    manifest_version = schema_manifest.properties["manifest.version"] or ""
    if said("manifest.version") != manifest_version:
        wanted["manifest.version"] = (manifest_version, "P011")
    if said("oneroster.version") not in VERSIONS:
        certain = _certain_version(work)
        if certain is None:
            work.leave(MANIFEST, "oneroster.version", "P003", "the files do not tell OneRoster 1.1 from 1.2: write oneroster.version "
                                                              "yourself, or run fix with --oneroster-version")
        else:
            wanted["oneroster.version"] = (certain, "P003")
    known = [t.manifest_key for t in work.ctx.schema.data_files if t.manifest_key]
    modes, sent = schema_manifest.file_modes, schema_manifest.sent_modes
    delta_sent = any(said(k) == "delta" for k in known)
    for table in work.ctx.schema.data_files:
        key = table.manifest_key
        assert key is not None  # the data files are the tables with a manifest key
        mode = said(key)
        if table.file not in work.files:
            if mode != "absent":
                wanted[key] = ("absent", "P016" if mode is None else "P014" if mode not in modes else "P004")
        elif mode in sent:
            continue
        elif mode is not None and mode.lower() in sent:
            wanted[key] = (mode.lower(), "P014")
        elif delta_sent:
            unsure = "P005" if mode in (None, "absent") else "P014"
            work.leave(table.file if unsure == "P005" else MANIFEST, None if unsure == "P005" else key, unsure,
                       f"{table.file} is in the package, and the manifest sends other files as delta: bulk or delta is for a person to say")
        else:
            wanted[key] = ("bulk", "P005" if mode in (None, "absent") else "P014")
    out: list[tuple[str, str]] = []
    changes: list[ManifestChange] = []
    done: set[str] = set()
    for key, value, row in lines:
        name = key.strip()
        if name in wanted and name not in done:
            new, code = wanted[name]
            out.append((name, new))
            changes.append((name, value, new, row, code))
            done.add(name)
        else:
            out.append((key, value))
    for name in (*schema_manifest.properties, *known):  # a line it lacks goes in the order of Table 3.1
        if name in wanted and name not in done:
            new, code = wanted[name]
            out.append((name, new))
            changes.append((name, None, new, None, code))
    return out, changes


def _certain_version(work: Work) -> str | None:
    """The version asked for, or the one version whose own files or columns the package holds."""
    if work.requested_version in VERSIONS:
        return work.requested_version
    evidence = set()
    for version in VERSIONS:
        mine, others = load(version).tables, [load(v).tables for v in VERSIONS if v != version]
        for name, file in work.files.items():
            if name == MANIFEST or name not in mine:
                continue
            if all(name not in other for other in others):
                evidence.add(version)
                continue
            own = {f.lower() for f in mine[name].field_names} - {f.lower() for other in others if name in other for f in other[name].field_names}
            if own & {label.strip().lower() for label in file.labels}:
                evidence.add(version)
    return evidence.pop() if len(evidence) == 1 else None
