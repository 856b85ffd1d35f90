#!/usr/bin/env bash
# The lock must install on the oldest Python pyproject.toml accepts: Debian 12's own
# /usr/bin/python3 (3.11.2) is the one an NGO's server is most likely to have. A
# dry-run install into a throw-away venv on that Python fails here when a pin needs a
# newer one; a pin whose release was withdrawn (yanked) for that Python fails too.
#   scripts/check-python-floor.sh [python]   (default: $FLOOR_PYTHON or /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-${FLOOR_PYTHON:-/usr/bin/python3}}"
if [ ! -x "$python" ]; then
  echo "check-python-floor: $python not found (set FLOOR_PYTHON to the oldest supported Python)" >&2
  exit 1
fi
venv="$(mktemp -d "${TMPDIR:-/tmp}/python-floor.XXXXXX")"
log="$venv.log"
trap 'rm -rf "$venv" "$log"' EXIT
"$python" -m venv "$venv"
echo "check-python-floor: $("$python" --version) ($python)"
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --dry-run \
    -c requirements.lock -e ".[dev,mutation,docker]" >"$log" 2>&1; then
  grep -v '^WARNING: Location' "$log" >&2
  # pip names the conflicting pins, not why: say which of them needs a newer Python.
  for pin in $(grep -oE '\(constraint\) [A-Za-z0-9_.-]+==[^ ]+' "$log" | cut -d' ' -f2 | sort -u); do
    "$venv/bin/python" -m pip install --disable-pip-version-check --dry-run --no-deps \
      --ignore-installed "$pin" 2>&1 | grep -o 'Ignored the following versions that require.*' \
      | sed "s/^/check-python-floor: $pin: /" | cut -c1-300 >&2 || true
  done
  echo "check-python-floor: requirements.lock does not install on $("$python" --version)" >&2
  exit 1
fi
if grep -i -A1 'yanked' "$log" >&2; then
  echo "check-python-floor: a pinned release is withdrawn (yanked), see above" >&2
  exit 1
fi
echo "check-python-floor: requirements.lock resolves"
