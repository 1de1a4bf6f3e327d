import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Loaded before the first request rather than in it (the search's word lists on SQLite).
from samspill.search.engine import warm_up  # noqa: E402

warm_up()

# Python's cyclic garbage collector scans every object the process holds; with Django,
# the areas and their libraries loaded that is hundreds of thousands, and a full scan in
# the middle of a request added about 100 ms to one page in twenty (bench/README.md,
# issue 11). What is loaded by now lives as long as the worker: freeze it out of the
# scans, and collect the young generations less often (a request's objects are freed by
# reference counting; the collector is only for cycles).
gc.collect()
gc.freeze()
gc.set_threshold(10_000, 50, 100)
