"""Dates a spreadsheet re-saved (8/15/2025), repaired only when the whole column reads one way."""

from __future__ import annotations

import calendar

import polars as pl

from linter.engine.csvfile import ROW
from linter.engine.fields import DATE, SPREADSHEET_DATE
from linter.fix.registry import repair
from linter.fix.work import FileWork, Work, distinct

# A re-saved date with a four-digit year and no time: first part, separator, second part, separator, year.
SHAPE = r"^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})$"


@repair(
    code="F006", name="spreadsheet-dates", fixes=("R201",),
    title="Writes dates a spreadsheet re-saved (8/15/2025) as YYYY-MM-DD, when the whole column reads one way",
    why="A spreadsheet writes every date of a column in one local order, month first or day first. When every re-saved date of "
        "the column has the same form with a four-digit year, at least one of them has a part above 12 (which can only be the "
        "day), none says the opposite, and every one is then a real date, the column can be read one way only. Dates already "
        "written YYYY-MM-DD are right and do not take part. The date columns are those the schemas type as date.",
    leaves="The whole column when it cannot be read one way: no part above 12 (3/4/2025 could be 3 April or 4 March), some "
           "dates day first and others month first, two-digit years (which century?), mixed separators or times, or a date "
           "that the column's order makes impossible. Date-times (dateLastModified) are left too.",
)
def spreadsheet_dates(work: Work) -> None:
    for file in work.data_files():
        for spec in file.fields:
            if spec.type == "date" and file.column(spec.name):
                _column(work, file, spec.name)


def _column(work: Work, file: FileWork, column: str) -> None:
    value = pl.col(column)
    iso = value.str.contains(DATE) & value.str.to_date("%Y-%m-%d", strict=False).is_not_null()
    resaved = (value != "") & ~iso & value.str.contains(SPREADSHEET_DATE)
    values = distinct(file.frame.filter(resaved), column)
    if not values:
        return
    parts = (pl.DataFrame({"value": values}).with_columns(pl.col("value").str.extract_groups(SHAPE).alias("p")).unnest("p")
             .rename({"1": "a", "2": "s1", "3": "b", "4": "s2", "5": "year"}))
    rows = file.frame.filter(resaved)

    def leave(reason: str, notes: dict[str, str] | None = None) -> None:
        work.leave(file.name, column, "R201", reason, rows.get_column(ROW).to_list(), values, notes)

    if parts.filter(pl.col("year").is_null()).height:
        two_digit = parts.filter(pl.col("value").str.contains(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$")).height
        leave("some dates have a two-digit year, which could be in either century" if two_digit
              else "the column's re-saved dates are not all written the same way (a time, or another form)")
        return
    if parts.select(pl.concat_list("s1", "s2").explode().n_unique()).item() > 1:
        leave("the column's re-saved dates do not all use the same separator")
        return
    numbers = parts.with_columns(pl.col("a", "b", "year").cast(pl.Int32))
    day_first = numbers.filter(pl.col("a") > 12).height
    month_first = numbers.filter(pl.col("b") > 12).height
    if day_first and month_first:
        leave("some dates are written day first and others month first")
        return
    if not day_first and not month_first:
        leave("no date of the column has a part above 12, so day and month cannot be told apart", _readings(numbers))
        return
    day, month = ("a", "b") if day_first else ("b", "a")
    dated = numbers.with_columns(pl.concat_str(pl.col("year").cast(pl.String), pl.col(month).cast(pl.String).str.zfill(2),
                                               pl.col(day).cast(pl.String).str.zfill(2), separator="-").alias("iso"))
    dated = dated.with_columns(pl.col("iso").str.to_date("%Y-%m-%d", strict=False).alias("real"))
    if dated.filter(pl.col("real").is_null()).height:
        leave(f"read {'day' if day_first else 'month'} first, as the column shows, some dates are not real dates")
        return
    mapping = dict(dated.select("value", "iso").iter_rows())
    file.set_column(work, column, pl.when(resaved).then(value.replace(mapping)).otherwise(value), "F006", "R201")


def _readings(numbers: pl.DataFrame) -> dict[str, str]:
    """'3 April or 4 March' for 3/4/2025: both readings of each ambiguous date (a handful of distinct values)."""
    notes = {}
    for value, a, b in numbers.select("value", "a", "b").head(20).iter_rows():
        if 1 <= a <= 12 and 1 <= b <= 12:
            notes[value] = f"{a} {calendar.month_name[b]} or {b} {calendar.month_name[a]}" if a != b else f"{a} {calendar.month_name[a]} either way"
    return notes
