# SocialRx: two commands for a fresh machine.
#   make run   install into .venv, migrate, load the demo data, serve on 127.0.0.1:$PORT (8000)
#   make test  install into .venv, then ruff and the whole pytest suite (scripts/test.sh)
#   make bench-quick  the main pages under load at size S, loaded fresh (about a minute; CI)
#   make bench        the same at size L, on a database already loaded (bench/run.py says how)
#   make bench-privacy  the identifier detector on its labelled drafts beside a regex baseline
#                     (SET=dev|holdout|test|all; bench/privacy_eval.py)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Stamped after a successful install; pyproject.toml being newer triggers a reinstall.
INSTALLED := $(VENV)/.installed

.PHONY: install run test bench bench-quick bench-privacy

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(INSTALLED)

# Links sent by email (invitations, invoices) and printed by seed-demo go where this serves,
# unless SITE_URL says otherwise.
run: export SITE_URL := $(or $(SITE_URL),http://127.0.0.1:$(or $(PORT),8000))
run: install
	$(BIN)/socialrx migrate --noinput
	$(BIN)/socialrx seed-demo
	$(BIN)/socialrx collectstatic --noinput -v0
	$(BIN)/socialrx runserver 127.0.0.1:$${PORT:-8000}

test: install
	scripts/test.sh

# Benchmarks (bench/run.py): PostgreSQL behind gunicorn with the production settings, Redis,
# wrk. BENCH_POSTGRES_URL names the server (postgres://postgres@127.0.0.1:5432/postgres),
# BENCH_L_DATABASE_URL the loaded size-L database (socialrx_scale on it), BENCH_REDIS_URL the
# Redis database the runs empty and use (redis://127.0.0.1:6379/5).
bench-quick: install
	$(BIN)/python bench/run.py --size S $(BENCH_ARGS)

bench: install
	$(BIN)/python bench/run.py --size L

# The privacy app's identifier detector against src/socialrx/privacy/evaluation (no database).
bench-privacy: install
	$(BIN)/python bench/privacy_eval.py --set $(or $(SET),all)
