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
def _norwegian_and_plain_static(settings):
    # Tests read the pages in bokmål and need no collectstatic manifest.
    settings.LANGUAGE_CODE = "nb"
    # A fast hasher: the personas create eight users per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
