#!/usr/bin/env python3
"""Check that the apps of coordinated_care depend downwards only (docs/architecture.md, ADR 10).

The order of the apps is LAYERS below, bottom to top: the one place it is written down. An app may
import the apps on the levels below its own; it may not import an app on its own level or above,
at module level or inside a function. Inside a function, an import of a higher app is allowed only
where KEPT names it, with the reason. `config` is the wiring: it may import anything and nothing
imports it. Imports that form a circle between apps are reported as circles too.

Not checked: tests (any `tests/` folder, `conftest.py`), migrations (written by makemigrations,
they name other apps' migrations), and config. Templates and Django's lazy model references
("programmes.Enrolment") are not imports and are not read.

Reads the source with `ast` only, so it runs without Django or the virtualenv:

    python scripts/check_layers.py            # the tree this script sits in
    python scripts/check_layers.py --root DIR # DIR holds the coordinated_care package

Exits 0 when the layers hold, 1 naming each file, line, import and the rule it breaks.
"""

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "coordinated_care"

# Bottom to top. Apps on one level are independent of each other.
LAYERS = (
    # Middleware, health check, background tasks: knows no app.
    ("core",),
    # Infrastructure every domain app uses and none of it knows: domain apps register with them
    # (confidentiality.registry, audit.register, audit.providers).
    ("confidentiality", "audit"),
    # People, organisations and the roles they hold: everyone else needs them.
    ("accounts",),
    # The competency framework, the menu programmes are built from.
    ("frameworks",),
    # What is built from the framework: programmes, cohorts and enrolments (who may read which
    # portfolio).
    ("programmes",),
    # The learner's portfolio of evidence and its progress.
    ("portfolios",),
    # What others do with a portfolio: assess and sign it off, give feedback on its learner.
    ("assessments", "feedback"),
    # Role profiles built from the framework as a menu, their documents and training needs: above
    # the portfolio apps, whose enrolments, criteria and sign-offs the training needs read.
    ("roles",),
    # Pages that gather every app: the role home pages, and the reports (the portfolio as one
    # document and its verification, the cohort, organisation and learner dashboards); demo data
    # (not installed in production).
    ("homes", "reports", "nonprod"),
    # Reminders and digests by e-mail (ADR 19): above the reports, whose pace rule and cohort rows
    # the programme lead's reminder reads, and the caseload and portfolio facts the others count.
    ("reminders",),
)
WIRING = ("config",)

# Imports of a higher app inside a function that are kept, with the reason, as
# {("coordinated_care/<app>/<module>.py", "coordinated_care.<app>.<module>"): "why"}.
KEPT = {}

EXEMPT_DIRS = {"tests", "migrations", "__pycache__"}
EXEMPT_FILES = {"conftest.py"}
DYNAMIC_IMPORTERS = {"import_module", "import_string"}


@dataclass(frozen=True)
class Import:
    path: str  # relative to the root, with forward slashes
    line: int
    source: str  # the importing app
    target: str  # the imported app
    module: str  # the module imported, relative imports resolved
    statement: str  # the import as written
    in_function: bool


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


def level_of():
    return {app: position for position, apps in enumerate(LAYERS) for app in apps}


def python_files(package_dir):
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).parts
        if EXEMPT_DIRS.intersection(parts[:-1]) or parts[-1] in EXEMPT_FILES:
            continue
        yield path


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def absolute(node, module, is_package):
    """The module an ImportFrom names, with a relative import resolved against `module`."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_modules(node, module, is_package):
    """Every module an import statement (or a dynamic import of a literal name) brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = absolute(node, module, is_package)
        if base == PACKAGE:  # from coordinated_care import audit: each name is an app
            return [f"{base}.{alias.name}" for alias in node.names]
        return [base]
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if function in DYNAMIC_IMPORTERS and isinstance(node.args[0].value, str):
            return [node.args[0].value]
    return []


def walk(node, in_function=False):
    """(node, whether it runs only when a function is called), for every node under `node`."""
    for child in ast.iter_child_nodes(node):
        yield child, in_function
        inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from walk(child, inner)


def app_of(module):
    parts = module.split(".")
    if parts[0] != PACKAGE or len(parts) < 2:
        return None
    return parts[1]


def imports_in(root):
    package_dir = root / PACKAGE
    for path in python_files(package_dir):
        relative = path.relative_to(package_dir).parts
        if len(relative) < 2:  # the package's own __init__.py belongs to no app
            continue
        source = relative[0]
        module, is_package = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, in_function in walk(tree):
            for imported in imported_modules(node, module, is_package):
                target = app_of(imported)
                if target is not None and target != source:
                    statement = ast.unparse(node)
                    if getattr(node, "level", 0):
                        statement = f"{statement} (= {imported})"
                    yield Import(
                        path=path.relative_to(root).as_posix(),
                        line=node.lineno,
                        source=source,
                        target=target,
                        module=imported,
                        statement=statement,
                        in_function=in_function,
                    )


def apps_in(root):
    package_dir = root / PACKAGE
    return sorted(
        child.name
        for child in package_dir.iterdir()
        if child.is_dir() and child.name not in EXEMPT_DIRS and any(child.glob("*.py"))
    )


def check_import(found, levels):
    """The rule `found` breaks, or None."""
    where = "inside a function" if found.in_function else "at module level"
    if found.source in WIRING:
        return None
    if found.target in WIRING:
        wiring = f"{found.target} is the wiring, which no app imports"
        return f'{found.source} imports {found.target} {where}, "{found.statement}": {wiring}'
    if found.source not in levels or found.target not in levels:
        return None  # reported once, as an app missing from the order
    if (found.path, found.module) in KEPT:
        return None
    source, target = levels[found.source], levels[found.target]
    if source > target:
        return None
    if source == target:
        return (
            f'{found.source} imports {found.target} {where}, "{found.statement}": apps on one level '
            f"(level {source + 1}) are independent of each other"
        )
    rule = (
        f'{found.source} (level {source + 1}) imports {found.target} (level {target + 1}) {where}, "{found.statement}"'
    )
    if found.in_function:
        return f"{rule}: a lower app reaches a higher one through a provider the higher one registers (or KEPT)"
    return f"{rule}: a lower app never imports a higher one"


def circles(imports):
    """Circles of apps that import each other, each as its imports in order (one per link): for
    every app caught in one, the shortest circle through it."""
    edges = {}
    for found in imports:
        if found.source in WIRING or found.target in WIRING or (found.path, found.module) in KEPT:
            continue
        edges.setdefault(found.source, {}).setdefault(found.target, found)
    seen, result = set(), []
    for component in strongly_connected(edges):
        for app in sorted(component) if len(component) > 1 else ():
            links = shortest_circle(app, edges, component)
            key = frozenset((f.source, f.target) for f in links)
            if key not in seen:
                seen.add(key)
                result.append(links)
    return result


def shortest_circle(start, edges, component):
    """The imports along the shortest way from `start` back to itself, within `component`."""
    paths = {start: []}
    queue = [start]
    while queue:
        app = queue.pop(0)
        for target, found in sorted(edges.get(app, {}).items()):
            if target == start:
                return paths[app] + [found]
            if target in component and target not in paths:
                paths[target] = paths[app] + [found]
                queue.append(target)
    return []


def strongly_connected(edges):
    """Tarjan's algorithm over {app: {app: ...}}: the groups of apps that reach each other."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(app):
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for target in sorted(edges.get(app, {})):
            if target not in index:
                visit(target)
                low[app] = min(low[app], low[target])
            elif target in on_stack:
                low[app] = min(low[app], index[target])
        if low[app] == index[app]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == app:
                    break
            components.append(component)

    for app in sorted(edges):
        if app not in index:
            visit(app)
    return components


def check(root):
    """Every problem in the tree under `root`, in file order."""
    levels = level_of()
    problems = []
    for app in apps_in(root):
        if app not in levels and app not in WIRING:
            rule = f"{app} is not in the order: add it to LAYERS in scripts/check_layers.py"
            problems.append(Problem(f"{PACKAGE}/{app}", 0, rule))
    imports = list(imports_in(root))
    for found in imports:
        rule = check_import(found, levels)
        if rule:
            problems.append(Problem(found.path, found.line, rule))
    for links in circles(imports):
        apps = " → ".join([links[0].source] + [f.target for f in links])
        by = "; ".join(f'{f.path}:{f.line} "{f.statement}"' for f in links)
        problems.append(Problem(links[0].path, links[0].line, f"circle between apps {apps}: {by}"))
    return problems, imports


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check that the apps depend downwards only.")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the directory that holds the coordinated_care package (default: this repository)",
    )
    args = parser.parse_args(argv)
    if not (args.root / PACKAGE).is_dir():
        print(f"No {PACKAGE} package under {args.root}.", file=sys.stderr)
        return 2
    problems, imports = check(args.root)
    if problems:
        print(f"The apps' layers do not hold ({len(problems)} problems; the order is in scripts/check_layers.py):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(f"Layers hold: {len(imports)} imports between apps, all downwards.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
