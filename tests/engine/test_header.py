"""linter.engine.header, called directly: a header row mapped to the schema's fields, and a
first line that is data rather than a header."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW, ParsedFile
from linter.engine.header import looks_like_data, map_header, read_headless
from linter.schemas import load

ORGS = load("1.1").tables["orgs.csv"]
STANDARD = list(ORGS.field_names)


def where(findings) -> list[tuple]:
    return [(f.code, f.row, f.field) for f in findings]


def test_the_standard_header_maps_every_column_in_place_with_no_finding():
    mapping, findings = map_header(ORGS, STANDARD)
    assert mapping == dict(enumerate(STANDARD)) and findings == []


def test_case_spaces_unknown_and_missing_columns_each_get_their_finding():
    header = ["SourcedId", " status", "dateLastModified", "name", "type", "identifer", "metadata.colour"]
    mapping, findings = map_header(ORGS, header)
    assert mapping == {0: "sourcedId", 1: "status", 2: "dateLastModified", 3: "name", 4: "type"}
    assert where(findings) == [("P203", 1, "sourcedId"), ("P207", 1, "status"), ("P202", 1, "identifer"),
                               ("P201", 1, "identifier"), ("P201", 1, "parentSourcedId")]
    unknown = next(f for f in findings if f.code == "P202")
    assert unknown.hint == "did you mean 'identifier'?"


def test_repeated_nameless_and_misplaced_columns():
    header = [*STANDARD[:3], "metadata.x", *STANDARD[3:], "", "name"]
    _, findings = map_header(ORGS, header)
    assert where(findings) == [("P206", 1, None), ("P205", 1, "name"), ("P208", 1, "metadata.x")]


def test_columns_out_of_the_standard_order_are_one_finding_with_the_order_as_its_hint():
    _, findings = map_header(ORGS, list(reversed(STANDARD)))
    (order,) = findings
    assert order.code == "P204" and order.hint == "expected order: " + ", ".join(STANDARD)


def test_a_first_line_of_values_is_data_and_a_header_with_extra_columns_is_not():
    assert looks_like_data(ORGS, ["dist", "", "", "Lakeside District", "district", "", ""])
    assert not looks_like_data(ORGS, [*STANDARD, "extra1", "extra2", "extra3"])
    assert not looks_like_data(ORGS, [])


def test_a_headless_file_of_the_right_width_is_read_as_data_in_the_standard_order():
    first = ["dist", "", "", "Lakeside District", "district", "", ""]
    frame = pl.DataFrame({**{f"c{i}": ["sch"] for i in range(len(first))}, ROW: [2]})
    parsed, mapping, findings = read_headless(ORGS, ParsedFile(first, frame))
    assert mapping == dict(enumerate(STANDARD)) and where(findings) == [("P209", 1, None)]
    assert parsed.frame.get_column(ROW).to_list() == [1, 2] and parsed.frame.get_column("c3").to_list() == ["Lakeside District", "sch"]
    assert findings[0].value == ",".join(first) and "read as data, in the standard column order" in findings[0].message


def test_a_headless_file_of_another_width_is_not_read():
    first = ["dist", "Lakeside District"]
    parsed, mapping, findings = read_headless(ORGS, ParsedFile(first, pl.DataFrame({"c0": ["x"], "c1": ["y"], ROW: [2]})))
    assert mapping == {} and [f.code for f in findings] == ["P209"] and "was not read" in findings[0].message
