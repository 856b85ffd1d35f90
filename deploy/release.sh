#!/usr/bin/env bash
# Release the code that is in the app folder on this server, by restart (never reload).
#
#   deploy/release.sh            all steps, on a single server
#   deploy/release.sh prepare    several servers: run on every server first (no restart)
#   deploy/release.sh migrate    then once, on one server
#   deploy/release.sh restart    then on each server in turn, behind the load balancer
#
# prepare:  checks /healthz, compiles the message catalogues and collects static files
#           WITHOUT --clear: the old release's hashed files stay beside the new ones, so
#           a page of either release finds its stylesheet during the switch.
# migrate:  manage.py migrate (expand steps only while old code still runs: see
#           docs/deploy.md, "Releasing").
# restart:  restarts the web processes and the worker (a new gunicorn master loads the
#           new code and static manifest: a reload would keep the old ones), waits for
#           /healthz, then fetches a static file named by the new manifest.
#
# Settings (environment): APP (the app folder, default: this script's parent),
# PYTHON (default $APP/.venv/bin/python), HEALTH_URL (default
# http://127.0.0.1:8000/healthz), HEALTH_HOST (the Host header, default the first of
# ALLOWED_HOSTS), RESTART_WEB (default "systemctl restart techcamp-web"),
# RESTART_WORKER (default "systemctl restart techcamp-worker"; empty: none on this
# server), WAIT (seconds to wait for health, default 60), FORCE=1 (go on although
# the site is unhealthy before the release).
set -euo pipefail

APP="${APP:-$(cd "$(dirname "$0")/.." && pwd)}"
PYTHON="${PYTHON:-$APP/.venv/bin/python}"
HEALTH_URL="${HEALTH_URL:-http://127.0.0.1:8000/healthz}"
HEALTH_HOST="${HEALTH_HOST:-${ALLOWED_HOSTS%%,*}}"
RESTART_WEB="${RESTART_WEB-systemctl restart techcamp-web}"
RESTART_WORKER="${RESTART_WORKER-systemctl restart techcamp-worker}"
WAIT="${WAIT:-60}"
step="${1:-all}"

say() { printf 'release: %s\n' "$*"; }
fail() { printf 'release: FAILED: %s\n' "$*" >&2; exit 1; }

# GET a URL of the app; prints the status code (000 when nothing answers).
status_of() {
  local url="$1"
  local host_header=()
  [ -n "$HEALTH_HOST" ] && host_header=(-H "Host: $HEALTH_HOST")
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${host_header[@]}" "$url" || true
}

healthy() { [ "$(status_of "$HEALTH_URL")" = "200" ]; }

wait_healthy() {
  local waited=0
  until healthy; do
    waited=$((waited + 1))
    [ "$waited" -ge "$WAIT" ] && return 1
    sleep 1
  done
}

manage() { (cd "$APP" && "$PYTHON" manage.py "$@"); }

check_before() {
  if healthy; then
    say "healthy before the release ($HEALTH_URL)"
  elif [ "${FORCE:-0}" = "1" ]; then
    say "NOT healthy before the release; going on (FORCE=1)"
  else
    fail "$HEALTH_URL is not healthy before the release (FORCE=1 to go on)"
  fi
}

prepare() {
  check_before
  manage compilemessages -v0 --ignore ".venv/*"
  # No --clear: the previous release's hashed files stay and are still served.
  manage collectstatic --noinput -v0
  say "static files collected (old ones kept), messages compiled"
}

migrate() {
  manage migrate --noinput -v1
  say "migrated"
}

# A static file named by the new manifest, as the new pages will ask for it.
check_new_static() {
  local name
  name="$(cd "$APP" && "$PYTHON" - <<'PY'
import django
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
print(static("css/site.css"))
PY
)"
  local base="${HEALTH_URL%/healthz*}"
  local code
  code="$(status_of "$base$name")"
  [ "$code" = "200" ] || fail "the new release's $name answers $code"
  say "the new release's static file answers 200 ($name)"
}

restart() {
  [ "$step" = "restart" ] && check_before
  say "restarting: $RESTART_WEB"
  sh -c "$RESTART_WEB"
  if [ -n "$RESTART_WORKER" ]; then
    say "restarting: $RESTART_WORKER"
    sh -c "$RESTART_WORKER"
  fi
  wait_healthy || fail "$HEALTH_URL not healthy within ${WAIT}s after the restart"
  say "healthy after the release"
  check_new_static
}

case "$step" in
  prepare) prepare ;;
  migrate) migrate ;;
  restart) restart ;;
  all) prepare; migrate; restart ;;
  *) fail "unknown step $step (prepare, migrate, restart, or none for all)" ;;
esac
say "done ($step)"
