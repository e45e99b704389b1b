"""The bad-input corpus, continued. Content that reaches the reports: personal data where a name should be, hostile text in names and cells."""

from __future__ import annotations

from tests.corpus import HEADER_ORGS, MANIFEST, ORGS, USERS, case, folder

WIDE = 100_000
ORG_ROWS = ORGS.split("\n", 1)[1]

# A header row that is really data: one finding, and its cells are values (never printed without --show-values).
case("header-row-missing", folder({"users.csv": USERS.split("\n", 1)[1]}), 1, "P209", only=True)
case("header-row-of-another-format", folder({"users.csv": "Student ID,First Name,Last Name\n1001,Ada,Okafor\n"}), 1, "P209", only=True)
case("header-only-data-cells-of-another-width", folder({"users.csv": "s9,,,true,sch\n" + USERS.split("\n", 1)[1]}), 1, "P209", only=True)
# Wide headers: a real header with 100,000 more columns is still a header.
case("header-with-100000-unknown-columns", folder({"orgs.csv": HEADER_ORGS + "".join(f",x{i}" for i in range(WIDE)) + "\n"
                                                   + ORG_ROWS.replace("\n", "," * WIDE + "\n")}), 1, "P202", only=True)
case("header-with-100000-extension-columns", folder({"orgs.csv": HEADER_ORGS + "".join(f",metadata.x{i}" for i in range(WIDE)) + "\n"
                                                     + ORG_ROWS.replace("\n", "," * WIDE + "\n")}), 0, only=True)

# Loops through parentSourcedId of any length, and a long chain that ends.
def _org_chain(length: int, closed: bool) -> str:
    rows = [f"o{i},,,Org {i},department,,o{i + 1}" for i in range(length - 1)] + [f"o{length - 1},,,Org {length - 1},department,,{'o0' if closed else 'dist'}"]
    return ORGS + "\n".join(rows) + "\n"


case("org-loop-of-65-orgs", folder({"orgs.csv": _org_chain(65, closed=True)}), 0, "R110", only=True)
case("org-loop-of-5000-orgs", folder({"orgs.csv": _org_chain(5000, closed=True)}), 0, "R110", only=True)
case("org-chain-of-5000-orgs", folder({"orgs.csv": _org_chain(5000, closed=False)}), 0, only=True)

# Encodings of other locales: P101 names the one the file most likely has.
case("shift-jis", folder({"users.csv": USERS.replace("María", "山田太郎").replace("Ada", "さくら").encode("shift_jis")}), 1, "P101", only=True)
case("gb18030", folder({"users.csv": USERS.replace("María", "张伟").replace("Ada", "王芳").encode("gb18030")}), 1, "P101", only=True)

# A manifest header with a small mistake, or none: its properties are still read (no false P003, P011, P016).
case("manifest-header-in-another-case", folder({"manifest.csv": MANIFEST.replace("propertyName,value", "PropertyName,Value")}), 1, "P203", only=True)
case("manifest-header-is-data", folder({"manifest.csv": MANIFEST.replace("propertyName,value", "ZQXa,ZQXb")}), 1, "P209", "P015", only=True)
