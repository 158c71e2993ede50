"""The pages in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

The app runs under waitress on a free loopback port over the example store; each test saves a
screenshot under test-artifacts/screenshots/ for people to look at. Without Chromium the tests
are skipped, except in CI, where a missing browser is a failure.
"""

from __future__ import annotations

import base64
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
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
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


PHONE_WIDTH = 390  # CSS pixels of a common phone (iPhone 12-15)


@pytest.fixture(scope="module")
def phone() -> Iterator[WebDriver]:
    # Chromium will not make a window narrower than 500 px, so emulate the phone's screen instead:
    # 390 CSS px, touch, and the viewport meta tag honoured as a mobile browser does.
    driver = _driver(500, 844)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    yield driver
    driver.quit()


def shot(driver: WebDriver, name: str) -> None:
    """Save the whole page, not just the window: long pages are what people scroll through."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
    png = driver.execute_cdp_cmd("Page.captureScreenshot",
                                 {"format": "png", "captureBeyondViewport": True, "clip": clip})["data"]
    (SHOTS / f"{name}.png").write_bytes(base64.b64decode(png))


def wait_for(driver: WebDriver, css: str) -> None:
    WebDriverWait(driver, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def navigate(driver: WebDriver, action: Callable[[], object], css: str) -> None:
    """Run an action that loads a new page, and wait until the new page has `css`.

    Waiting for `css` alone can find the element on the old page, which goes stale
    a moment later (a CI failure); so first wait for the old document to go.
    """
    old = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, 10).until(lambda _driver: _gone(old))
    wait_for(driver, css)


def _gone(element: WebElement) -> bool:
    """Whether the element's document has gone. Chromedriver says so by a stale-element error, or,
    mid-navigation, by "Node with given id does not belong to the document" (a CI failure)."""
    try:
        element.is_enabled()
    except WebDriverException:  # StaleElementReferenceException is one too
        return True
    return False


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
    only_local_resources(browser, live_url)


def only_local_resources(driver: WebDriver, origin: str) -> None:
    """Works offline: every stylesheet, script, image or font the page loaded came from this server."""
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    remote = [u for u in loaded if not u.startswith((origin, "data:"))]
    assert not remote, remote


def focused(driver: WebDriver) -> WebElement:
    return driver.switch_to.active_element


def tab_to(driver: WebDriver, css: str, limit: int = 40) -> WebElement:
    """Press Tab until an element matching ``css`` has the focus (as a keyboard user would)."""
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        element = focused(driver)
        if driver.execute_script("return arguments[0].matches(arguments[1])", element, css):
            return element
    raise AssertionError(f"{css} never got the focus within {limit} tabs")


def test_browser_keyboard_alone_reaches_search_person_and_claim(browser: WebDriver, live_url: str) -> None:
    """Without a mouse: skip link first, focus visibly marked, search by Tab and Enter, open results."""
    browser.get(live_url + "/")
    wait_for(browser, "main")
    skip = tab_to(browser, "a.skip-link", limit=1)
    assert skip.is_displayed(), "the skip link must appear when it has the focus"
    box = tab_to(browser, "input[name='q']")
    navigate(browser, lambda: box.send_keys("Hartman", Keys.ENTER), "ol.results")
    link = tab_to(browser, "ol.results a[href^='/person/']")
    assert browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", link) != "none"
    navigate(browser, lambda: link.send_keys(Keys.ENTER), "h1")
    assert "/person/" in browser.current_url and "Hartmann" in browser.find_element(By.TAG_NAME, "h1").text
    claim = tab_to(browser, "main a[href^='/claim/']", limit=80)
    navigate(browser, lambda: claim.send_keys(Keys.ENTER), "h1")
    assert "/claim/" in browser.current_url


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
    only_local_resources(browser, live_url)


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
    only_local_resources(browser, live_url)


def test_browser_pages_fit_a_phone(phone: WebDriver, live_url: str) -> None:
    phone.get(live_url + "/person/sabine-hartmann")
    wait_for(phone, "main")
    claim = phone.find_element(By.CSS_SELECTOR, "main a[href^='/claim/']").get_attribute("href")
    event = phone.find_element(By.CSS_SELECTOR, "main a[href^='/event/']").get_attribute("href")
    article = phone.find_element(By.CSS_SELECTOR, "main a[href^='/article/']").get_attribute("href")
    pages = {"home": "/", "person": "/person/sabine-hartmann", "sparql": "/sparql?example=who-called-whom"}
    pages |= {kind: str(url).split(live_url, 1)[1] for kind, url in
              (("claim", claim), ("event", event), ("article", article))}
    for name, path in pages.items():
        phone.get(live_url + path)
        wait_for(phone, "main")
        if name == "sparql":  # with a results table, the widest thing a page shows
            navigate(phone, phone.find_element(By.CSS_SELECTOR, "form.sparql-editor button[type='submit']").click,
                     "table.sparql-table")
        assert phone.execute_script("return window.innerWidth") == PHONE_WIDTH
        # Nothing wider than the screen: no sideways scrolling on a phone (a wide table scrolls in its box).
        overflow = phone.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
        # Text stays readable: body text at least 16 CSS px, as phones want for no zooming.
        size = phone.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16, f"{path}: body text {size}px"
        shot(phone, f"phone-{name}")


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
