"""Schemathesis against the chaos run's live API (every check, as `st run --checks all`),
with the test suite's own rules (tests/api/test_openapi.py): the API key in every request,
and no "valid" query that states a reversed time window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import schemathesis

from tests.api.test_openapi import failures_of, states_a_reversed_window


@dataclass
class SchemaRun:
    requests: int
    failures: list[str]
    server_errors: int


def run_schemathesis(api_url: str, api_key: str, max_examples: int, seed: int) -> SchemaRun:
    config = schemathesis.Config.from_dict({
        "headers": {"X-API-Key": api_key},
        "checks": {"enabled": True},
        "generation": {"max-examples": max_examples},
        "seed": seed,
    })
    schema = schemathesis.openapi.from_url(f"{api_url}/openapi.json", config=config)

    @schema.hook
    def filter_case(_context: Any, case: Any) -> bool:
        positive = case.meta is None or case.meta.generation.mode.is_positive
        return not (positive and states_a_reversed_window(case.query))

    found, requests = failures_of(schema)
    server_errors = sum(1 for f in found if ": not_a_server_error:" in f.split("\n")[0])
    return SchemaRun(requests, found, server_errors)
