"""The guidance log: advisers log visits and online meetings with a municipal group, each
belonging to a guidance-visit window of the schedule (seed 001, "Plan for gjennomføring")."""

import datetime
import re

import pytest
from django.urls import reverse

from samspill.programmes import selectors, services
from samspill.programmes.models import EventKind, GuidanceSession

from .builders import add_event, make_programme

pytestmark = pytest.mark.django_db


def url(name, participation, **kwargs):
    return reverse(
        f"programmes:{name}",
        kwargs={
            "slug": participation.programme.slug,
            "number": participation.municipality.number,
            **kwargs,
        },
    )


def window(programme, title, **fields):
    return add_event(programme, kind=EventKind.GUIDANCE_VISIT, title=title, **fields)


@pytest.fixture
def windows(programme):
    """The guidance-visit rows of seed 001's schedule."""
    return {
        1: window(
            programme, "Veiledningsbesøk 1", year=2024, weeks="40-44", when_text="Oktober 24"
        ),
        2: window(programme, "Veiledningsbesøk 2", year=2025, weeks="2-5", when_text="Januar 25"),
        3: window(programme, "Veiledningsbesøk 3", year=2025, weeks="10-13", when_text="Mars 25"),
        4: window(programme, "Veiledningsbesøk 4", year=2025, when_text="Juni eller august 25"),
        5: window(
            programme, "Veiledningsbesøk 5", year=2025, weeks="48-50", when_text="November 25"
        ),
    }


def selected_option(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    match = re.search(r'<option value="([^"]*)" selected>([^<]*)</option>', select)
    return match.groups() if match else None


def guidance_post(**overrides):
    data = {
        "held_on": "2024-10-08",
        "mode": "visit",
        "window": "",
        "adviser": "",
        "notes": "Gruppen har kartlagt tilbudet til barn og unge.",
        "next_steps": "Sette mål før jul.",
        "suggested_window": "",
    }
    data.update(overrides)
    return data


# --- Windows by week ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "number"),
    [
        ("2024-09-30", 1),  # Monday of week 40
        ("2024-11-03", 1),  # Sunday of week 44
        ("2025-01-06", 2),  # week 2
        ("2025-03-28", 3),  # week 13
        ("2025-08-14", 4),  # "Juni eller august 25"
        ("2025-12-10", 5),  # week 50
        ("2024-11-04", None),  # week 45: between windows
        ("2024-10-08", 1),
        ("2025-10-08", None),  # week 41, but the window is in 2024
    ],
)
def test_the_window_a_date_falls_in(windows, day, number):
    found = selectors.guidance_window_for(list(windows.values()), datetime.date.fromisoformat(day))
    assert found == (windows[number] if number else None)


def test_a_window_with_fixed_dates_holds_those_dates(programme):
    fixed = window(
        programme,
        "Veiledning ekstra",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2025, 4, 3),
    )
    assert selectors.window_contains(fixed, datetime.date(2025, 4, 3))
    assert not selectors.window_contains(fixed, datetime.date(2025, 4, 4))


# --- Logging --------------------------------------------------------------------------


def test_form_preselects_the_window_of_the_date_and_says_so(
    client, personas, participation_a, windows
):
    client.force_login(personas.adviser)
    html = client.get(url("guidance_create", participation_a), {"dato": "2024-10-08"}).content
    html = html.decode()
    assert selected_option(html, "window") == (
        str(windows[1].pk),
        "Veiledningsbesøk 1 (uke 40-44 2024)",
    )
    assert "etter ukenummer" in html  # the form explains the preselection
    assert 'value="2024-10-08"' in html
    assert selected_option(html, "adviser") == (str(personas.adviser.pk), "Veileder Testesen")

    html = client.get(url("guidance_create", participation_a), {"dato": "2025-01-20"}).content
    assert selected_option(html.decode(), "window")[0] == str(windows[2].pk)


def test_adviser_logs_a_visit_and_it_joins_the_window_of_its_week(
    client, personas, participation_a, windows
):
    client.force_login(personas.adviser)
    response = client.post(
        url("guidance_create", participation_a),
        guidance_post(held_on="2024-10-15", adviser=str(personas.adviser.pk)),
    )
    assert response.status_code == 302
    assert response["Location"] == participation_a.get_absolute_url()
    session = GuidanceSession.objects.get()
    assert session.participation == participation_a
    assert session.window == windows[1]
    assert session.held_on == datetime.date(2024, 10, 15)
    assert session.mode == "visit"
    assert session.adviser == personas.adviser
    assert session.next_steps == "Sette mål før jul."
    assert participation_a.history.filter(text="Veiledning registrert: besøk 15.10.2024.").exists()


def test_a_window_preselected_for_another_date_follows_the_date(
    client, personas, participation_a, windows
):
    """The form opened today preselected window 1; the adviser then typed a January date."""
    client.force_login(personas.adviser)
    client.post(
        url("guidance_create", participation_a),
        guidance_post(
            held_on="2025-01-14",
            mode="online",
            window=str(windows[1].pk),
            suggested_window=str(windows[1].pk),
        ),
    )
    assert GuidanceSession.objects.get().window == windows[2]


def test_a_window_the_adviser_chose_is_kept(client, personas, participation_a, windows):
    client.force_login(personas.adviser)
    client.post(
        url("guidance_create", participation_a),
        guidance_post(held_on="2024-11-12", window=str(windows[1].pk), suggested_window=""),
    )
    assert GuidanceSession.objects.get().window == windows[1]


def test_a_window_of_another_programme_is_refused(client, personas, participation_a, windows):
    other = make_programme(slug="et-annet-program")
    foreign = window(other, "Veiledning i et annet program", year=2024, weeks="40-44")
    client.force_login(personas.adviser)
    response = client.post(
        url("guidance_create", participation_a), guidance_post(window=str(foreign.pk))
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    with pytest.raises(services.ValidationError):
        services.guidance_save(
            participation=participation_a,
            held_on=datetime.date(2024, 10, 8),
            mode="visit",
            window=foreign,
        )
    assert not GuidanceSession.objects.exists()


def test_date_and_mode_are_required(client, personas, participation_a):
    client.force_login(personas.adviser)
    response = client.post(
        url("guidance_create", participation_a), guidance_post(held_on="", mode="")
    )
    html = response.content.decode()
    assert "Dato: Feltet er påkrevet." in html
    assert "Form: Feltet er påkrevet." in html
    assert not GuidanceSession.objects.exists()


def test_adviser_changes_a_logged_session(client, personas, participation_a, windows):
    session = services.guidance_save(
        participation=participation_a,
        held_on=datetime.date(2024, 10, 8),
        mode="visit",
        adviser=personas.adviser,
        notes="Første notat",
        actor=personas.adviser,
    )
    client.force_login(personas.admin)
    edit_url = url("guidance_edit", participation_a, pk=session.pk)
    html = client.get(edit_url).content.decode()
    assert "Første notat" in html
    assert "Veiledning av Sogndal 08.10.2024" in html
    response = client.post(
        edit_url,
        guidance_post(
            held_on="2024-10-08",
            mode="online",
            window=str(windows[1].pk),
            adviser=str(personas.adviser.pk),
            notes="Rettet notat",
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.mode, session.notes, session.adviser) == (
        "online",
        "Rettet notat",
        personas.adviser,
    )
    assert participation_a.history.filter(text__startswith="Veiledning registrert").count() == 1


def test_a_session_of_another_municipality_is_not_found(
    client, personas, participation_a, participation_b
):
    session = services.guidance_save(
        participation=participation_b, held_on=datetime.date(2024, 10, 8), mode="visit"
    )
    client.force_login(personas.adviser)
    assert client.get(url("guidance_edit", participation_a, pk=session.pk)).status_code == 404


def test_user_text_is_escaped_in_the_form(client, personas, participation_a):
    session = services.guidance_save(
        participation=participation_a,
        held_on=datetime.date(2024, 10, 8),
        mode="visit",
        notes="<b>fet</b>",
    )
    client.force_login(personas.adviser)
    html = client.get(url("guidance_edit", participation_a, pk=session.pk)).content.decode()
    assert "<b>fet</b>" not in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html


# --- Who may log guidance -------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator_a", "member_a", "coordinator_b", "partner"])
def test_only_nkr_advisers_log_guidance(client, personas, participation_a, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(url("guidance_create", participation_a)).status_code == 403
    response = client.post(url("guidance_create", participation_a), guidance_post())
    assert response.status_code == 403
    assert not GuidanceSession.objects.exists()


def test_leader_cannot_log_guidance(client, personas, participation_a):
    client.force_login(personas.leader)
    assert client.get(url("guidance_create", participation_a)).status_code == 403


def test_coordinator_cannot_edit_a_logged_session(client, personas, participation_a):
    session = services.guidance_save(
        participation=participation_a, held_on=datetime.date(2024, 10, 8), mode="visit"
    )
    client.force_login(personas.coordinator_a)
    edit_url = url("guidance_edit", participation_a, pk=session.pk)
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, guidance_post(notes="Endret")).status_code == 403


def test_anonymous_is_sent_to_login(client, participation_a):
    response = client.get(url("guidance_create", participation_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
