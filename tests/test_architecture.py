"""The shape of the code: no import circles between modules, and apps import only the apps beneath them.

Every import counts, also one inside a function: a deferred import hides a circle, it does not remove it.
"""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Each app may import the apps before it in this list, never those after it (docs/architecture.md).
LAYERS = ["packages_catalog", "families", "notifications", "licenses", "benefits", "showcase", "dashboard", "demo"]
# The project package wires every app together (settings, URLs, WSGI); its other modules are tools for the apps.
WIRING = {"intaj_portal.settings", "intaj_portal.urls", "intaj_portal.wsgi", "intaj_portal.celery"}


def project_modules() -> dict[str, pathlib.Path]:
    modules = {}
    for top in [*LAYERS, "intaj_portal"]:
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: pathlib.Path, modules: dict[str, pathlib.Path]) -> set[str]:
    """The project modules `name` imports; `from package import module` is an import of the module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_checks():
    graph = import_graph()
    assert "licenses.services.notices" in graph["licenses.services.applications"]
    assert "notifications.services" in graph["licenses.services.fees"]


def test_no_module_imports_itself_round_a_circle():
    assert circles(import_graph()) == []


def test_a_circle_is_found_when_there_is_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_apps_import_only_the_apps_beneath_them():
    wrong = []
    for module, targets in import_graph().items():
        app = module.partition(".")[0]
        if app not in LAYERS:
            continue
        for target in targets:
            other = target.partition(".")[0]
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(app):
                wrong.append(f"{module} imports {target}")
            if other == "intaj_portal" and target in WIRING - {"intaj_portal.celery"}:
                wrong.append(f"{module} imports {target}")
    assert wrong == []
