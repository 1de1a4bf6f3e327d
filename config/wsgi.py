import gc
import itertools
import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Loaded before the first request rather than in it: every area's URLs and views, the
# translations, the search's word lists (SQLite) and the PDF engine with its fonts.
from django.conf import settings  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import translation  # noqa: E402

from samspill.core import documents  # noqa: E402
from samspill.search import engine  # noqa: E402

get_resolver().url_patterns  # noqa: B018  imports every urls.py and its views
for code, _name in settings.LANGUAGES:
    translation.activate(code)
translation.deactivate()
engine.warm_up()
documents.warm_up()

# Python's cyclic garbage collector scans every object the process holds; with Django,
# the areas and their libraries loaded that is hundreds of thousands, and a full scan in
# the middle of a request added about 100 ms to one page in twenty (bench/README.md,
# issue 11). What is loaded by now lives as long as the worker: freeze it out of the
# scans. During a request the collector waits; it runs when the answer has been sent
# (Django sends `request_finished` when the server closes the response), so a
# collection never holds up a page. A request's objects are freed by reference
# counting; the collector is only for the cycles among them.
gc.collect()
gc.freeze()
_answered = itertools.count(1)


def _pause_collector(**kwargs):
    gc.disable()


def _collect_after_response(**kwargs):
    answered = next(_answered)
    # The young generation after every request, the middle one every 20th, all every
    # 1 000th (the frozen objects are never scanned).
    gc.collect(2 if answered % 1000 == 0 else 1 if answered % 20 == 0 else 0)
    gc.enable()


request_started.connect(_pause_collector)
request_finished.connect(_collect_after_response)
