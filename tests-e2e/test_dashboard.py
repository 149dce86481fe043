"""The dashboard in a real browser (issue 17): headless Chromium from Debian driven by selenium.

Signs in with the e2e admin key, sends traffic through the router to the mock providers, and
checks the DOM: the Overview's numbers equal a recount of the usage files, a request appears on
Requests within 2 s without a reload, a provider made to fail shows "cooling" with a countdown
and recovers, the playground decides, the routes preview points at a broken line. Screenshots of
every page go to $DASHBOARD_ARTIFACTS (default tests-e2e/artifacts/dashboard/).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import anthropic
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from test_router_harness import CLIENT_KEY, REPO_ROOT, RouterProcess, mocks, router_env  # noqa: F401  (fixture)

LIMITED_KEY = "e2e-limited-key"
ARTIFACTS = Path(os.environ.get("DASHBOARD_ARTIFACTS", REPO_ROOT / "tests-e2e" / "artifacts" / "dashboard"))
CLIENT_KEY_SHA256 = "b5384f45e627a8306d77f37257bd7a375d5aa4f9dcc659416e92c9a0742cb16f"


@pytest.fixture(scope="module")
def dash_router(mocks) -> Iterator[RouterProcess]:
    for mock in mocks:
        mock.reset()
    process = RouterProcess(router_env())
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--disable-gpu", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def client(router: RouterProcess, key: str = CLIENT_KEY) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=router.url, api_key=key, max_retries=0, timeout=30)


def ask(router: RouterProcess, model: str = "anthro", text: str = "hello", key: str = CLIENT_KEY):
    return client(router, key).messages.with_raw_response.create(
        model=model, max_tokens=32, messages=[{"role": "user", "content": text}])


def usage_records(router: RouterProcess) -> list[dict]:
    records = []
    for path in sorted(glob.glob(os.path.join(router.data_dir, "usage", "usage-*.jsonl"))):
        with open(path, "rb") as file:
            records += [json.loads(line) for line in file.read().split(b"\n") if line]
    return records


def wait_for_records(router: RouterProcess, count: int, timeout: float = 20) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        records = usage_records(router)
        if len(records) >= count:
            return records
        time.sleep(0.05)
    raise AssertionError(f"expected {count} usage records, found {len(usage_records(router))}")


def shot(browser: webdriver.Chrome, name: str) -> None:
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def live_text(browser: webdriver.Chrome, css: str) -> str:
    """An element's text read in one step (the page may replace the element at any time)."""
    return browser.execute_script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';", css)


def text_of(browser: webdriver.Chrome, css: str) -> str:
    return browser.find_element(By.CSS_SELECTOR, css).text


def sign_in(browser: webdriver.Chrome, router: RouterProcess) -> None:
    browser.get(router.url + "/ui/")
    WebDriverWait(browser, 10).until(EC.url_contains("/ui/login"))
    field = browser.find_element(By.NAME, "key")
    field.send_keys("not-the-key")
    field.submit()
    error = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "signin-error")))
    assert "not the key of any client" in error.text
    shot(browser, "login-wrong-key")
    field = browser.find_element(By.NAME, "key")
    field.send_keys(LIMITED_KEY)
    field.submit()
    error = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "signin-error")))
    assert "not an admin" in error.text
    field = browser.find_element(By.NAME, "key")
    field.send_keys(CLIENT_KEY)
    field.submit()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "stat-requests")))
    cookie = browser.get_cookie("cr_session")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"


def assert_no_secret(browser: webdriver.Chrome) -> None:
    source = browser.page_source
    for secret in (CLIENT_KEY, LIMITED_KEY, CLIENT_KEY_SHA256, "mock-anthropic-upstream-key", "mock-openai-upstream-key"):
        assert secret not in source


def test_dashboard_in_a_browser(dash_router, browser, mocks):
    anthropic_mock, _ = mocks
    # Traffic first: successes on both protocols' targets, an upstream refusal, an unknown model.
    for index in range(5):
        ask(dash_router, "anthro", f"hello {index}").parse()
    ask(dash_router, "oai", "to the openai mock").parse()
    anthropic_mock.script([{"status": 400, "error": {"type": "invalid_request_error", "message": "refused"}}])
    with pytest.raises(anthropic.APIStatusError):
        ask(dash_router, "anthro", "this one fails").parse()
    anthropic_mock.reset()
    with pytest.raises(anthropic.NotFoundError):
        ask(dash_router, "no-such-model").parse()
    records = wait_for_records(dash_router, 8)

    sign_in(browser, dash_router)

    # Overview: the numbers are a recount of the usage files (all records are in the last 24 h).
    browser.get(dash_router.url + "/ui/?range=24h")
    requests = len(records)
    errors = sum(1 for r in records if r["error"] is not None or r["status"] >= 400)
    input_tokens = sum(r["input_tokens"] or 0 for r in records)
    output_tokens = sum(r["output_tokens"] or 0 for r in records)
    assert text_of(browser, "#stat-requests") == f"{requests:,}"
    assert text_of(browser, "#stat-errors") == f"{errors:,}"
    assert f"{input_tokens:,}" in browser.find_element(By.ID, "stat-input").find_element(By.XPATH, "..").text
    assert f"{output_tokens:,}" in browser.find_element(By.ID, "stat-output").find_element(By.XPATH, "..").text
    cost = sum(r.get("cost_usd") or 0 for r in records)
    assert text_of(browser, "#stat-cost") == "$" + (f"{cost:.4f}" if cost < 1 else f"{cost:.2f}")
    top_models = text_of(browser, "#top-models")
    assert "anthro" in top_models and "oai" in top_models
    assert browser.find_elements(By.CSS_SELECTOR, "#chart-requests rect"), "the requests chart has bars"
    assert_no_secret(browser)
    shot(browser, "overview")
    browser.get(dash_router.url + "/ui/?range=1h")
    assert text_of(browser, "#stat-requests") == f"{requests:,}", "the last hour includes these requests"

    # Requests: a request sent now appears within 2 s, without a reload.
    browser.get(dash_router.url + "/ui/requests")
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "live-state").text == "live")
    marker = browser.execute_script("window.__noReload = 1; return window.__noReload;")
    assert marker == 1
    sent = ask(dash_router, "oai", "live row please")
    sent.parse()
    request_id = sent.headers["request-id"]
    started = time.monotonic()
    row = WebDriverWait(browser, 2).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, f'#requests-body tr[data-id="{request_id}"]')))
    elapsed = time.monotonic() - started
    assert browser.execute_script("return window.__noReload;") == 1, "the page was not reloaded"
    assert "mock-openai/gpt-mock-1" in row.text
    print(f"live row after {elapsed:.3f} s")
    shot(browser, "requests")
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "attempts")))
    assert "mock-openai/gpt-mock-1" in text_of(browser, "#attempts")
    assert_no_secret(browser)
    shot(browser, "request-detail")

    # Providers: a provider answering 429 with Retry-After cools down, shows a countdown, recovers.
    # The cards are replaced every 3 s, so they are read in one script call each time.
    browser.get(dash_router.url + "/ui/providers")
    card = '[data-provider="mock-anthropic"]'
    assert live_text(browser, card + " [data-state]") == "ready"
    anthropic_mock.script([{"sticky": True, "status": 429, "headers": {"retry-after": "6"},
                            "error": {"type": "rate_limit_error", "message": "slow down"}}])
    with pytest.raises(anthropic.APIStatusError):
        ask(dash_router, "anthro", "make it cool").parse()
    WebDriverWait(browser, 5).until(lambda b: live_text(b, card + " [data-state]") == "cooling")
    first = int(live_text(browser, card + " .countdown").split()[0])
    # The cooldown is the later of the upstream's Retry-After (6 s) and the table's cooldown (30 s).
    assert 1 <= first <= 30
    assert "rate_limited" in live_text(browser, card)
    shot(browser, "providers-cooling")
    time.sleep(1.5)
    assert int(live_text(browser, card + " .countdown").split()[0]) < first, "the countdown runs"
    anthropic_mock.reset()
    WebDriverWait(browser, first + 10).until(lambda b: live_text(b, card + " [data-state]") == "ready")
    shot(browser, "providers")
    ask(dash_router, "anthro", "after the cooldown").parse()

    # Routing: the compiled table, the playground's decision and the routes preview.
    browser.get(dash_router.url + "/ui/routing")
    assert "75 %" in text_of(browser, "#combo-weighted"), "weights are shown as shares"
    assert "e2e" in text_of(browser, "#clients-table")
    assert_no_secret(browser)
    form = browser.find_element(By.ID, "playground")
    form.find_element(By.NAME, "model").send_keys("ruled")
    form.find_element(By.NAME, "text").send_keys("please ultrathink about it")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    decision = WebDriverWait(browser, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#playground-result #decision")))
    assert 'matched keyword "ultrathink"' in decision.text
    assert "1. mock-anthropic-b/claude-mock-2" in decision.text

    routes_yaml = (REPO_ROOT / "tests-e2e" / "routes.yaml").read_text()
    lines = routes_yaml.split("\n")
    broken_line = next(i for i, line in enumerate(lines) if line.strip().startswith('"gpt-*":')) + 1
    broken = routes_yaml.replace('"gpt-*": oai', '"gpt-*": no-such-model')
    set_textarea(browser, broken)
    browser.find_element(By.CSS_SELECTOR, "#preview button[type=submit]").click()
    problem = WebDriverWait(browser, 5).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#preview-result .diagnostics li.error")))
    assert problem.get_attribute("data-line") == str(broken_line), problem.text
    assert f"line {broken_line}," in problem.text
    shot(browser, "routing-preview-error")

    edited = routes_yaml.replace("mock-anthropic/claude-mock-1: 3, mock-anthropic-b/claude-mock-2: 1",
                                 "mock-anthropic/claude-mock-1: 1, mock-anthropic-b/claude-mock-2: 1")
    assert edited != routes_yaml
    set_textarea(browser, edited)
    browser.find_element(By.CSS_SELECTOR, "#preview button[type=submit]").click()
    diff = WebDriverWait(browser, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#preview-result #preview-diff")))
    assert "weighted" in diff.text and "50" in diff.text, diff.text
    browser.execute_script("window.scrollTo(0, 0)")
    shot(browser, "routing")

    # The running router did not change: the weighted combo still routes 3:1.
    check = json.loads(urllib.request.urlopen(urllib.request.Request(
        dash_router.url + "/v1/admin/routing", headers={"x-api-key": CLIENT_KEY}), timeout=10).read())
    weighted = next(c for c in check["combos"] if c["name"] == "weighted")
    assert [m["weight"] for m in weighted["members"]] == [3, 1]

    # On a phone, and in the dark.
    browser.set_window_size(390, 844)
    browser.get(dash_router.url + "/ui/")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    shot(browser, "overview-phone")
    browser.set_window_size(1280, 1000)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    browser.get(dash_router.url + "/ui/providers")
    background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 21, 23)", background
    shot(browser, "providers-dark")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def set_textarea(browser: webdriver.Chrome, text: str) -> None:
    area = browser.find_element(By.CSS_SELECTOR, "#preview textarea[name=routes]")
    browser.execute_script("arguments[0].value = arguments[1];", area, text)


def test_admin_paths_refuse_non_admins_and_anonymous_callers(dash_router):
    paths = ["/ui/", "/ui/requests", "/ui/providers", "/ui/routing", "/v1/admin/overview", "/v1/admin/requests",
             "/v1/admin/providers", "/v1/admin/routing"]
    opener = urllib.request.build_opener(NoRedirect)
    for path in paths:
        for key, expected in ((None, 401), (LIMITED_KEY, 403)):
            headers = {"x-api-key": key} if key else {}
            try:
                opener.open(urllib.request.Request(dash_router.url + path, headers=headers), timeout=10)
                status = 200
            except urllib.error.HTTPError as error:
                status = error.code
            if path.startswith("/ui") and key is None:
                expected = 303
            assert status == expected, (path, key, status)
    # A non-admin's /v1/usage answers with its own requests only.
    ask(dash_router, "anthro", "limited client", key=LIMITED_KEY).parse()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        report = json.loads(urllib.request.urlopen(urllib.request.Request(
            dash_router.url + "/v1/usage?group_by=client", headers={"x-api-key": LIMITED_KEY}), timeout=10).read())
        if report["totals"]["requests"] >= 1:
            break
        time.sleep(0.1)
    assert [group["key"] for group in report["groups"]] == ["limited"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
