"""The package's layers, read from the source with `ast`: no module imports a layer above its
own, and no modules import each other in a cycle at module level.

Layers, lowest first (a module may import its own layer and those below):
foundation (models, errors, taxonomy, settings, data, _exports, the package __init__) < ingest
< geo < coding < events < store < pipeline and export < watch < scale < web < cli.

Every import counts for the layers, wherever it is written: one inside a function is as much a
dependency as one at the top (it is only deferred), and one under `if TYPE_CHECKING:` too,
because a lower layer that names a higher layer's types in its signatures depends on that
layer's meaning even though Python never runs the import. The cycle check counts only the
imports that run when a module is first imported (module level, not under TYPE_CHECKING):
those are the ones that can meet a half-initialised module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from paths import REPO

PACKAGE = "conflictwire"
SRC = REPO / "src" / PACKAGE
LAYERS: tuple[tuple[str, ...], ...] = (
    ("", "models", "errors", "taxonomy", "settings", "data", "_exports"),  # "": __init__
    ("ingest",),
    ("geo",),
    ("coding",),
    ("events",),
    ("store",),
    ("pipeline", "export"),
    ("watch",),
    ("scale",),
    ("web",),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


@dataclass(frozen=True, slots=True)
class Import:
    """One import of a project module: where it is written and what it reaches."""

    source: str  # dotted module name of the importer
    target: str  # dotted module name imported
    line: int
    module_level: bool  # runs when the importer is imported (not in a function/TYPE_CHECKING)


def module_names() -> dict[str, Path]:
    """Every module under src/conflictwire by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = (PACKAGE, *path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def layer_of(module: str) -> str:
    """The layer key of a dotted module name: its first name below the package ("" for it)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports_of(module: str, path: Path, known: set[str]) -> Iterator[Import]:
    """The project modules `module` imports, resolved from relative to absolute names."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node, module_level in _walk(tree.body, module_level=True):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = _absolute(module, is_package, node.level, node.module)
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            # `from X import y` needs X's own code, except when X is the importer's own
            # package (already being imported) and every y is a submodule of it.
            own_package = module.startswith(base + ".")
            targets = subs if own_package and len(subs) == len(node.names) else [base, *subs]
        for target in targets:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                yield Import(module, _nearest_known(target, known), node.lineno, module_level)


def _walk(body: list[ast.stmt], *, module_level: bool) -> Iterator[tuple[ast.stmt, bool]]:
    """Import statements anywhere in `body`, each with whether it runs at module import."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, module_level
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _walk(node.body, module_level=False)
            yield from _walk(node.orelse, module_level=module_level)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(node.body, module_level=False)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _walk([child], module_level=module_level)
                elif isinstance(child, ast.ExceptHandler | ast.match_case):
                    yield from _walk(child.body, module_level=module_level)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[:len(package) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _nearest_known(target: str, known: set[str]) -> str:
    """`target`, or the module that defines it when it names something inside a module."""
    parts = target.split(".")
    while len(parts) > 1 and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts)


def all_imports() -> list[Import]:
    modules = module_names()
    known = set(modules)
    return [imp for name, path in modules.items() for imp in imports_of(name, path, known)]


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of `graph` (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def test_every_module_belongs_to_a_layer():
    unknown = sorted({layer_of(m) for m in module_names()} - set(RANK))
    assert not unknown, f"add these to LAYERS in tests/test_layers.py: {unknown}"


def test_no_module_imports_a_layer_above_its_own():
    upward = [
        f"{imp.source} (line {imp.line}, {layer_of(imp.source) or '__init__'}) imports "
        f"{imp.target} ({layer_of(imp.target)})"
        for imp in all_imports()
        if RANK.get(layer_of(imp.target), -1) > RANK.get(layer_of(imp.source), len(LAYERS))
    ]
    assert not upward, "imports up the layers:\n" + "\n".join(upward)


def test_no_import_cycles_at_module_level():
    graph: dict[str, set[str]] = {name: set() for name in module_names()}
    for imp in all_imports():
        if imp.module_level and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    cycles = [c for c in strongly_connected(graph) if len(c) > 1]
    assert not cycles, "modules importing each other:\n" + "\n".join(map(" <-> ".join, cycles))


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set(), "c": {"c"}}, []),
])
def test_strongly_connected_finds_cycles(graph, expected):
    assert [c for c in strongly_connected(graph) if len(c) > 1] == expected


def test_relative_imports_resolve():
    assert _absolute("conflictwire.geo.resolve", False, 2, "models") == "conflictwire.models"
    assert _absolute("conflictwire.geo", True, 1, "sphere") == "conflictwire.geo.sphere"
    assert _absolute("conflictwire.geo.gazetteer.index", False, 3, None) == "conflictwire"
