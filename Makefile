# Two commands on a fresh machine: `make dev` runs the node, `make test` runs the tests
# (`make chaos` runs the chaos suite).
# Both build the two virtual environments from this repo's own files first (once, and again
# whenever pyproject.toml or requirements-models.txt changes): `.venv/` holds the node,
# `.venv-models/` the model runtime (crunch-model-runner, whose protobuf pin conflicts with
# the node's), which serves the example models in dev mode and the tests' models.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODELS_VENV := .venv-models
MODELS_STAMP := $(MODELS_VENV)/.installed

.PHONY: dev test lint bench chaos clean .venv-models

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# `make .venv-models`: the model runtime's virtualenv alone.
.venv-models: $(MODELS_STAMP)

$(MODELS_STAMP): requirements-models.txt
	test -x $(MODELS_VENV)/bin/python || $(PYTHON) -m venv $(MODELS_VENV)
	$(MODELS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MODELS_VENV)/bin/python -m pip install --quiet -r requirements-models.txt
	touch $(MODELS_STAMP)

dev: $(STAMP) $(MODELS_STAMP)
	$(BIN)/coordinator-node dev

test: $(STAMP) $(MODELS_STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy coordinator_node worker.py scripts
	$(BIN)/lint-imports

# The chaos suite (chaos/run.py): the node as separate processes on a Temporal dev server and
# a Postgres cluster of its own, under worker SIGKILLs, a Temporal kill -9, a Postgres restart
# and a burst of API calls; prints its figures, fails on a missed target. About 4-5 minutes.
chaos: $(STAMP) $(MODELS_STAMP)
	$(BIN)/python -m chaos.run

# `make bench BENCH_DATABASE_URL=postgresql://…`: the database the benchmarks work in (a
# scratch schema of it); unset, the node's DATABASE_URL setting (README, Development).
export BENCH_DATABASE_URL
bench: $(STAMP)
	for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) $(MODELS_VENV) .data .pytest_cache .mypy_cache .ruff_cache
