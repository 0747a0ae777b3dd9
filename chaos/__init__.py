"""The chaos suite: the node as separate processes on a real Temporal dev server and a
Postgres cluster of its own, under worker SIGKILLs, a Temporal server kill -9, a Postgres
restart and a burst of concurrent API calls; it prints the figures and fails on a broken one.

Status (issue 15, still open): written against the node before its models moved to the real
model runtime (LOCAL_MODELS now lists code directories) and not yet run by `.ci/run`;
`two_workers_test.py` is the two-workers test waiting to move into tests/ once adapted.
Run by hand: `.venv/bin/python -m chaos.run`."""
