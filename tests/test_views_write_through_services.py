"""No view writes to the database itself: views parse, authorise and call a service
(each write atomic, with its audit row, in the app's service module). This reads the
views' source, so a write added to a view fails here before review."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("camp", "cms", "courses", "gals")
# Model and queryset methods that write rows. ``update`` is left out: views update
# dicts (contexts, initial data) and a queryset ``update`` is caught by review of
# the services instead.
WRITES = {"save", "delete", "create", "get_or_create", "update_or_create",
          "bulk_create", "bulk_update", "add", "remove", "clear"}
# Receivers whose methods of those names do not touch the database.
NOT_THE_DATABASE = {"cache", "messages", "ticks", "seen", "errors", "response", "headers"}


def view_modules() -> list[Path]:
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if "views" in path.stem or path.parent.name == "views":
                found.append(path)
    return sorted(found)


def writes_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name not in WRITES:
            continue
        receiver = ast.unparse(node.func.value)
        if receiver.split(".")[-1] in NOT_THE_DATABASE:
            continue
        if name == "save" and any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        ):
            continue  # a form's unsaved instance, handed to a service
        found.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}()")
    return found


def test_the_scan_finds_the_views():
    names = {str(p.relative_to(ROOT)) for p in view_modules()}
    assert {"camp/views.py", "gals/views.py", "courses/views.py"} <= names


def test_the_scan_sees_a_write(tmp_path):
    probe = tmp_path / "views.py"
    probe.write_text("def v(request):\n    Camp.objects.create(title='x')\n"
                     "    form.save()\n    form.save(commit=False)\n")
    assert [w.split(" ", 1)[1] for w in writes_in(probe)] == [
        "Camp.objects.create()", "form.save()"]


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_view_writes_to_the_database_itself(path):
    assert writes_in(path) == []
