"""Headless Chromium for the dashboard's browser tests (Debian's `chromium` and
`chromium-driver`; `.ci/run` installs them), with no network beyond the loopback address, and
full-page screenshots under `test-artifacts/screenshots/` (git-ignored)."""

from __future__ import annotations

import base64
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.helpers import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"

needs_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="apt-get install chromium chromium-driver (.ci/run does)")


@contextmanager
def chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1000",
                 # no network: every name but the loopback address resolves to nothing
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"):  # loopback bypasses it
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, script: str, *args: Any, within: float = 20.0,
             what: str = "") -> Any:
    """Run `script` until it returns something truthy; that value (AssertionError after
    `within` seconds, naming `what` and the last value)."""
    deadline = time.monotonic() + within
    value = None
    while True:
        value = driver.execute_script(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within:g}s waiting for {what or script}; "
                                 f"last seen: {value!r}")
        time.sleep(0.2)


def until(check: Callable[[], Any], *, within: float, what: str, every: float = 1.0) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within:g}s waiting for {what}; last seen: "
                                 f"{value!r}")
        time.sleep(every)


def screenshot(driver: Any, name: str) -> Path:
    """The whole page (beyond the window) as `SCREENSHOTS/<name>.png`."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                 "scale": 1}})
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def loaded_from(driver: Any) -> set[str]:
    """Where the page's resources came from (scheme and host)."""
    urls = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    return {"/".join(url.split("/")[:3]) for url in urls}


def click(driver: Any, css: str, attempts: int = 5) -> None:
    """A person's click on the element `css` finds. The page swaps its content every few
    seconds (the refresher): an element found just before a swap is found again."""
    from selenium.common.exceptions import StaleElementReferenceException

    for attempt in range(attempts):
        try:
            driver.find_element("css selector", css).click()
            return
        except StaleElementReferenceException:
            if attempt == attempts - 1:
                raise


def text(driver: Any, css: str) -> str:
    """The text of the element `css` finds, read in one step (never stale)."""
    found = driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e && e.innerText", css)
    assert found is not None, f"nothing matches {css}"
    return str(found)


def attribute(driver: Any, css: str, name: str) -> str | None:
    found = driver.execute_script(
        "const e = document.querySelector(arguments[0]); "
        "return e && e.getAttribute(arguments[1])", css, name)
    return None if found is None else str(found)
