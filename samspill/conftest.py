import os

import pytest

from samspill.core.tests.personas import make_personas
from samspill.members.services import load_reference_data

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# by the test itself (to set up data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real 2024 register once; tests roll back to it."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data(db):
    # Transactional tests (the browser tests) empty the tables; loading is idempotent.
    load_reference_data()


@pytest.fixture
def personas(reference_data):
    return make_personas()


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """Each test starts with empty caches, as a fresh server does: no rendered board
    sections (rows rolled back by one test can come back with the same ids in the next)
    and no wrong join codes counted. The shared cache is a database table that flushing
    does not empty, so it is cleared for every test that uses the database (outside the
    test's own transaction, hence the unblocking)."""
    from django.core.cache import caches

    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("django_db_setup")

    from samspill.seminars import selectors

    def clear():
        caches["default"].clear()
        selectors._board_states.clear()
        if uses_db:
            with django_db_blocker.unblock():
                caches["shared"].clear()

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _board_state_per_poll(settings):
    """Tests write and poll within the same instant: every poll reads the board afresh
    (the sharing between polls is tested on its own in test_board.py)."""
    settings.SEMINAR_BOARD_STATE_MS = 0


@pytest.fixture(autouse=True)
def _norwegian_and_plain_static(settings):
    # Tests read the pages in bokmål and need no collectstatic manifest.
    settings.LANGUAGE_CODE = "nb"
    # A fast hasher: the personas create eight users per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from samspill.core.tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets the test inject axe-core; the pages themselves keep their CSP.
    context = browser.new_context(
        base_url=live_server.url,
        locale="nb-NO",
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
