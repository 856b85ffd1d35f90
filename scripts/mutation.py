"""Mutation testing of the modules that guard children and schedules (``make mutation``).

For each module below, cosmic-ray changes the code one small way at a time (a ``<`` for
a ``<=``, an ``and`` for an ``or``, a ``True`` for a ``False``, ...) and runs the tests
that cover the module; a change the tests do not notice "survives" and points at a
missing test. Cosmic-ray edits the files it mutates, so the run works on a copy of the
tree in ``$TMPDIR/techcamp-mutation/<module>/``, never on the checkout itself.

    python scripts/mutation.py                    # every module, one after the other
    python scripts/mutation.py cms/core/permissions.py # one module
    python scripts/mutation.py --list             # the modules and their tests

The tests run on PostgreSQL with a test database kept between mutants (``--reuse-db``),
so each mutant pays for pytest's start and its tests, not for the migrations. The score
is the share of mutants killed; the survivors are listed with their diffs in
``$TMPDIR/techcamp-mutation/<module>.report.txt``. Not part of CI: a module takes
minutes to half an hour.
"""

import argparse
import ast
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "techcamp-mutation"
VENV_BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "MUTATION_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/techcamp_mutation")

MATRIX = "tests/test_role_matrix.py"
#: The rules' own tests beside the matrix: ``can`` against the lists each rule guards,
#: and the actions asked inside pages rather than guarding a view.
RULE_TESTS = ["tests/cms/test_permissions.py", "tests/test_lists_agree_with_can.py",
              "tests/test_rules_inside_pages.py"]
#: Each module, and the fast tests that cover it. For a rules module, MATRIX stands for
#: the rows of the role matrix that run its code (``matrix_rows``), not the whole matrix.
MODULES = {
    "cms/core/permissions.py": ["tests/cms/test_permissions.py"],
    # Every signed-in page asks this module (base.html's offline name picker), so its
    # rows are nearly the whole matrix (1,163 of 1,300): its own tests go first, and a
    # mutant they kill stops there (-x) before the rows.
    "cms/core/rules.py": [*RULE_TESTS, MATRIX],
    "camp/rules.py": [MATRIX, *RULE_TESTS],
    "camp/accounts/rules.py": [MATRIX, *RULE_TESTS],
    "courses/rules.py": [MATRIX, *RULE_TESTS],
    "gals/rules.py": [MATRIX, *RULE_TESTS],
    "gals/rights/rules.py": [MATRIX, *RULE_TESTS],
    "gals/invites/rules.py": [MATRIX, *RULE_TESTS],
    "camp/care/rules.py": [MATRIX, *RULE_TESTS],
    "camp/certificates/rules.py": [MATRIX, *RULE_TESTS],
    "camp/impact/rules.py": [MATRIX, *RULE_TESTS],
    "camp/scheduling.py": ["tests/camp/test_scheduling.py",
                           "tests/camp/test_outside_transactions.py"],
    "camp/certificates/codes.py": ["tests/certificates/test_codes.py"],
    # The rule itself, then the pages and exports a partner reads (HTML, CSV, XLSX, PDF)
    # and the knowledge-gain table, which hide what the rule hides.
    "camp/impact/suppression.py": ["tests/impact/test_suppression.py",
                                   "tests/impact/test_pages.py",
                                   "tests/impact/test_knowledge_gain.py"],
    # With the tests that commit, as the pages call these services outside a transaction
    # (PostgreSQL refuses a row lock without one); the database every mutant reuses is
    # filled again behind them (tests/conftest.py).
    "camp/enrolment.py": ["tests/camp/test_enrolment.py",
                          "tests/camp/test_outside_transactions.py"],
    "camp/attendance.py": ["tests/camp/test_attendance.py",
                           "tests/camp/test_outside_transactions.py"],
}
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "media", "media-private", "staticfiles",
    "screenshots", "__pycache__", "*.sqlite3*", ".hypothesis", ".ruff_cache")


def copy_tree(module: str) -> Path:
    """A fresh copy of the working tree (with uncommitted changes) for one module."""
    target = WORK / module.replace("/", "_").removesuffix(".py")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    return target


def matrix_rows(module: str) -> list[str]:
    """The role matrix's tests (a row and a role each) that run code of ``module``.

    Read once from a run of the whole matrix with ``tests/rules_used.py``, which notes
    the rules files each test calls into; kept in ``$TMPDIR/techcamp-mutation/`` for
    the next module. A mutant of a rules module can only change what these tests see:
    a role refused before any rule is asked (signed out, say) never reaches it.
    """
    used = WORK / "rules-used.jsonl"
    if not used.exists():
        partial = used.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        recorded = run([str(VENV_BIN / "python"), "-m", "pytest", "-q", "-n", "2",
                        "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "tests.rules_used",
                        MATRIX], ROOT, capture_output=True, extra={"RULES_USED": str(partial)})
        if recorded.returncode != 0:
            sys.exit(f"the role matrix fails:\n{recorded.stdout[-3000:]}")
        partial.rename(used)
    rows = []
    for line in used.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if module in entry["rules"]:
            rows.append(entry["test"])
    return sorted(rows)


def tests_for(module: str) -> list[str]:
    tests = []
    for test in MODULES[module]:
        tests += matrix_rows(module) if test == MATRIX else [test]
    return tests


def write_config(tree: Path, module: str, tests: list[str], timeout: float) -> Path:
    pytest = (f"{VENV_BIN / 'python'} -m pytest -x -q -n 0 -p no:cacheprovider --reuse-db "
              f"-p no:randomly --durations=0 " + " ".join(shlex.quote(t) for t in tests))
    config = tree / "mutation.toml"
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{module}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f'test-command = "{pytest}"\n\n'
        "[cosmic-ray.distributor]\n"
        'name = "local"\n',
        encoding="utf-8")
    return config


def annotation_spans(source: str) -> list[tuple[int, int, int, int]]:
    """Where the module's type annotations are (first line, column, last line, column).

    With ``from __future__ import annotations`` they are never evaluated, so a mutant
    that turns ``str | None`` into ``str + None`` changes nothing and cannot be killed.
    """
    spans = []
    for node in ast.walk(ast.parse(source)):
        found = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(node.returns)
            arguments = node.args
            for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                        arguments.vararg, arguments.kwarg]:
                found.append(arg.annotation if arg else None)
        elif isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
        spans += [(a.lineno, a.col_offset, a.end_lineno, a.end_col_offset) for a in found if a]
    return spans


def skip_annotation_mutants(tree: Path, module: str, session: Path) -> int:
    """Mark the mutants inside annotations as skipped; return how many."""
    from cosmic_ray.work_db import use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    source = (tree / module).read_text(encoding="utf-8")
    future = "from __future__ import annotations" in source
    spans = annotation_spans(source) if future else []

    def inside(position) -> bool:
        line, column = position
        return any((line, column) >= (l1, c1) and (line, column) <= (l2, c2)
                   for l1, c1, l2, c2 in spans)

    skipped = 0
    with use_db(str(session)) as db:
        for item in list(db.pending_work_items):
            if all(inside(mutation.start_pos) for mutation in item.mutations):
                db.set_result(item.job_id, WorkResult(
                    output="in a type annotation", worker_outcome=WorkerOutcome.SKIPPED))
                skipped += 1
    return skipped


def run(args: list[str], tree: Path, extra: dict | None = None,
        **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "PYTHONDONTWRITEBYTECODE": "1",
           **(extra or {})}
    env.pop("REDIS_URL", None)
    return subprocess.run(args, cwd=tree, env=env, text=True, **kwargs)  # noqa: S603 (our own commands)


def mutate(module: str, timeout: float) -> tuple[int, int]:
    """Run cosmic-ray on one module; return (mutants, survivors)."""
    tests = tests_for(module)
    if not tests:
        sys.exit(f"{module}: no test runs its code")
    tree = copy_tree(module)
    session = tree / "session.sqlite"
    started = time.monotonic()
    cosmic = str(VENV_BIN / "cosmic-ray")
    # The baseline, and the one test database every mutant then reuses (--reuse-db).
    baseline = run([str(VENV_BIN / "python"), "-m", "pytest", "-x", "-q", "-n", "0",
                    "-p", "no:cacheprovider", "-p", "no:randomly", "--create-db", *tests], tree,
                   capture_output=True)
    if baseline.returncode != 0:
        sys.exit(f"{module}: the tests fail before any mutation:\n{baseline.stdout[-3000:]}"
                 f"{baseline.stderr[-3000:]}")
    # A mutant that makes the code loop for ever is killed by the timeout: three times
    # the baseline's time, unless given.
    timeout = timeout or round(3 * (time.monotonic() - started) + 30)
    config = write_config(tree, module, tests, timeout)
    run([cosmic, "init", str(config), str(session)], tree, check=True)
    skipped = skip_annotation_mutants(tree, module, session)
    run([cosmic, "--verbosity=ERROR", "exec", str(config), str(session)], tree, check=True)
    report = run([str(VENV_BIN / "cr-report"), "--show-diff", "--surviving-only", str(session)],
                 tree, capture_output=True, check=True).stdout
    (WORK / f"{tree.name}.report.txt").write_text(report, encoding="utf-8")
    total = int(re.search(r"total jobs: (\d+)", report).group(1)) - skipped
    found = re.search(r"surviving mutants: (\d+)", report)
    survivors = int(found.group(1)) if found else 0
    minutes = (time.monotonic() - started) / 60
    score = 100 * (total - survivors) / total if total else 100.0
    print(f"{module}: {total} mutants ({skipped} in annotations left out), "
          f"{survivors} survived, score {score:.1f} % "
          f"({minutes:.1f} min; survivors in {WORK / tree.name}.report.txt)", flush=True)
    return total, survivors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all)")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests")
    parser.add_argument("--timeout", type=float, default=0,
                        help="seconds before a mutant's test run counts as killed (a hang); "
                             "default: three times the tests' own time, plus 30 s")
    options = parser.parse_args()
    if options.list:
        for module, tests in MODULES.items():
            print(f"{module}: {' '.join(tests)}")
        print(f"{MATRIX}: its rows that run the module's code ({MATRIX} with -p "
              "tests.rules_used notes them)")
        return
    unknown = [m for m in options.modules if m not in MODULES]
    if unknown:
        sys.exit(f"not a module of the mutation list: {', '.join(unknown)} (see --list)")
    WORK.mkdir(exist_ok=True)
    results = {module: mutate(module, options.timeout) for module in options.modules or MODULES}
    print("\nmodule | mutants | survived | score")
    for module, (total, survivors) in results.items():
        score = 100 * (total - survivors) / total if total else 100.0
        print(f"{module} | {total} | {survivors} | {score:.1f} %")


if __name__ == "__main__":
    main()
