# The two commands a newcomer needs are `make run` and `make test`; `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run serve test test-fast lint lock assets migrate demo bench soak eval-pii eval-criteria clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Stamp files make a second `make run` skip work that is already done.
$(VENV)/.installed: requirements.lock | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/.built: node_modules/.installed $(shell find assets -type f 2>/dev/null)
	npm run --silent build
	@touch $@

assets: build/static/.built ## Build the NHS.UK front-end assets

migrate: $(VENV)/.installed ## Apply database migrations
	$(MANAGE) migrate --noinput -v 0

demo: migrate ## Load the framework and the demo data (idempotent)
	$(MANAGE) seed_demo

run: $(VENV)/.installed assets demo ## Start the service at http://127.0.0.1:8000 with demo data
	$(MANAGE) runserver $(HOST):$(PORT)

# Production's own path: its settings (every secret from the environment, docs/deployment.md),
# static files collected and compressed for whitenoise, migrations, then gunicorn's workers.
PRODUCTION := DJANGO_SETTINGS_MODULE=coordinated_care.config.settings.production

serve: $(VENV)/.installed assets ## Run as production does: gunicorn, production settings (needs the variables of docs/deployment.md)
	$(PRODUCTION) $(MANAGE) check --deploy
	$(PRODUCTION) $(MANAGE) collectstatic --noinput -v 0
	$(PRODUCTION) $(MANAGE) migrate --noinput -v 0
	$(PRODUCTION) HOST=$(HOST) PORT=$(PORT) exec $(BIN)/gunicorn -c coordinated_care/config/gunicorn.py coordinated_care.config.wsgi

# One pytest process per core, each with its own test database, given the tests one by one so
# that no long module holds one worker while the others wait; a module with a fixture made once for
# the module (a browser, shared data) stays together on one worker (the root conftest groups it).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# The browser journeys drive Debian's Chromium (never a browser download): a machine without it
# gets it where it can (as root, with apt), and otherwise stops at once saying what to install.
CHROMIUM := $(or $(CHROMIUM_EXECUTABLE),/usr/bin/chromium)

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser journeys"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation; \
	else \
		echo "The browser journeys need Chromium at $(CHROMIUM): install Debian's package" \
			"(sudo apt-get install chromium fonts-liberation), set CHROMIUM_EXECUTABLE to another Chromium," \
			"or run make test-fast to leave the journeys out." >&2; \
		exit 1; \
	fi

test: $(VENV)/.installed assets $(CHROMIUM) ## Run the whole test suite in parallel (set DATABASE_URL to test on PostgreSQL)
	$(PYTEST)

test-fast: $(VENV)/.installed assets ## Run the suite without the browser journeys
	$(PYTEST) -m "not browser"

lint: $(VENV)/.installed ## Format, lint rules, the apps' layers (docs/architecture.md) and migrations
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/python scripts/check_layers.py
	$(MANAGE) makemigrations --check --dry-run

# The pages served as `make serve` serves them, driven by concurrent clients at each size of synthetic
# data (docs/benchmarks.md). Empty BENCH_DATABASE_URL: PostgreSQL's portfolio_bench on 127.0.0.1 when
# it answers, made afresh, otherwise SQLite with a warning.
BENCH_DATABASE_URL ?=
BENCH_LEARNERS ?= 1000 10000
BENCH_CLIENTS ?= 16
BENCH_SECONDS ?= 10
BENCH_WORKERS ?= $(shell nproc 2>/dev/null | awk '{print 2 * $$1}')
# Production keeps its cache, sessions and rate limits in Redis: a database of its own here, emptied
# before each server starts. Set it empty to run without.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/13

bench: $(VENV)/.installed assets ## Drive the main pages of `make serve` at each size of synthetic data (BENCH_LEARNERS, BENCH_DATABASE_URL, BENCH_CLIENTS, BENCH_SECONDS, BENCH_WORKERS)
	@mkdir -p build
	url=$$($(BIN)/python -m coordinated_care.nonprod.bench_database $(BENCH_DATABASE_URL)) && \
	redis=$$($(BIN)/python -m coordinated_care.nonprod.bench_database --redis $(BENCH_REDIS_URL)) && \
	DATABASE_URL="$$url" REDIS_URL="$$redis" $(MANAGE) bench --learners $(BENCH_LEARNERS) --clients $(BENCH_CLIENTS) \
		--seconds $(BENCH_SECONDS) $(if $(BENCH_WORKERS),--workers $(BENCH_WORKERS)) \
		--output build/benchmarks-latest.md --docs docs/benchmarks.md

# Many clients for a long time against `make serve` (docs/benchmarks.md, Soak): answers that were not
# 200 and each worker's memory at the start and the end. Same database and Redis as make bench.
SOAK_LEARNERS ?= 1000
SOAK_CLIENTS ?= 50
SOAK_SECONDS ?= 600
SOAK_NOTE ?=
# A database and a Redis database of its own, made afresh, so that a soak and a bench never share one.
SOAK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portfolio_bench_soak
SOAK_REDIS_URL ?= redis://127.0.0.1:6379/12

soak: $(VENV)/.installed assets ## 50 clients for 10 minutes against `make serve`: errors and worker memory (SOAK_CLIENTS, SOAK_SECONDS, SOAK_LEARNERS, SOAK_DATABASE_URL)
	@mkdir -p build
	url=$$($(BIN)/python -m coordinated_care.nonprod.bench_database $(SOAK_DATABASE_URL)) && \
	redis=$$($(BIN)/python -m coordinated_care.nonprod.bench_database --redis $(SOAK_REDIS_URL)) && \
	DATABASE_URL="$$url" REDIS_URL="$$redis" $(MANAGE) soak --learners $(SOAK_LEARNERS) --clients $(SOAK_CLIENTS) \
		--seconds $(SOAK_SECONDS) $(if $(BENCH_WORKERS),--workers $(BENCH_WORKERS)) --note "$(SOAK_NOTE)" \
		--output build/soak-latest.md --docs docs/benchmarks.md

eval-pii: $(VENV)/.installed ## The confidentiality guard on its evaluation set: recall and precision per type, conditions, record numbers and singling-out details flagged, clean paragraphs interrupted, per part
	$(BIN)/python -m coordinated_care.confidentiality.evaluation

eval-criteria: $(VENV)/.installed ## Suggested criteria on their evaluation set: right criterion in the top three, per model and set (docs/suggestions.md)
	$(BIN)/python -m coordinated_care.portfolios.suggestions.evaluation

lock: $(BIN)/activate ## Re-pin the Python dependencies in requirements.lock
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 requirements.in -o requirements.lock

clean: ## Remove the virtual environment, node modules and built assets
	rm -rf $(VENV) node_modules build
