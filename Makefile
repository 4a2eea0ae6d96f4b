# The verbs a newcomer needs. Everything installs into .venv; nothing else is required but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development defaults; production sets its own environment (see README).
export DJANGO_DEBUG ?= true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test setup lint format bench lock clean-db messages

$(BIN)/.installed: requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	@touch $@

## Install, start the database, migrate, build catalogues, load the seed content.
setup: $(BIN)/.installed
	$(BIN)/python manage.py setup_site

## Serve the site at http://127.0.0.1:8000/ (Ctrl-C stops it and the embedded database).
run: setup
	$(BIN)/python manage.py create_demo_users
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole test suite.
test: setup
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Generate a catalogue of SIZE projects in a separate database and measure every page type;
## then time the full manual of instruments on it.
SIZE ?= 5000
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py $(SIZE)
	$(BIN)/python bench/manual.py

## Regenerate the pinned requirement files from pyproject.toml.
lock: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -o requirements.lock --python-version 3.11 --custom-compile-command "make lock" --quiet
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11 --custom-compile-command "make lock" --quiet

## Delete the embedded database (it is rebuilt by the next setup).
clean-db:
	rm -rf .data/pgdata

## Refresh the message catalogues from the source (several people may run it at once: it takes a lock).
messages: $(BIN)/.installed
	flock locale/.lock $(BIN)/python manage.py makemessages -l cs -l en --no-location --no-obsolete -i ".venv/*" -i "staticfiles/*" -i "tests/*"
