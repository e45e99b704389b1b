"""Records that come back under another sourcedId: re-keyed, not removed and added.

A spreadsheet that drops leading zeros, or an SIS migration that changes the case of ids,
turns every record into a deletion plus an addition at the vendor, which deletes the accounts
and creates new ones. Removed and added rows are matched by the id written another way and,
for people and schools, by what else identifies them. All matching is joins.
"""

from __future__ import annotations

import polars as pl

from linter.yearend.snapshot import Snapshot

# Besides the id itself, what identifies the same record under a new id, per file.
ATTRIBUTES = {
    "users.csv": (("identifier",), ("username",), ("email",), ("givenName", "familyName", "birthDate")),
    "orgs.csv": (("name", "type"),),
}
HOW = {"id": "the same id written another way (leading zeros, upper or lower case, spaces)"}


def normalized_id(column: str = "sourcedId") -> pl.Expr:
    """The id as a spreadsheet or another system might rewrite it: trimmed, lower case, without leading zeros."""
    return pl.col(column).str.strip_chars().str.to_lowercase().str.strip_chars_start("0")


def rekeyed(previous: Snapshot, current: Snapshot, file: str, removed: pl.DataFrame, added: pl.DataFrame) -> pl.DataFrame:
    """(old, new, how) for each removed sourcedId that is back as an added one; every id pairs once."""
    if removed.is_empty() or added.is_empty():
        return _empty()
    before, after = _rows(previous, file, removed), _rows(current, file, added)
    pairs = [_match(before, after, [normalized_id().alias("key")], "id")]
    for attributes in ATTRIBUTES.get(file, ()):
        if all(a in before.columns and a in after.columns for a in attributes):
            key = pl.concat_str([pl.col(a).str.strip_chars().str.to_lowercase() for a in attributes], separator="\x1f")
            filled = pl.all_horizontal([pl.col(a).str.strip_chars() != "" for a in attributes])
            pairs.append(_match(before.filter(filled), after.filter(filled), [key.alias("key")], " and ".join(attributes)))
    found = pl.concat(pairs).unique("old", keep="first", maintain_order=True).unique("new", keep="first", maintain_order=True)
    return found.sort("old")


def _rows(snapshot: Snapshot, file: str, ids: pl.DataFrame) -> pl.DataFrame:
    frame = snapshot.frame(file, "sourcedId")
    assert frame is not None  # a file with removed or added sourcedIds has the column in both uploads
    frame = frame.unique("sourcedId", keep="first").join(ids, on="sourcedId", how="semi")
    if file == "users.csv":  # a birth date lives in demographics.csv, under the same sourcedId
        demographics = snapshot.frame("demographics.csv", "sourcedId", "birthDate")
        if demographics is not None:
            frame = frame.join(demographics.select("sourcedId", "birthDate").unique("sourcedId"), on="sourcedId", how="left").with_columns(pl.col("birthDate").fill_null(""))
    return frame


def _match(before: pl.DataFrame, after: pl.DataFrame, key: list[pl.Expr], how: str) -> pl.DataFrame:
    """Pairs whose key is the same on both sides and unique on each (an ambiguous key proves nothing)."""
    old = before.select(pl.col("sourcedId").alias("old"), *key).filter(pl.col("key") != "").filter(pl.col("key").is_unique())
    new = after.select(pl.col("sourcedId").alias("new"), *key).filter(pl.col("key") != "").filter(pl.col("key").is_unique())
    return old.join(new, on="key").select("old", "new", pl.lit(HOW.get(how, f"the same {how}")).alias("how"))


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema={"old": pl.String, "new": pl.String, "how": pl.String})
