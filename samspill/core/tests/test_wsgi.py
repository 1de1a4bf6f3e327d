"""What a gunicorn worker does when it starts (config/wsgi.py), checked in a fresh
process as gunicorn imports it: the PDF engine is loaded, the objects loaded at start
are frozen out of the garbage collector's scans, and the collector waits while a
request is answered and runs after it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import gc, json, sys
import config.wsgi
from django.core.signals import request_finished, request_started
state = {"weasyprint": "weasyprint" in sys.modules, "frozen": gc.get_freeze_count()}
request_started.send(sender=None)
state["during"] = gc.isenabled()
request_finished.send(sender=None)
state["after"] = gc.isenabled()
print(json.dumps(state))
"""


def test_a_worker_loads_the_pdf_engine_and_collects_garbage_after_the_answer():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["weasyprint"] is True
    assert state["frozen"] > 100_000
    assert state["during"] is False
    assert state["after"] is True
