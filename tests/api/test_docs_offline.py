"""Issue 17, point 2: /docs and /redoc render from files the node ships, with no network.

Headless Chromium (Debian's `chromium` + `chromium-driver`; `.ci/run` installs them) opens
the pages of a live `coordinator-node api` whose every host name but 127.0.0.1 resolves to
nothing, and must show the operations list. With Swagger UI or ReDoc from a CDN the pages
stay white."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.live import LiveApi, live_api
from tests.browser import chromium, needs_chromium, wait_for

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def api(sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    settings = {"DATABASE_URL": sqlite_url, "TEMPORAL_ADDRESS": "127.0.0.1:1"}
    with live_api(settings, tmp_path_factory.mktemp("docs-api"), temporal=False) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def loaded_from(driver: object) -> set[str]:
    """Where the page's code and style came from (scheme and host). Images are left out:
    ReDoc's footer asks cdn.redoc.ly for its own logo, which offline simply stays blank."""
    urls = driver.execute_script(  # type: ignore[attr-defined]
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.initiatorType !== 'img').map(e => e.name)")
    return {"/".join(url.split("/")[:3]) for url in urls}


def test_swagger_ui_lists_the_operations_offline(api: LiveApi, browser: object) -> None:
    browser.get(f"{api.url}/docs")  # type: ignore[attr-defined]
    count = wait_for(browser, "return document.querySelectorAll('.opblock').length",
                     what="Swagger UI's operations")
    assert isinstance(count, int) and count >= 20, "Swagger UI rendered no operation"
    paths = browser.execute_script(  # type: ignore[attr-defined]
        "return [...document.querySelectorAll('.opblock-summary-path')].map(e => e.innerText)")
    assert "/reports/leaderboard" in {p.replace("\u200b", "") for p in paths}
    assert loaded_from(browser) == {api.url}


def test_redoc_lists_the_operations_offline(api: LiveApi, browser: object) -> None:
    browser.get(f"{api.url}/redoc")  # type: ignore[attr-defined]
    count = wait_for(
        browser, "return document.querySelectorAll('[data-section-id^=\"operation/\"]').length",
        what="ReDoc's operations")
    assert isinstance(count, int) and count >= 20, "ReDoc rendered no operation"
    text = browser.execute_script("return document.body.innerText")  # type: ignore[attr-defined]
    assert "/reports/leaderboard" in text
    assert loaded_from(browser) == {api.url}
