"""Change history (issue 10): who changed what and when, visible on the record, and
nothing written when a save changes nothing."""

import html
import re

import pytest
from django.urls import reverse

from samspill.core.history import history_of
from samspill.programmes.models import DevelopmentPlan
from samspill.programmes.services import plan_ensure

pytestmark = pytest.mark.django_db


def plan_url(name, participation):
    return reverse(
        f"programmes:{name}",
        kwargs={"slug": participation.programme.slug, "number": participation.municipality.number},
    )


def test_a_change_shows_on_the_record_with_who_and_what(client, personas, participation_a):
    plan_ensure(participation=participation_a)
    client.force_login(personas.coordinator_a)
    edit = plan_url("plan_edit", participation_a)
    client.post(edit, {"focus_area": "Samarbeid med skolen", "description": "Første utkast"})
    client.force_login(personas.adviser)
    client.post(edit, {"focus_area": "Samarbeid med skolen", "description": "Rettet av veileder"})

    plan = DevelopmentPlan.objects.get(participation=participation_a)
    entries = list(history_of(plan))
    # Newest first; the plan itself was made by the system when the municipality joined.
    assert [entry.actor for entry in entries] == [
        personas.adviser,
        personas.coordinator_a,
        None,
    ]
    assert entries[-1].created
    assert entries[0].changes == [
        {
            "field": "description",
            "label": "beskrivelse",
            "before": "Første utkast",
            "after": "Rettet av veileder",
        }
    ]

    page = html.unescape(client.get(plan_url("plan_detail", participation_a)).content.decode())
    assert "Endringslogg for utviklingsplanen" in page
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Beskrivelse: Første utkast → Rettet av veileder" in text
    assert personas.adviser.get_full_name() in page


def test_saving_without_changes_writes_no_history(personas, participation_a):
    plan = plan_ensure(participation=participation_a)
    before = history_of(plan).count()
    plan.save()
    DevelopmentPlan.objects.get(pk=plan.pk).save()
    assert history_of(plan).count() == before


def test_changes_outside_a_request_are_by_the_system(personas, participation_a):
    plan = plan_ensure(participation=participation_a)
    plan.focus_area = "Fra en kommando"
    plan.save()
    entry = history_of(plan).first()
    assert entry.actor is None and entry.actor_label == ""
    assert entry.changes[0]["after"] == "Fra en kommando"
