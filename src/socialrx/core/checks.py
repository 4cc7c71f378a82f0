"""System check: every permission name the code asks for is one an app declared.

django-rules answers False for a name nobody registered, so a typo in `require(...)` would
quietly lock everyone out (or, behind `not allowed(...)`, hide a page from the people it is
for). This check reads the project's source and templates and fails `socialrx check` (and so
runserver, migrate and CI) on such a name; `socialrx check --tag permissions` runs it alone.

Where names are found:
- Python: a string literal passed as the permission of `require(user, perm)`,
  `allowed(user, perm)` or `has_perm(perm)`, or of any function that passes one of its own
  parameters on as that permission (`organization_for(user, id, "membership.view_billing")`,
  a view's `_staff(request, "...")` helper); `perm="..."` keyword arguments anywhere; defaults
  of parameters named `perm`.
- Templates: `{% has_perm "app_label.codename" ... %}` from rules' template tags.

Known names are those the apps declared in their rules.py, plus Django's model permissions
("accounts.view_user"), which `has_perm` also answers.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.checks import Error, register

from .permissions import declared

# The project's package (src/socialrx): its apps, templates, API and URL configuration.
SOURCE_ROOTS: tuple[Path, ...] = (Path(__file__).resolve().parent.parent,)

Askers = dict[str, tuple[int | None, str]]

# Where each asker takes the permission name: (position, keyword).
ASKERS: Askers = {
    "require": (1, "perm"),  # require(user, perm, obj)
    "allowed": (1, "perm"),  # allowed(user, perm, obj)
    "has_perm": (0, "perm"),  # user.has_perm(perm, obj), rules.has_perm(perm, user, obj)
}
PERM_KEYWORD = "perm"
TEMPLATE_HAS_PERM = re.compile(r"""\{%\s*has_perm\s+(["'])(?P<name>[^"']*)\1""")
TEMPLATE_SUFFIXES = (".html", ".txt")
SKIPPED_DIRECTORIES = frozenset({"migrations", "__pycache__", "node_modules"})


@dataclass(frozen=True)
class PermissionUse:
    name: str
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def _files(roots: Iterable[Path], suffixes: tuple[str, ...]) -> Iterator[Path]:
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in suffixes and not SKIPPED_DIRECTORIES & set(path.parts):
                yield path


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _perm_argument(call: ast.Call, askers: Askers) -> ast.expr | None:
    """The expression an asker call passes as the permission name, if any."""
    position, keyword = askers[_callee(call)]
    if position is not None and len(call.args) > position:
        argument = call.args[position]
        return None if isinstance(argument, ast.Starred) else argument
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _calls_by_function(trees: Iterable[ast.AST]) -> list[tuple[ast.AST, list[ast.Call]]]:
    """Every function definition with the calls in its body (read once, then matched against
    a growing set of askers)."""
    return [
        (node, [call for call in ast.walk(node) if isinstance(call, ast.Call) and _callee(call)])
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def _forwarding(function, calls: list[ast.Call], askers: Askers) -> tuple[int | None, str] | None:
    """(position, keyword) of the parameter `function` passes on as a permission name."""
    positional = [argument.arg for argument in (*function.args.posonlyargs, *function.args.args)]
    if positional and positional[0] in ("self", "cls"):
        positional = positional[1:]  # called as a method: the first argument is implicit
    keyword_only = {argument.arg for argument in function.args.kwonlyargs}
    for call in calls:
        if _callee(call) in askers:
            argument = _perm_argument(call, askers)
            if isinstance(argument, ast.Name):
                if argument.id in positional:
                    return positional.index(argument.id), argument.id
                if argument.id in keyword_only:
                    return None, argument.id
    return None


def _askers(trees: Iterable[ast.AST]) -> Askers:
    """ASKERS and every function that passes one of its parameters on to one as the
    permission name (`organization_for(user, public_id, perm)`, `_staff(request, perm)`),
    found until no new one appears."""
    functions = _calls_by_function(trees)
    askers = dict(ASKERS)
    while True:
        found = {
            function.name: spec
            for function, calls in functions
            if function.name not in askers and (spec := _forwarding(function, calls, askers))
        }
        if not found:
            return askers
        askers.update(found)


def _python_uses(path: Path, tree: ast.AST, askers: Askers) -> Iterator[PermissionUse]:
    for node in ast.walk(tree):
        candidates: list[ast.expr | None] = []
        if isinstance(node, ast.Call):
            if _callee(node) in askers:
                candidates.append(_perm_argument(node, askers))
            else:
                candidates.extend(k.value for k in node.keywords if k.arg == PERM_KEYWORD)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            defaults = zip(
                positional[len(positional) - len(arguments.defaults) :],
                arguments.defaults,
                strict=True,
            )
            keyword_defaults = zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
            candidates.extend(
                default
                for argument, default in (*defaults, *keyword_defaults)
                if argument.arg == PERM_KEYWORD
            )
        for candidate in candidates:
            if isinstance(candidate, ast.Constant) and isinstance(candidate.value, str):
                yield PermissionUse(candidate.value, path, candidate.lineno)


def _template_uses(path: Path) -> Iterator[PermissionUse]:
    text = path.read_text(encoding="utf-8", errors="replace")
    for match in TEMPLATE_HAS_PERM.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield PermissionUse(match["name"], path, line)


def permission_uses(roots: Iterable[Path]) -> list[PermissionUse]:
    """Every permission name asked for in the Python source and templates under `roots`."""
    roots = tuple(roots)
    trees = {}
    for path in _files(roots, (".py",)):
        try:
            trees[path] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError:
            continue  # Python's own import reports it, better than this check could
    askers = _askers(trees.values())
    uses = [use for path, tree in trees.items() for use in _python_uses(path, tree, askers)]
    uses.extend(use for path in _files(roots, TEMPLATE_SUFFIXES) for use in _template_uses(path))
    return uses


def known_permissions() -> frozenset[str]:
    """Names the apps declared, and Django's model permissions ("app_label.view_model")."""
    model_permissions = {
        f"{model._meta.app_label}.{codename}"
        for model in apps.get_models()
        for codename in (
            *(f"{action}_{model._meta.model_name}" for action in model._meta.default_permissions),
            *(codename for codename, _ in model._meta.permissions),
        )
    }
    return declared() | model_permissions


@register("permissions")
def check_permission_names(app_configs=None, **kwargs) -> list[Error]:
    known = known_permissions()
    return [
        Error(
            f"Permission {use.name!r} is asked for, but no app declares it.",
            hint="Declare it in the owning app's rules.py, or correct the name.",
            obj=str(use),
            id="socialrx.E001",
        )
        for use in permission_uses(SOURCE_ROOTS)
        if use.name not in known
    ]
