"""What reading the package noticed about its container, as findings.

linter.source reads a folder or a zip and says what it noticed (a zipped folder, a sub-folder,
a stray file, a link outside the package, an encrypted member...) as neutral notices; the codes,
their reasons and fixes are declared here, with the other codes the engine emits, so reading a
package depends on no rule.
"""

from __future__ import annotations

from linter import baseline
from linter.findings import Finding, Severity
from linter.registry import Basis, RuleSpec, declare, finding
from linter.source import Notice, Noticed

P007 = declare(
    code="P007", name=Noticed.DUPLICATE_FILE.value, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1: each data file appears at most once",
    title="The same file appears twice in the package",
    why="A consumer reads one copy and ignores the other, and nobody can tell which one. Names that differ only in case, in a "
        "trailing dot or space, or in how an accent is encoded are one file once unpacked on Windows or a Mac: one overwrites the other.",
    fix="Keep one copy of each file at the top level of the zip, under its exact name.",
    bad={"(zip)": "", "(zip-duplicate)": "users.csv"}, good={"(zip)": ""},
)
P008 = declare(
    code="P008", name=Noticed.FOLDER_ZIPPED.value, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.2: the CSV files sit at the root of the zip, not in a folder",
    title="The files sit inside a folder in the zip",
    why="Consumers look for manifest.csv at the top of the zip; a zipped folder looks empty to them.",
    fix="Select the CSV files themselves (not their folder) and zip those.",
    bad={"(zip)": "export/"}, good={"(zip)": ""},
)
P009 = declare(
    code="P009", name=Noticed.SUB_FOLDER.value, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Consumers read only the files at the top level of a package; a sub-folder is ignored",
    title="The package holds a sub-folder",
    why="A OneRoster package is a flat set of files; anything in a sub-folder is ignored by consumers.",
    fix="Move the files you meant to send to the top level, or remove the sub-folder.",
    bad={"old/users.csv": "sourcedId\n"}, good={},
)
P010 = declare(
    code="P010", name=Noticed.STRAY_FILE.value, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Consumers ignore a file that is not CSV; one in the package is often a misplaced export",
    title="The package holds a file that is not CSV",
    why="Consumers may reject a package with unexpected files, and it may carry data nobody meant to send.",
    fix="Remove the file from the export folder or zip.",
    bad={"notes.txt": "remember to send this on Monday\n"}, good={},
)
P012 = declare(
    code="P012", name=Noticed.UNSAFE_ENTRY.value, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.2: the files sit at the root of the zip; an entry outside it is never read",
    title="An entry points outside the package",
    why="A zip member with '../' or an absolute path, or a link out of the folder, can overwrite or leak files wherever it is unpacked.",
    fix="Rebuild the zip from the CSV files alone, without links or paths.",
    bad={"(zip)": "", "../users-old.csv": "sourcedId\n"}, good={"(zip)": ""},
)
P013 = declare(
    code="P013", name=Noticed.UNREADABLE_FILE.value, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.2: the zip is compressed with DEFLATE (RFC 1951), so every member can be read",
    title="A file cannot be read",
    why="A file that cannot be read (permissions, a broken link, a damaged zip member) reaches the consumer broken or not at all.",
    fix="Export the file again and rebuild the zip.",
    bad={"(zip)": "", "(zip-corrupt)": "users.csv"}, good={"(zip)": ""},
)
P017 = declare(
    code="P017", name=Noticed.NESTED_ARCHIVE.value, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="A package holds CSV files (CSV Binding 1.2.1 §2.1); consumers never open an archive inside it",
    title="The package holds an archive (a zip inside the zip)",
    why="Consumers never open an archive inside the package, so whatever it holds does not arrive. The linter does not open it either.",
    fix="Unpack the inner archive and zip its CSV files themselves, or remove it.",
    bad={"(zip)": "", "export.zip": b"PK\x05\x06" + bytes(18)}, good={"(zip)": ""},
)
P018 = declare(
    code="P018", name=Noticed.ENCRYPTED_FILE.value, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.2: the zip is compressed with DEFLATE (RFC 1951); an encrypted member cannot be read",
    title="A file in the zip is encrypted",
    why="Consumers have no password, so an encrypted file cannot be read and the upload fails. The linter does not try to decrypt it.",
    fix="Zip the files again without a password; send the zip over a secure channel (SFTP) instead.",
    bad={"(zip)": "", "(zip-encrypted)": "users.csv"}, good={"(zip)": ""},
)
P021 = declare(
    code="P021", name=Noticed.FILE_NAME_TRAILING_DOT_OR_SPACE.value, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1, Table 2.1: each file has an exact name; Windows drops a trailing dot or space from a name",
    title="A file name ends with a dot or a space",
    why="Windows unpacks 'users.csv.' or 'users.csv ' as 'users.csv', over any file of that name, but a consumer that reads "
        "the package as sent looks for 'users.csv' and finds no such file, so the data never arrives.",
    fix="Rename the file to its exact name, without the trailing dot or space, and build the package again.",
    bad={"users.csv ": baseline.text("users.csv"), "users.csv": None}, good={},
)

CODES: dict[Noticed, RuleSpec] = {Noticed(spec.name): spec for spec in (P007, P008, P009, P010, P012, P013, P017, P018, P021)}


def container_findings(notices: list[Notice]) -> list[Finding]:
    """A finding for each notice, under the code declared for what was noticed."""
    return [finding(CODES[notice.kind].code, notice.file, message=notice.message, hint=notice.hint) for notice in notices]
