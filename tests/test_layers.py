"""The linter's parts import one way: each part imports only its own layer and the layers below
(CONTRIBUTING.md draws them). The edges that still point up are listed, each to be removed;
a new one fails here, and removing one fails here too until the list says so."""

from __future__ import annotations

from tests.import_graph import cycles, part_graph

# Bottom first.
LAYERS = (
    ("foundation", {"linter.utf8", "linter.units", "linter.project", "linter.baseline", "linter.schemas", "linter.findings", "linter.registry",
                    "linter.profile_spec"}),
    ("source", {"linter.source"}),
    ("engine and rules", {"linter.engine", "linter.rules", "linter.examples"}),
    ("year-end", {"linter.yearend"}),
    ("library", {"linter", "linter.catalogue", "linter.config", "linter.profiles"}),
    ("reports", {"linter.report"}),
    ("repairs", {"linter.fix", "linter.paths"}),
    ("commands and docs", {"linter.cli", "linter.cli_options", "linter.starter", "linter.__main__", "linter.docs"}),
)
LAYER = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}

# Nothing points up any more; an edge listed here would have to say why, and go.
STILL_UPWARD: set[tuple[str, str]] = set()



def upward_edges() -> set[tuple[str, str]]:
    graph = part_graph()
    return {(a, b) for a, targets in graph.items() for b in targets if LAYER[b] > LAYER[a]}


def test_every_part_of_the_linter_has_a_layer():
    assert set(part_graph()) <= set(LAYER), sorted(set(part_graph()) - set(LAYER))


def test_imports_point_down_but_for_the_listed_edges():
    assert upward_edges() == STILL_UPWARD


def test_every_cycle_goes_through_a_listed_edge():
    graph = part_graph()
    for a, b in STILL_UPWARD:
        graph[a].discard(b)
    assert cycles(graph) == set()


def test_rule_modules_import_the_rule_api_and_nothing_else_of_the_linter():
    from tests.import_graph import module_graph

    for module, imported in module_graph().items():
        if module.startswith("linter.rules.") and module != "linter.rules.api":
            assert {name for name in imported if not name.startswith("linter.rules")} == set(), module
