"""Dated status updates on measures and follow-up points: the timeline, and the rules a
leader would notice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samspill.strategy import services
from samspill.strategy.models import Status

from .conftest import measure_by_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 10, 1)


def test_an_update_moves_the_measure_and_enters_its_timeline(plan, personas):
    measure = measure_by_text("Utarbeide ny rammeplan")
    services.measure_update_status(
        measure=measure,
        user=personas.leader,
        status=Status.IN_PROGRESS,
        progress=30,
        text="Arbeidsgruppe nedsatt.",
        date=datetime.date(2025, 9, 1),
        today=TODAY,
    )
    services.measure_update_status(
        measure=measure, user=personas.leader, status=Status.DONE, text="Vedtatt.", today=TODAY
    )
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Status.DONE, 100)
    timeline = [(u.date, u.status, u.progress, u.text) for u in measure.updates.all()]
    assert timeline == [
        (TODAY, Status.DONE, 100, "Vedtatt."),
        (datetime.date(2025, 9, 1), Status.IN_PROGRESS, 30, "Arbeidsgruppe nedsatt."),
    ]


def test_a_back_dated_update_joins_the_timeline_without_changing_the_current_state(plan):
    measure = measure_by_text("Utarbeide ny rammeplan")
    services.measure_update_status(
        measure=measure, user=None, status=Status.IN_PROGRESS, progress=60, today=TODAY
    )
    services.measure_update_status(
        measure=measure,
        user=None,
        status=Status.NOT_STARTED,
        progress=0,
        date=datetime.date(2025, 1, 15),
        today=TODAY,
    )
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Status.IN_PROGRESS, 60)
    assert [u.date for u in measure.updates.all()] == [TODAY, datetime.date(2025, 1, 15)]


@pytest.mark.parametrize(
    ("status", "progress", "date", "message"),
    [
        (Status.DONE, 80, TODAY, "Et gjennomført tiltak har fremdrift 100 %."),
        (Status.IN_PROGRESS, 10, datetime.date(2025, 10, 2), "kan ikke være i fremtiden"),
        (Status.IN_PROGRESS, 120, TODAY, "mellom 0 og 100"),
    ],
)
def test_an_update_that_breaks_a_rule_is_refused(plan, status, progress, date, message):
    measure = measure_by_text("Utarbeide ny rammeplan")
    with pytest.raises(ValidationError, match=message):
        services.measure_update_status(
            measure=measure, user=None, status=status, progress=progress, date=date, today=TODAY
        )
    measure.refresh_from_db()
    assert measure.status == Status.NOT_STARTED
    assert not measure.updates.exists()


def test_the_measure_page_shows_the_timeline_and_takes_an_update(client, personas, plan):
    measure = measure_by_text("Utarbeide ny rammeplan")
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:measure_update", args=[measure.pk]),
        {
            "date": "2025-09-01",
            "status": "in_progress",
            "progress": "45",
            "text": "Høringsutkast sendt.",
        },
    )
    assert response.status_code == 302
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Høringsutkast sendt." in page
    assert "01.09.2025" in page
    assert "Registrert av Leder Testesen" in page


def test_a_wrong_update_is_shown_on_the_page_in_norwegian(client, personas, plan):
    measure = measure_by_text("Utarbeide ny rammeplan")
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:measure_update", args=[measure.pk]),
        {"date": "2025-09-01", "status": "done", "progress": "50"},
    )
    assert response.status_code == 400
    assert "Et gjennomført tiltak har fremdrift 100 %." in response.content.decode()


def test_a_follow_up_point_gets_its_own_timeline(client, personas, decision):
    planned = decision.follow_ups.get(kind="planned")
    client.force_login(personas.adviser)
    response = client.post(
        reverse("strategy:follow_up_update", args=[planned.pk]),
        {"date": "2025-10-01", "status": "in_progress", "text": "Arbeidsgruppe i gang."},
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == Status.IN_PROGRESS
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Arbeidsgruppe i gang." in page


def test_a_status_changed_in_the_points_form_enters_its_timeline_too(client, personas, decision):
    planned = decision.follow_ups.get(kind="planned")
    client.force_login(personas.adviser)
    form = client.get(reverse("strategy:follow_up_edit", args=[planned.pk]))
    data = {
        name: value
        for name, value in form.context["form"].initial.items()
        if value is not None and name != "decision"
    }
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in {**data, "status": "in_progress"}.items()
    }
    response = client.post(reverse("strategy:follow_up_edit", args=[planned.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    planned.refresh_from_db()
    assert planned.status == Status.IN_PROGRESS
    entry = planned.updates.get()
    assert entry.status == Status.IN_PROGRESS and entry.author == personas.adviser
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Status endret i skjemaet for punktet." in page

    # Saving the form again without changing the status adds nothing.
    data["text"] = planned.text + " (rettet)"
    client.post(reverse("strategy:follow_up_edit", args=[planned.pk]), data)
    assert planned.updates.count() == 1
