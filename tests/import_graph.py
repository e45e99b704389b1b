"""The import graph of the linter package, read from its source (every import statement,
function-level ones included, TYPE_CHECKING ones excluded because they never run).

    python -m tests.import_graph          # the graph between the linter's parts, and its cycles

tests/test_layers.py holds the graph to the layering that CONTRIBUTING.md draws.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "linter"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The linter modules a module imports; `from linter import baseline` names linter.baseline."""
    found: set[str] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source)
        pending.extend(ast.iter_child_nodes(node))
    return {_owning_module(name, known) for name in found if name == "linter" or name.startswith("linter.")} - {module}


def _owning_module(name: str, known: set[str]) -> str:
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def module_graph() -> dict[str, set[str]]:
    """{module: the linter modules it imports}."""
    found = modules()
    known = set(found)
    return {name: _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", known) for name, path in found.items()}


def part(module: str) -> str:
    """The part of the linter a module belongs to: its sub-package (linter.engine), or the
    module itself at the top level (linter.config); the package's own __init__ is 'linter'."""
    return ".".join(module.split(".")[:2])


def part_graph() -> dict[str, set[str]]:
    """{part: the other parts it imports}."""
    graph: dict[str, set[str]] = defaultdict(set)
    for module, imported in module_graph().items():
        graph[part(module)] |= {part(other) for other in imported} - {part(module)}
    return dict(graph)


def cycles(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Every edge (a, b) that closes a cycle: b reaches back to a."""

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        pending = [start]
        while pending:
            for nxt in graph.get(pending.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    pending.append(nxt)
        return seen

    reached = {node: reach(node) for node in graph}
    return {(a, b) for a, targets in graph.items() for b in targets if a in reached.get(b, set())}


if __name__ == "__main__":
    graph = part_graph()
    for name in sorted(graph):
        print(f"{name} -> {', '.join(sorted(graph[name])) or '(nothing)'}")
    loops = sorted(cycles(graph))
    print(f"\n{len(loops)} edges close a cycle" + (":" if loops else ""))
    for a, b in loops:
        print(f"  {a} -> {b}")
