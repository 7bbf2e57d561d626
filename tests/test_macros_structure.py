"""macros/ stays easy to change: no import cycle (imports inside functions included), no file over 350 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = "macros"
MAX_LINES = 350


def module_names(folder: Path) -> dict[str, Path]:
    """Module name -> file, for every .py file of the package (its __init__ is the package itself)."""
    names = {}
    for path in sorted(folder.glob("*.py")):
        names[PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"] = path
    return names


def imports_of(source: str, modules: set[str]) -> set[str]:
    """The package's modules that `source` imports anywhere (top level or inside a function), relative or absolute."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # One dot is the package, from a module and from the package's own __init__ alike
                # (macros is one level deep); more dots leave it.
                base = PACKAGE if node.level == 1 else ""
                target = f"{base}.{node.module}" if node.module and base else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from . import cards` names a module
    return {name for name in found if name in modules}


def import_graph(folder: Path) -> dict[str, set[str]]:
    names = module_names(folder)
    return {name: imports_of(path.read_text(encoding="utf-8"), set(names)) - {name} for name, path in names.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as [a, b, ..., a], or None: a depth-first search that meets a module still on its path."""
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for child in sorted(graph.get(node, ())):
            if state.get(child) == "open":
                return path[path.index(child) :] + [child]
            if child not in state and (cycle := visit(child)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def test_imports_inside_functions_and_every_form_of_import_are_seen():
    modules = {"macros", "macros.library", "macros.cards", "macros.render", "macros.schema"}
    source = (
        "import macros.schema\n"
        "from .library import load_library\n"
        "def later():\n"
        "    from .cards import render_my_cards\n"
        "    from . import render\n"
    )
    assert imports_of(source, modules) == {"macros", "macros.schema", "macros.library", "macros.cards", "macros.render"}
    assert imports_of("from ..elsewhere import x\nimport os\n", modules) == set()


def test_a_cycle_through_a_function_level_import_is_caught(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "library.py").write_text("from .schema import X\n")
    (tmp_path / "schema.py").write_text("X = 1\ndef late():\n    from .library import load\n")
    assert find_cycle(import_graph(tmp_path)) == ["macros.library", "macros.schema", "macros.library"]


def test_no_import_cycle_in_macros():
    graph = import_graph(ROOT / PACKAGE)
    assert len(graph) >= 10 and graph[PACKAGE], graph  # the walk saw the package and its imports
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph))}"


def test_card_fit_modules_import_only_the_model():
    graph = import_graph(ROOT / PACKAGE)
    allowed = {f"{PACKAGE}.{name}" for name in ("schema", "model", "problems", "card_metrics", "card_model", "card_quickfit")}
    for name in ("card_metrics", "card_model", "card_quickfit", "card_fit"):
        assert graph[f"{PACKAGE}.{name}"] <= allowed, (name, graph[f"{PACKAGE}.{name}"] - allowed)


def test_no_file_in_macros_is_over_350_lines():
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in (ROOT / PACKAGE).glob("*.py")}
    assert len(sizes) >= 10
    assert not {name: lines for name, lines in sizes.items() if lines > MAX_LINES}, sizes
