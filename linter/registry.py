"""What a code's declaration holds (RuleSpec), and `declare` and `@rule`, which make one.

Every code the linter can emit is declared once, beside the module that emits it: the codes
the engine emits itself (package, structure, schema, references) with `declare`, the named
rules with `@rule`, the year-end codes in linter.yearend.codes; each is a value of its module,
named by its code. Declaring registers nothing: linter.catalogue lists those modules, in one
place, registers what they declare, and answers for every code (`explain`, `rules`, selectors,
every report format and the help site read it), so a rule's title, reasoning and examples
cannot drift apart.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.findings import Finding, Found, Severity
from linter.schemas import VERSIONS

if TYPE_CHECKING:  # for the type of a check only: the registry never imports the engine
    from linter.engine.context import Context
    from linter.engine.probe import Probe

CODE_PATTERN = re.compile(r"^[PSXRY]\d{3}$")

FAMILIES = {
    "P": "Package and file structure",
    "S": "Field values (from the schemas)",
    "X": "References between files",
    "R": "Named rules",
    "Y": "Year-end",
}



class Basis(str, enum.Enum):
    """What a rule rests on. The default severity follows from it: a MUST of the binding is an
    error, a SHOULD a warning, and practice (what consumers commonly reject, not in the standard)
    a warning that a vendor profile may raise to an error."""

    STANDARD = "standard"
    RECOMMENDATION = "recommendation"
    PRACTICE = "practice"

    @property
    def meaning(self) -> str:
        return {
            "standard": "a MUST or MUST NOT of the OneRoster CSV binding or of RFC 4180",
            "recommendation": "a SHOULD of the OneRoster CSV binding",
            "practice": "not in the standard: what consumers commonly reject, or what puts the wrong people in the wrong classes",
        }[self.value]


# A patch over the baseline package: file name -> new text, raw bytes, or None to delete it; a
# setting's key is in parentheses, and one of them, "(previous)", holds a patch of its own.
Patch = Mapping[str, "str | bytes | Patch | None"]
# A named rule's check: it reads the loaded package and yields findings, frames of them, or probes.
Check = Callable[["Context"], Iterable["Found | Probe"]]


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: Severity
    title: str
    why: str
    fix: str
    bad: Patch
    good: Patch
    basis: Basis  # declare() refuses a rule without it, with a message that says so
    clause: str = ""  # the section or table of the standard it rests on, or what the practice is
    files: tuple[str, ...] = ()
    versions: tuple[str, ...] = VERSIONS
    frictionless_error: str | None = None  # the frictionless error type it mirrors
    whole_roster: bool = False  # judges what is missing from the roster: not run on a delta, which holds only changes
    check: Check | None = field(default=None, compare=False)

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]]


# Every declaration by code, filled by linter.catalogue (register), never by a declaration itself.
REGISTRY: dict[str, RuleSpec] = {}


def declare(**kwargs: Any) -> RuleSpec:
    """A code's declaration, checked; linter.catalogue registers it."""
    if kwargs.get("basis") is None or not kwargs.get("clause"):
        raise ValueError(f"rule {kwargs.get('code')} must state its basis and the clause it rests on")
    spec = RuleSpec(**kwargs)
    if not CODE_PATTERN.match(spec.code):
        raise ValueError(f"bad rule code {spec.code!r}")
    return spec


def register(specs: Iterable[RuleSpec]) -> None:
    """Add declarations to the registry: each code and each name once (the same declaration
    met twice, imported into a second module, is one)."""
    for spec in specs:
        known = REGISTRY.get(spec.code)
        if known is spec:
            continue
        if known is not None:
            raise ValueError(f"rule code {spec.code} declared twice")
        if any(other.name == spec.name for other in REGISTRY.values()):
            raise ValueError(f"rule name {spec.name} declared twice")
        REGISTRY[spec.code] = spec


def rule(**kwargs: Any) -> Callable[[Check], RuleSpec]:
    """Declare a named rule with its check function; the decorated name is the rule's spec,
    which linter.rules lists."""

    def register(check: Check) -> RuleSpec:
        return declare(check=check, **kwargs)

    return register


class SelectorError(ValueError):
    """A --select, --ignore, severity or per-file selector names no known code, prefix or rule."""


def finding(code: str, file: str | None, *, message: str | None = None, row: int | None = None,
            field: str | None = None, hint: str | None = None, value: str | None = None) -> Finding:
    """A finding for a declared code, with its declared severity; `message` defaults to the title."""
    spec = REGISTRY[code]
    return Finding(code, spec.severity, message or spec.title, file, row, field, hint or spec.fix, value)
