"""Issue 17, point 2: /docs and /redoc render from files the node ships, with no network.

Headless Chromium (Debian's `chromium` + `chromium-driver`; `.ci/run` installs them) opens
the pages of a live `coordinator-node api` whose every host name but 127.0.0.1 resolves to
nothing, and must show the operations list. With Swagger UI or ReDoc from a CDN the pages
stay white."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.live import LiveApi, live_api

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                       reason="apt-get install chromium chromium-driver (.ci/run does)"),
]


@pytest.fixture(scope="module")
def api(sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    settings = {"DATABASE_URL": sqlite_url, "TEMPORAL_ADDRESS": "127.0.0.1:1"}
    with live_api(settings, tmp_path_factory.mktemp("docs-api"), temporal=False) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 # no network: every name but the loopback address resolves to nothing
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"):  # loopback bypasses it
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: object, script: str, within: float = 20.0) -> object:
    deadline = time.monotonic() + within
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script)  # type: ignore[attr-defined]
        if value:
            return value
        time.sleep(0.2)
    return value


def loaded_from(driver: object) -> set[str]:
    """Where the page's code and style came from (scheme and host). Images are left out:
    ReDoc's footer asks cdn.redoc.ly for its own logo, which offline simply stays blank."""
    urls = driver.execute_script(  # type: ignore[attr-defined]
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.initiatorType !== 'img').map(e => e.name)")
    return {"/".join(url.split("/")[:3]) for url in urls}


def test_swagger_ui_lists_the_operations_offline(api: LiveApi, browser: object) -> None:
    browser.get(f"{api.url}/docs")  # type: ignore[attr-defined]
    count = wait_for(browser, "return document.querySelectorAll('.opblock').length")
    assert isinstance(count, int) and count >= 20, "Swagger UI rendered no operation"
    paths = browser.execute_script(  # type: ignore[attr-defined]
        "return [...document.querySelectorAll('.opblock-summary-path')].map(e => e.innerText)")
    assert "/reports/leaderboard" in {p.replace("\u200b", "") for p in paths}
    assert loaded_from(browser) == {api.url}


def test_redoc_lists_the_operations_offline(api: LiveApi, browser: object) -> None:
    browser.get(f"{api.url}/redoc")  # type: ignore[attr-defined]
    count = wait_for(
        browser, "return document.querySelectorAll('[data-section-id^=\"operation/\"]').length")
    assert isinstance(count, int) and count >= 20, "ReDoc rendered no operation"
    text = browser.execute_script("return document.body.innerText")  # type: ignore[attr-defined]
    assert "/reports/leaderboard" in text
    assert loaded_from(browser) == {api.url}
