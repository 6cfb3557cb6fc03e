"""The HTML report in a real browser: headless Chromium through Playwright, no network.

Generates a report for two real predictions (the majority and tfidf-logreg baselines on the
shipped test split), then checks that every leaderboard row is there, that every picture
loads, and that clicking a column header sorts the rows. Saves a screenshot to
``artifacts/report.png``. Skips when Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmark.cli import main
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "artifacts" / "report.png"
RESULTS = ROOT / "results" / "results.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report(shipped, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    paths = []
    for name in ("majority", "tfidf-logreg"):
        model, pred = tmp / f"{name}.skops", tmp / f"{name}.csv"
        assert main(["train", name, "--out", str(model)]) == 0
        assert main(["predict", "--model", str(model), "--split", "test", "--out", str(pred)]) == 0
        paths.append(pred)
    out = tmp / "report"
    assert main(["report", *map(str, paths), "--split", "test", "--out", str(out)]) == 0
    return out / "index.html"


def leaderboard(page) -> list[tuple[str, str, float]]:
    return page.eval_on_selector_all(
        "#leaderboard tbody tr",
        "rows => rows.map(r => [r.dataset.name, r.dataset.source, parseFloat(r.cells[3].dataset.value)])")


def test_report_in_a_headless_browser(browser, report):
    page = browser.new_page(viewport={"width": 1280, "height": 1500})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")

    rows = leaderboard(page)
    expected = {("majority", "submission"), ("tfidf-logreg", "submission")}
    if RESULTS.is_file():
        committed = json.loads(RESULTS.read_text(encoding="utf-8"))["baselines"]
        expected |= {(name, "baseline") for name, entry in committed.items() if "test" in entry["splits"]}
    assert sorted((name, source) for name, source, _ in rows) == sorted(expected)

    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])")
    assert len(images) >= 2 * 7
    assert [src for src, complete, width in images if not (complete and width > 0)] == []
    assert all(url.startswith("file://") for url in requests)  # nothing from the network

    # clicking "appeal F1" sorts by it: first click best first, second click reversed
    header = page.locator("#leaderboard thead th", has_text="appeal F1")
    header.locator("button").click()
    values = [value for _, _, value in leaderboard(page)]
    assert values == sorted(values, reverse=True) and header.get_attribute("aria-sort") == "descending"
    header.locator("button").click()
    values = [value for _, _, value in leaderboard(page)]
    assert values == sorted(values) and header.get_attribute("aria-sort") == "ascending"
    # and "name" sorts alphabetically
    page.locator("#leaderboard thead th", has_text="name").locator("button").click()
    names = [name for name, _, _ in leaderboard(page)]
    assert names == sorted(names, key=str.lower) or names == sorted(names)

    header.locator("button").click()  # best appeal F1 first for the picture
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000
    page.close()
