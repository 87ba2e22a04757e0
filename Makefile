# Intaj Portal: every command a developer needs. `make help` lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install messages migrate demo run test lint format makemessages check-deploy worker beat bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the pinned dependencies

messages: install ## Compile the Arabic translations
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity 0

migrate: messages ## Create or update the database (SQLite in var/ unless DATABASE_URL is set)
	mkdir -p var
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo accounts (and print their passwords), the demo year's applications and licences, and its exhibitions and courses
	$(MANAGE) load_demo
	$(MANAGE) load_demo_data

run: demo ## Set everything up and serve the portal on HOST:PORT (127.0.0.1:8000); e-mailed links follow
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

test: messages ## Run the whole test suite (unit, client and browser tests) and print its coverage
	$(PY) -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: install ## ruff check and ruff format --check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install ## Fix what ruff can fix and format the code
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

makemessages: install ## Extract translatable strings into locale/ar (then translate them)
	$(MANAGE) makemessages --locale ar --no-location --no-obsolete --ignore=$(VENV)

check-deploy: install ## Django's deployment checklist on production settings
	DJANGO_ENV=production DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-intaj.example.ae} \
	SITE_URL=$${SITE_URL:-https://intaj.example.ae} \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/intaj} \
	$(MANAGE) check --deploy --fail-level WARNING

worker: install ## A Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A intaj_portal worker --loglevel INFO

beat: install ## Celery beat, the scheduler (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A intaj_portal beat --loglevel INFO

bench: messages ## Measure the main pages on 100,000 applications with gunicorn (PostgreSQL; BENCH_ARGS="--only …")
	$(PY) bench/run.py $(BENCH_ARGS)

clean: ## Remove the virtual environment, the local database and caches
	rm -rf $(VENV) var staticfiles test-artifacts .pytest_cache .ruff_cache .coverage
