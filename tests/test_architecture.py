"""The package's shape: layers, imports pointing down, no cycles, no private names shared.

Run as a script to print the figures: ``python tests/test_architecture.py [PACKAGE_DIR]``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dsrlab"

#: Layers from the bottom up; a module may import only from its own layer or lower ones.
LAYERS = (
    ("base", ("dsrlab.base",)),
    ("data", ("dsrlab.data",)),
    ("blocks", ("dsrlab.blocks",)),
    ("topics", ("dsrlab.topics",)),
    ("front ends", ("dsrlab.exercises", "dsrlab.params", "dsrlab.render", "dsrlab.run",
                    "dsrlab.briefs", "dsrlab.site", "dsrlab.cli", "dsrlab")),
)
MAX_LINES = 400


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import of the package inside ``path``."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != root.name:
                continue
            names = [a.name for a in node.names]
            found.append((target, names))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.split(".")[0] == root.name]
    return found


def graph(root: Path = PACKAGE):
    """modules -> set of modules they import; and the private names taken across modules."""
    paths = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    edges: dict[str, set[str]] = {m: set() for m in paths}
    private = []
    for mod, path in paths.items():
        for target, names in imports_of(path, root):
            for n in names:  # "from pkg import module" imports a module
                if f"{target}.{n}" in paths:
                    edges[mod].add(f"{target}.{n}")
                    if n.startswith("_"):
                        private.append((mod, f"{target}.{n}"))
                    continue
                if target in paths and target != mod:
                    edges[mod].add(target)
                    if n.startswith("_") and not n.startswith("__"):
                        private.append((mod, f"{target}:{n}"))
            if not names and target in paths:
                edges[mod].add(target)
    # a package's __init__ is imported with each of its modules: not a dependency edge back
    return paths, edges, private


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in edges:
        if v not in index:
            visit(v)
    return out


def layer_of(module: str) -> int:
    best, rank = -1, None
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    return rank


def upward_imports(edges) -> list[tuple[str, str]]:
    return [(m, t) for m, targets in edges.items() for t in targets
            if layer_of(t) is not None and layer_of(m) is not None
            and layer_of(t) > layer_of(m) and not m.startswith(t + ".")]


def report(root: Path = PACKAGE) -> dict:
    paths, edges, private = graph(root)
    # edges from a package __init__ to its own modules are re-exports, not dependencies
    deps = {m: {t for t in ts if not (paths[m].name == "__init__.py" and t.startswith(m + "."))}
            for m, ts in edges.items()}
    lines = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in paths.items()}
    return {"modules": len(paths), "cycles": cycles(deps), "private": private,
            "longest": max(lines.items(), key=lambda kv: kv[1]),
            "over_limit": sorted(m for m, n in lines.items() if n > MAX_LINES),
            "upward": upward_imports(deps) if (root / "base").is_dir() else []}


# --------------------------------------------------------------------------- tests
def test_no_import_cycles():
    assert report()["cycles"] == []


def test_no_private_name_crosses_modules():
    assert report()["private"] == []


def test_imports_point_down_the_layers():
    assert report()["upward"] == []


def test_every_module_is_in_a_layer():
    paths, _, _ = graph()
    assert [m for m in paths if layer_of(m) is None] == []


def test_no_module_over_the_line_limit():
    assert report()["over_limit"] == []


@pytest.mark.parametrize(("probe", "expected"), [
    ("from .b import _x", [("pkg.a", "pkg.b:_x")]),
    ("from .b import x", []),
])
def test_the_private_name_check_can_fail(tmp_path, probe, expected):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(probe + "\n")
    (pkg / "b.py").write_text("import pkg.a\n_x = x = 1\n")
    _, edges, private = graph(pkg)
    assert private == expected
    assert cycles(edges) == [["pkg.a", "pkg.b"]]


if __name__ == "__main__":
    r = report(Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE)
    print(f"modules: {r['modules']}")
    print(f"import cycles: {len(r['cycles'])} {r['cycles']}")
    print(f"private names imported across modules: {len(r['private'])}")
    print(f"upward imports: {len(r['upward'])} {r['upward'][:5]}")
    print(f"longest module: {r['longest'][0]} ({r['longest'][1]} lines); "
          f"over {MAX_LINES}: {r['over_limit']}")
