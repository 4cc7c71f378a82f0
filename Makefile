# SocialRx: two commands for a fresh machine.
#   make run   install into .venv, migrate, load the demo data, serve on 127.0.0.1:$PORT (8000)
#   make test  install into .venv, then ruff and the whole pytest suite (scripts/test.sh)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Stamped after a successful install; pyproject.toml being newer triggers a reinstall.
INSTALLED := $(VENV)/.installed

.PHONY: install run test

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(INSTALLED)

run: install
	$(BIN)/socialrx migrate --noinput
	$(BIN)/socialrx seed-demo
	$(BIN)/socialrx collectstatic --noinput -v0
	$(BIN)/socialrx runserver 127.0.0.1:$${PORT:-8000}

test: install
	scripts/test.sh
