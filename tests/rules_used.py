"""Which tests run the code of which ``rules.py``: a pytest plugin for ``make mutation``.

    pytest -p tests.rules_used tests/test_role_matrix.py   (RULES_USED=<file>)

Each test that calls a function defined in a ``rules.py`` of the project adds one line
to the file ``RULES_USED`` names: its node id and those files. ``scripts/mutation.py``
then runs, for each changed rules module, only the rows of the role matrix that ask it,
instead of the whole matrix for every mutant. Off unless loaded with ``-p``; it slows
the tests it watches (a profile function sees every call).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _rules_file(filename: str) -> str | None:
    if not filename.endswith("rules.py") or not filename.startswith(str(ROOT)):
        return None
    return Path(filename).relative_to(ROOT).as_posix()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    seen: set[str] = set()

    def profile(frame, event, _arg):
        if event == "call":
            found = _rules_file(frame.f_code.co_filename)
            if found:
                seen.add(found)

    sys.setprofile(profile)
    threading.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(None)
        threading.setprofile(None)
    if seen:
        line = json.dumps({"test": item.nodeid, "rules": sorted(seen)}) + "\n"
        # One short write per test in append mode: workers of pytest-xdist do not mix lines.
        with open(os.environ["RULES_USED"], "a", encoding="utf-8") as out:
            out.write(line)
