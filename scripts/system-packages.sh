#!/usr/bin/env bash
# The system packages each target needs, checked before anything slow starts.
#   scripts/system-packages.sh run|test|server|docker
# run:    serve the site (`make run`): gettext, WeasyPrint's Pango, HarfBuzz's font
#         subsetter (without it a certificate takes several times longer), DejaVu fonts,
#         npm (`make setup` installs the certificate checker's QR decoder with it).
# test:   run adds what the tests call (`make test`): Chromium, Java for the HTML
#         checker (vnu), poppler's pdffonts, the PostgreSQL client (backup test)
#         and nginx for the acceptance suite; the PostgreSQL server binaries (initdb,
#         postgres) and redis-server for the cluster test (deploy/cluster/run.py).
# server: run without npm (the image takes the decoder from a build stage), with the
#         PostgreSQL client for backups (deploy/Dockerfile).
# docker: docker-compose, for `make docker-lint` (no container daemon).
# Each package is checked by what the project uses of it (a command, a library, a font),
# so one installed some other way counts. What is missing is installed with apt-get when
# this may (root, or `sudo -n`); otherwise the script prints the command and fails.
set -euo pipefail

# package:kind:what   kind is cmd (a command), lib (a shared library), file (a path),
#                     pgbin (a PostgreSQL server program, in /usr/lib/postgresql/*/bin).
SERVE=(
  gettext:cmd:msgfmt
  libpango-1.0-0:lib:libpango-1.0.so.0
  libpangoft2-1.0-0:lib:libpangoft2-1.0.so.0
  libharfbuzz-subset0:lib:libharfbuzz-subset.so.0
  fonts-dejavu-core:file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
)
RUN=(
  "${SERVE[@]}"
  npm:cmd:npm
)
TEST=(
  "${RUN[@]}"
  chromium:cmd:chromium
  default-jre-headless:cmd:java
  poppler-utils:cmd:pdffonts
  postgresql-client:cmd:pg_dump
  # nginx-light, not nginx: the full package's modules are not needed, and on some
  # machines its dependencies are held.
  nginx-light:cmd:nginx
  # The acceptance suite's self-signed certificate.
  openssl:cmd:openssl
  # The cluster test's own PostgreSQL cluster and Redis.
  postgresql:pgbin:initdb
  postgresql:pgbin:postgres
  redis-server:cmd:redis-server
)
SERVER=(
  "${SERVE[@]}"
  postgresql-client:cmd:pg_dump
)
DOCKER=(
  docker-compose:cmd:docker-compose
)

case "${1:-}" in
  run) wanted=("${RUN[@]}") ;;
  test) wanted=("${TEST[@]}") ;;
  server) wanted=("${SERVER[@]}") ;;
  docker) wanted=("${DOCKER[@]}") ;;
  *) echo "usage: $0 run|test|server|docker" >&2; exit 2 ;;
esac

libraries=""
have() {
  case "$1" in
    cmd) command -v "$2" >/dev/null || [ -x "/usr/sbin/$2" ] || [ -x "/sbin/$2" ] ;;
    lib)
      if [ -z "$libraries" ]; then
        libraries="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null || true)"
      fi
      [[ "$libraries" == *"$2 "* ]] ;;
    file) [ -e "$2" ] ;;
    pgbin) compgen -G "/usr/lib/postgresql/*/bin/$2" >/dev/null || command -v "$2" >/dev/null ;;
  esac
}

missing_packages() {
  local entry package kind what seen=" "
  for entry in "${wanted[@]}"; do
    IFS=: read -r package kind what <<<"$entry"
    if [[ "$seen" != *" $package "* ]] && ! have "$kind" "$what"; then
      seen+="$package "
      printf '%s\n' "$package"
    fi
  done
}

mapfile -t missing < <(missing_packages)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "system packages missing for '$1': ${missing[*]}" >&2
command="apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null; then
  echo "Install them with your system's package manager, then run this again." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Install them, then run this again:" >&2
  echo "  sudo apt-get update && sudo $command" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  # One held or conflicting package (npm against a nodejs that brings its own, say)
  # must not keep the others out: try each alone, then say which still fails.
  for package in "${missing[@]}"; do
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null \
      || echo "apt-get could not install $package" >&2
  done
fi
libraries=""
mapfile -t still < <(missing_packages)
if [ ${#still[@]} -gt 0 ]; then
  echo "system packages still missing for '$1': ${still[*]}" >&2
  exit 1
fi
echo "system packages installed: ${missing[*]}"
