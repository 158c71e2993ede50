"""The pages in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

The app runs under waitress on a free loopback port over the example store; each test saves a
screenshot under test-artifacts/screenshots/ for people to look at. Without Chromium the tests
are skipped, except in CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import waitress
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from kg.store import KGStore
from kg.web import create_app

SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI needs chromium and chromedriver for the browser tests: ./dev.sh test installs them")
    pytest.skip(
        "chromium/chromedriver not installed (apt-get install chromium chromium-driver)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def live_url(example_store: KGStore) -> Iterator[str]:
    app = create_app({"STORE": example_store})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()


def _driver(width: int, height: int) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
        "--lang=de-DE",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    try:
        driver = _driver(1280, 900)
    except WebDriverException as e:
        pytest.fail(f"Chromium did not start: {e.msg}")
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def phone() -> Iterator[WebDriver]:
    driver = _driver(390, 844)
    yield driver
    driver.quit()


def shot(driver: WebDriver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The whole page, not just the window: long pages are what people scroll through.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(height, 600), 6000))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def wait_for(driver: WebDriver, css: str) -> None:
    WebDriverWait(driver, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def navigate(driver: WebDriver, action: Callable[[], object], css: str) -> None:
    """Run an action that loads a new page, and wait until the new page has `css`.

    Waiting for `css` alone can find the element on the old page, which goes stale
    a moment later (a CI failure); so first wait for the old document to go.
    """
    old = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, 10).until(ec.staleness_of(old))
    wait_for(driver, css)


def no_console_errors(driver: WebDriver) -> None:
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors


def test_browser_home_shows_counts_and_links(browser: WebDriver, live_url: str) -> None:
    browser.get(live_url + "/")
    wait_for(browser, "main")
    assert "newskg" in browser.title
    assert browser.find_elements(By.CSS_SELECTOR, "main a[href^='/person/']")
    shot(browser, "home")
    no_console_errors(browser)


def test_browser_home_is_usable_by_keyboard(browser: WebDriver, live_url: str) -> None:
    browser.get(live_url + "/")
    wait_for(browser, "main")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.tag_name in ("a", "input", "button")


def test_browser_search_person_claim_article(browser: WebDriver, live_url: str) -> None:
    """A journalist's path: search a misspelt name, open the person, one of their claims, its article."""
    browser.get(live_url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "main input[name='q'], header input[name='q']")
    navigate(browser, lambda: box.send_keys("Hartman", Keys.ENTER), "ol.results a[href^='/person/']")
    shot(browser, "search")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "ol.results a[href^='/person/']").click, "h1")
    assert "Hartmann" in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "person")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "main a[href^='/claim/']").click, "h1")
    assert browser.current_url.startswith(live_url + "/claim/")
    shot(browser, "claim")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "main a[href^='/article/']").click, "h1")
    assert "/article/" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "[id^='claim-']")
    shot(browser, "article")
    no_console_errors(browser)


def test_browser_event_page(browser: WebDriver, live_url: str) -> None:
    browser.get(live_url + "/")
    wait_for(browser, "main")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "main a[href^='/event/']").click, "h1")
    assert browser.find_elements(By.CSS_SELECTOR, "main a[href^='/person/']")
    assert browser.find_elements(By.CSS_SELECTOR, "main a[href^='/article/']")
    shot(browser, "event")
    no_console_errors(browser)


def test_browser_sparql_page_runs_a_query_from_the_list(browser: WebDriver, live_url: str) -> None:
    browser.get(live_url + "/sparql")
    wait_for(browser, "select#example")
    options = browser.find_elements(By.CSS_SELECTOR, "select#example option[value]:not([value=''])")
    assert len(options) >= 5
    wanted = next(o for o in options if "who-called-whom" in (o.get_attribute("value") or ""))
    wanted.click()  # selects the option; no page load
    navigate(
        browser,
        browser.find_element(By.CSS_SELECTOR, "form.example-picker button[type='submit']").click,
        "textarea#query",
    )
    assert "nkg:" in browser.find_element(By.CSS_SELECTOR, "textarea#query").get_attribute("value")
    navigate(
        browser,
        browser.find_element(By.CSS_SELECTOR, "form.sparql-editor button[type='submit']").click,
        "table.sparql-table",
    )
    assert browser.find_elements(By.CSS_SELECTOR, "table.sparql-table a[href^='/person/']")
    shot(browser, "sparql")
    no_console_errors(browser)


def test_browser_pages_fit_a_phone(phone: WebDriver, live_url: str) -> None:
    for path, name in (("/", "phone-home"), ("/person/sabine-hartmann", "phone-person")):
        phone.get(live_url + path)
        wait_for(phone, "main")
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = phone.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
        shot(phone, name)


HOSTILE = (
    "Berlin (dpa) – Die Initiative „<script>window.pwned=1</script>“ sorgt für Ärger bei Meyer & Söhne.\n\n"
    "Bürgermeisterin Ilse <b>Kraft</b>-O'Neill sagte am Montag: „Wir lassen uns von "
    '<img src=x onerror="window.pwned=2"> & Co. nicht einschüchtern.“\n\n'
    'Ein Sprecher der Firma <i>Meyer & Söhne</i> erklärte, man prüfe "alle Schritte" gegen '
    "</textarea><script>window.pwned=3</script>.\n"
)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kg.build import build

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile-article.txt").write_text(HOSTILE, encoding="utf-8")
    store = KGStore()
    build([folder], store)
    app = create_app({"STORE": store})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()


def test_browser_hostile_article_runs_nothing_and_shows_its_text(browser: WebDriver, hostile_url: str) -> None:
    paths = [
        "/article/hostile-article",
        "/search?q=%3Cscript%3E",
        "/search?q=Kraft",
        "/sparql?page=1&query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%22%3C/textarea%3E%3Cscript%3E"
        "window.pwned%3D4%3C/script%3E%22%7D",
    ]
    browser.get(hostile_url + "/article/hostile-article")
    wait_for(browser, "main")
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main a[href^='/']")]
    pages = [h.split(hostile_url, 1)[1] for h in links if h and h.startswith(hostile_url)]
    paths += [p for p in pages if not p.split("#")[0].split("?")[0].endswith((".json", ".ttl", ".jsonld", ".nt"))][:20]
    for path in paths:
        browser.get(hostile_url + path)
        wait_for(browser, "main")
        assert browser.execute_script("return window.pwned === undefined"), f"script ran on {path}"
        assert not browser.find_elements(By.CSS_SELECTOR, "main img[src='x'], main script:not([type])"), path
    browser.get(hostile_url + "/article/hostile-article")
    wait_for(browser, "main")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "<script>window.pwned=1</script>" in text and "Meyer & Söhne" in text
    shot(browser, "hostile-article")
