"""The scripts' own unit tests (tests/js/, node's test runner) run with the suite, and
the client id the offline queue makes without crypto.randomUUID is one the server takes."""

import shutil
import subprocess
import uuid
from pathlib import Path

from courses.services import parse_client_id

ROOT = Path(__file__).resolve().parents[2]


def node() -> str:
    found = shutil.which("node")
    assert found, "node is missing: scripts/system-packages.sh test installs it"
    return found


def test_the_scripts_unit_tests_pass():
    tests = sorted(str(path) for path in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert tests
    result = subprocess.run([node(), "--test", *tests], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


MAKE_IDS = """
const vm = require("node:vm"), fs = require("node:fs"), { webcrypto } = require("node:crypto");
const self = { crypto: { getRandomValues: (b) => webcrypto.getRandomValues(b) } };
vm.runInNewContext(fs.readFileSync("static/js/offline-queue.js", "utf8"), { self, Uint8Array });
for (let i = 0; i < 20; i++) console.log(self.OfflineQueue.newId());
"""


def test_an_id_made_without_random_uuid_is_taken_by_the_server():
    """A phone without crypto.randomUUID (an older browser, or the site reached by a
    school's address without HTTPS) once sent ids the server could not read: its
    writes were refused. The server now reads every id the queue makes."""
    result = subprocess.run([node(), "-e", MAKE_IDS], capture_output=True, text=True,
                            timeout=60, cwd=ROOT, check=True)
    ids = result.stdout.split()
    assert len(ids) == 20
    for made in ids:
        assert parse_client_id(made) == uuid.UUID(made)
