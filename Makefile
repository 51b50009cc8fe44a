# Deffinov – one target per habit. `make run` and `make test` set everything up.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000
MANAGE = $(BIN)/python manage.py

.PHONY: install install-dev run serve test test-fast test-browser lint format check bench demo clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_territories --wet-run
	$(MANAGE) load_demo --wet-run

## Install, migrate, load reference and demo data, then serve the site and run the background worker.
run: demo
	@echo "Deffinov : http://127.0.0.1:$(PORT)/  (comptes de démonstration dans le README)"
	@trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) db_worker --interval 1 & \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## Every test: unit, integration and browser (Playwright on the system Chromium).
test: install-dev
	$(BIN)/python -m pytest

test-fast: install-dev
	$(BIN)/python -m pytest -m "not browser"

test-browser: install-dev
	$(BIN)/python -m pytest -m browser

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=deffinov.example.org $(MANAGE) check --deploy --fail-level WARNING

bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
