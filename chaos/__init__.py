"""The chaos suite (`make chaos`, run by `.ci/run` after `make test`): the node as separate
processes (model orchestrator with one `model-runner` per model code directory, worker, API
with API_KEY outside dev mode) on a real Temporal dev server and a Postgres cluster of its
own, under worker SIGKILLs, a Temporal server kill -9, a Postgres restart, a burst of
concurrent API calls and schemathesis; it prints the figures and fails on a missed target.
See chaos/run.py. The two-workers test lives in tests/reliability/."""
