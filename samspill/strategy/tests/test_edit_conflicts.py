"""Two leaders saving the same measure: the second sees both versions, and the first is
not overwritten silently (optimistic locking, issue 12)."""

import pytest
from django.urls import reverse

from samspill.core.tests.conflicts import assert_conflict_shown, two_editors

from .conftest import measure_by_text

pytestmark = pytest.mark.django_db


def test_second_save_of_a_measure_shows_both_versions(personas, plan):
    measure = measure_by_text("Støtte kommunene")
    edit = reverse("strategy:measure_edit", args=[measure.pk])
    (first, version), (second, _same) = two_editors(personas.leader, personas.adviser, edit)
    form = {
        "goal": measure.goal_id,
        "level": measure.level,
        "responsible_unit": "",
        "responsible_region": "",
        "deadline": "",
        "grant_criterion": "",
        "version": version,
    }
    saved = first.post(edit, {**form, "text": "Støtte kommunene i Vestland"})
    assert saved.status_code == 302, saved.content.decode()[-2000:]
    refused = second.post(edit, {**form, "text": "Støtte kommunene i Nordland"})
    assert_conflict_shown(
        refused, theirs="Støtte kommunene i Vestland", yours="Støtte kommunene i Nordland"
    )
    measure.refresh_from_db()
    assert measure.text == "Støtte kommunene i Vestland"
