"""`kg serve`'s pages in headless Chromium (Debian's, driven by Playwright), as a reader browses them.

No console error, the claim page reached by clicking on the audit page, and hostile article text
inert: nothing runs, nothing is fetched but from the server itself.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kg.store import open_store
from view_samples import HOSTILE_PAYLOADS

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
READY = "() => !!(window.kgView && window.kgView.drawn && window.kgView.stabilized)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    if path is None:
        pytest.skip("chromium not found on PATH (Debian: apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def wait_until(page: Any, predicate: str, timeout: float = 60.0) -> None:
    start = time.monotonic()
    while not page.evaluate(predicate):
        assert time.monotonic() - start < timeout, f"timed out waiting for {predicate}"
        time.sleep(0.05)


class Visit:
    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.elsewhere: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: None if r.url.startswith((base, "data:", "about:"))
                else self.elsewhere.append(r.url))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.elsewhere == []
        for frame in self.page.frames:
            assert frame.evaluate("() => typeof window.__pwned") == "undefined"


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[[str, str], Visit]]:
    contexts = []

    def open_(base: str, path: str) -> Visit:
        context = browser.new_context(viewport={"width": 1300, "height": 800})
        contexts.append(context)
        v = Visit(context.new_page(), base)
        response = v.page.goto(base + path)
        assert response is not None and response.status == 200, path
        return v

    yield open_
    for c in contexts:
        c.close()


def test_audit_page_leads_to_a_claim_page(served_examples, visit) -> None:  # type: ignore[no-untyped-def]
    v = visit(served_examples.url, "/")
    links = v.page.locator('a[href^="claim/"]')
    assert links.count() >= 1
    v.page.click(f'a[href="{links.first.get_attribute("href")}"]')
    v.page.wait_for_url("**/claim/**")
    wait_until(v.page, READY)
    assert v.page.evaluate("() => window.kgView.nodes.length") > 1
    v.assert_clean()


@pytest.mark.parametrize("path", ["/outlets", "/outlet/Al-Monitor", "/article/000_fee7a79d059e0f4e"])
def test_graph_pages_draw_without_errors(served_examples, visit, path: str) -> None:  # type: ignore[no-untyped-def]
    v = visit(served_examples.url, path)
    wait_until(v.page, READY)
    v.assert_clean()


@pytest.mark.parametrize("path", ["/query", "/query/quoted_via_outlet?outlet=CNN"])
def test_own_pages_have_no_errors(served_examples, visit, path: str) -> None:  # type: ignore[no-untyped-def]
    v = visit(served_examples.url, path)
    assert v.page.locator("table tr").count() > 1
    v.assert_clean()


@pytest.fixture(scope="module")
def hostile_server(start_server, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding one article whose text is made of script-injection payloads."""
    from kg.audit import run_audit
    from kg.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "articles" / "900_hostile.txt"
    article.parent.mkdir()
    quote = " ".join(HOSTILE_PAYLOADS)
    article.write_text(f"Le ministre a déclaré à l'AFP : « {quote} ».\n\n« Nous agirons {HOSTILE_PAYLOADS[1]} », "
                       f"a ajouté le ministre selon Le Monde {HOSTILE_PAYLOADS[0]}.\n", encoding="utf-8")
    path = folder / "kg-store"
    with open_store(path) as store:
        summary = ingest_paths([article.parent], store)
        assert summary.added
        run_audit(store, min_articles=1)
        ids = [r["article"] for r in store.query(
            "SELECT DISTINCT ?article WHERE { ?a <http://purl.org/dc/terms/identifier> ?article }").records()]
    return start_server(path), [i for i in ids if i and "hostile" in i]


def test_hostile_article_text_is_inert(hostile_server, visit) -> None:  # type: ignore[no-untyped-def]
    served, ids = hostile_server
    assert ids
    from urllib.parse import quote

    v = visit(served.url, "/article/" + quote(ids[0], safe=""))
    wait_until(v.page, READY)
    assert "<script>window.__pwned" in v.page.inner_text("body")  # shown as text, not run
    v.assert_clean()
    for path in ("/", "/outlets"):
        v = visit(served.url, path)
        v.assert_clean()
