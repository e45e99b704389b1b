"""Read every CSV in a folder with polars, as strings, and print the data rows per file.

    python benchmarks/raw_read.py DIR

This is what reading the package costs and nothing more: no checks, no report. run.py
times it in a fresh process, like the linter, so `check / raw read` says how much the
linter adds on top of the read it cannot avoid. Every column is read as a string
(infer_schema=False) because that is how the linter has to start too: a OneRoster value
is only typed once it has been checked.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl


def read_package(folder: Path) -> dict[str, pl.DataFrame]:
    """Every *.csv in folder, read in full, all held at once.

    All at once because the linter checks references across files, so it has the whole
    package in memory too; freeing each file after reading it would make the memory
    floor the largest file alone.
    """
    return {path.name: pl.read_csv(path, infer_schema=False) for path in sorted(folder.glob("*.csv"))}


def count_rows(folder: Path) -> dict[str, int]:
    """Data rows per *.csv in folder."""
    return {name: frame.height for name, frame in read_package(folder).items()}


def folder_main(describe: str, measure: Callable[[Path], dict], argv: list[str] | None = None) -> int:
    """`SCRIPT DIR`: measure the folder and print the result as JSON (the sibling scripts share it)."""
    parser = argparse.ArgumentParser(description=describe.split("\n\n")[0])
    parser.add_argument("folder", type=Path, metavar="DIR", help="folder of CSV files")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    print(json.dumps(measure(args.folder)))
    return 0


def main(argv: list[str] | None = None) -> int:
    return folder_main(__doc__, count_rows, argv)


if __name__ == "__main__":
    sys.exit(main())
