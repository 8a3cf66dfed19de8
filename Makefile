# Two commands for a newcomer: `make run` and `make test`. Everything goes through .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every dependency of the project and its test extra, pinned with hashes (`make lock` writes it).
LOCK := requirements/lock.txt

.PHONY: install lock run test test-app test-e2e lint check check-migrations check-catalogs audit \
	format keys clean bench bench-1m

install: $(STAMP)

# The lock gives the versions (pip checks every file against its hash); the project itself is
# installed editable on top, without resolving anything. pip check fails if pyproject.toml
# asks for something the lock lacks: run `make lock`.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# Rewrites the lock from pyproject.toml for Python 3.11 on Linux x86_64, keeping the current
# pins where they still fit. Upgrades: `make lock LOCK_ARGS=--upgrade` (or
# `LOCK_ARGS='--upgrade-package django'`).
LOCK_ARGS ?=
lock:
	test -x $(BIN)/uv || $(MAKE) install
	$(BIN)/uv pip compile pyproject.toml --extra test \
	  --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	  --generate-hashes --custom-compile-command 'make lock' --quiet \
	  $(LOCK_ARGS) --output-file $(LOCK)

# Local key material, kept outside the database and out of git (see SECURITY.md).
.env: | $(STAMP)
	$(BIN)/python -m privacy.keygen --with-secret-key > .env.tmp && mv .env.tmp .env
	@echo "Wrote .env with fresh local keys (keep it; data encrypted with them needs it)."

keys: .env

# Every process names its settings (config/settings_module.py): the development server uses the
# development settings and, only here, the keys in .env.
run: export DJANGO_SETTINGS_MODULE = config.settings.dev
run: export DJANGO_READ_DOT_ENV_FILE = 1
run: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The browser suite runs in its own pytest process: its flushes must not meet the other tests.
test: test-app test-e2e

# pytest reads config.settings.test from pyproject.toml, but a DJANGO_SETTINGS_MODULE exported in
# the shell would win over it: name the test settings here.
test-app test-e2e: export DJANGO_SETTINGS_MODULE = config.settings.test

test-app: install
	$(BIN)/python -m pytest -m 'not e2e'

test-e2e: install
	$(BIN)/python -m pytest -m e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Checks of the tree that CI runs (with the test settings; no database is opened): every model
# change has its migration (.ci/check_migrations.py), and every string of the source, the
# portal's and the back office's, is in the translation catalog with its translation, compiled
# (.ci/check_catalogs.py).
check: check-migrations check-catalogs

check-migrations: install
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL='sqlite://:memory:' \
	  $(BIN)/python .ci/check_migrations.py

check-catalogs: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python .ci/check_catalogs.py

# bandit must be clean. pip-audit fails on a known vulnerability; if PyPI's advisory service
# cannot be reached it warns and does not fail the build on that alone.
AUDIT_APPS := config privacy cases reporting backups $(wildcard search campaigns cms api staff_intake)

audit: install
	$(BIN)/bandit -c pyproject.toml -q -r $(AUDIT_APPS)
	@log=$$(mktemp); $(BIN)/pip-audit --progress-spinner off --skip-editable > $$log 2>&1; \
	status=$$?; cat $$log; \
	unaudited=$$(grep -c "could not be audited" $$log); \
	if [ $$status -eq 0 ] && [ $$unaudited -gt 0 ]; then rm -f $$log; \
	  echo "WARNING: pip-audit could not look up $$unaudited dependencies (PyPI's JSON API unreachable?): they were NOT audited." >&2; exit 0; fi; \
	if [ $$status -eq 0 ]; then rm -f $$log; exit 0; fi; \
	if grep -qE "^Name +Version +ID|Found [0-9]+ known vulnerabilit" $$log; then \
	  rm -f $$log; echo "pip-audit found known vulnerabilities" >&2; exit 1; fi; \
	rm -f $$log; \
	echo "WARNING: pip-audit could not check the dependencies (no network to PyPI?); not failing on that alone." >&2

# Benchmarks on the local PostgreSQL (database equity_bench_<size>; see docs/benchmarks.md).
bench: install
	$(BIN)/python -m bench.run --size 100000

bench-1m: install
	$(BIN)/python -m bench.run --size 1000000

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
