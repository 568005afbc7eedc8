"""The shape of the entry points, read from their source with `ast`: route handlers stay short
and every Celery task calls exactly one service function (CONTRIBUTING.md, "The architecture
in ten lines"). The use case itself belongs in `services/`, where the API, the pages, the CLI
and the tasks share it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUTES = ROOT / "api" / "routes"
TASKS = ROOT / "workers" / "tasks.py"
MAX_HANDLER_LINES = 25  # of body, docstring included; the signature is not counted
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "api_route"})
# What a task may call besides its one service function: what the worker process provides
# (`workers.runtime`) and conversions of its arguments and result.
TASK_HELPERS = frozenset({"runtime", "str", "vars", "Solver"})

Function = ast.FunctionDef | ast.AsyncFunctionDef


def _functions(tree: ast.AST) -> list[Function]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _decorator_names(function: Function) -> set[str]:
    """The attribute names of the decorators: `router.get(...)` gives "get"."""
    names = set()
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute):
            names.add(target.attr)
    return names


def _body_lines(function: Function) -> int:
    end = function.end_lineno or function.lineno
    return end - function.body[0].lineno + 1


def route_handlers() -> dict[str, int]:
    """Every route handler of `api/routes/` (nested ones too) and its body's length."""
    found = {}
    for path in sorted(ROUTES.glob("*.py")):
        for function in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            if _decorator_names(function) & HTTP_METHODS:
                found[f"{path.name}:{function.name}"] = _body_lines(function)
    return found


def _call_root(call: ast.Call) -> str:
    """The first name of what is called: "cohorts" for `cohorts.publish_match(...)`."""
    node = call.func
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return node.id if isinstance(node, ast.Name) else ast.unparse(call.func)


def _service_modules(tree: ast.Module) -> set[str]:
    """The names `from services import a, b` (or `from services.events import c`) binds in
    the tasks module."""
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and (node.module == "services" or (node.module or "").startswith("services."))
        and node.module != "services.settings"
        for alias in node.names
    }


def task_calls() -> dict[str, list[str]]:
    """Every Celery task of `workers/tasks.py` and the calls it makes, by their first name."""
    tree = ast.parse(TASKS.read_text(encoding="utf-8"))
    return {
        function.name: [
            _call_root(n)
            for statement in function.body  # not the decorator's own call
            for n in ast.walk(statement)
            if isinstance(n, ast.Call)
        ]
        for function in _functions(tree)
        if "task" in _decorator_names(function)
    }


def test_the_checks_find_the_route_handlers_and_the_tasks() -> None:
    handlers = route_handlers()
    assert "introductions.py:request_introduction" in handlers
    assert any(name.startswith("records.py:") for name in handlers)  # nested in build_router
    assert len(task_calls()) >= 10


def test_no_route_handler_is_longer_than_25_lines() -> None:
    too_long = {name: n for name, n in route_handlers().items() if n > MAX_HANDLER_LINES}
    assert too_long == {}, "move the use case into services/: " + repr(too_long)


def test_every_task_calls_exactly_one_service_function() -> None:
    services = _service_modules(ast.parse(TASKS.read_text(encoding="utf-8")))
    wrong = {}
    for task, calls in task_calls().items():
        service_calls = [c for c in calls if c in services]
        others = [c for c in calls if c not in services and c not in TASK_HELPERS]
        if len(service_calls) != 1 or others:
            wrong[task] = calls
    assert wrong == {}, "a task calls one service function and nothing else: " + repr(wrong)
