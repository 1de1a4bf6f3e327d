"""The schedule page by date and by ISO week, the event form, marking a gathering held and
the PDF, as an adviser, the coordinators and the others see them; and one walk through
the schedule, attendance and invoice basis in Chromium."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data
from samspill.programmes import calendar, services
from samspill.programmes.models import Event, EventKind, EventMode

from .builders import add_event, make_complete_group, make_participation, make_programme

pytestmark = pytest.mark.django_db

D = datetime.date


def add_seed_rows(programme):
    """Rows of seed 001's plan that between them show every way a row can be written."""
    rows = [
        # Added out of order on purpose: the schedule sorts by date.
        {
            "kind": EventKind.SHARING_ARENA,
            "title": "Delingsarena!",
            "note": "Vurderes kombinert med oppstart av ny programperiode",
            "when_text": "Januar 2026",
            "weeks": "2-3 eller 4",
            "year": 2026,
        },
        {
            "kind": EventKind.PLENARY_GATHERING,
            "title": "Fellessamling 1",
            "mode": EventMode.PHYSICAL,
            "note": "oppstart av regionale program",
            "starts_on": D(2024, 9, 24),
            "ends_on": D(2024, 9, 25),
            "place": "Trondheim",
        },
        {
            "kind": EventKind.INSPIRATION_GATHERING,
            "title": "Inspirasjonssamling før oppstart",
            "mode": EventMode.DIGITAL,
            "starts_on": D(2024, 3, 15),
            "start_time": datetime.time(9, 0),
            "end_time": datetime.time(14, 0),
            "weeks": "11",
            "digital_link": "https://teams.example.no/inspirasjon",
        },
        {
            "kind": EventKind.GUIDANCE_VISIT,
            "title": "Veiledningsbesøk/veiledning kommunegruppe 1",
            "when_text": "Oktober 24",
            "weeks": "40-44",
            "year": 2024,
        },
        {
            "kind": EventKind.COORDINATOR_MEETING,
            "title": "Koordinatorsamling 1",
            "mode": EventMode.DIGITAL,
            "starts_on": D(2024, 8, 21),
            "duration_minutes": 150,
            "weeks": "34",
        },
        {
            "kind": EventKind.COORDINATOR_MEETING,
            "title": "Koordinatorsamling 5",
            "when_text": "August 25 (2,5 timer)",
            "weeks": "34/35",
            "duration_minutes": 150,
            "year": 2025,
        },
        {
            "kind": EventKind.GUIDANCE_VISIT,
            "title": "Veiledningsbesøk/veiledning kommunegruppe 4",
            "when_text": "Juni eller august 25",
            "year": 2025,
        },
        {
            "kind": EventKind.COORDINATOR_MEETING,
            "title": "Koordinatorsamling 6",
            "note": "vurderes fysisk",
            "starts_on": D(2025, 10, 15),
            "ends_on": D(2025, 10, 16),
            "weeks": "42",
        },
    ]
    return {row["title"]: add_event(programme, **row) for row in rows}


@pytest.fixture
def events(programme):
    return add_seed_rows(programme)


def schedule_url(programme, **query):
    url = reverse("programmes:schedule", args=[programme.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_schedule_lists_the_events_by_date(client, personas, events, programme):
    client.force_login(personas.adviser)
    html = page(client, schedule_url(programme))
    order = [
        "Inspirasjonssamling før oppstart",
        "Koordinatorsamling 1",
        "Fellessamling 1",
        "Veiledningsbesøk/veiledning kommunegruppe 1",
        "Veiledningsbesøk/veiledning kommunegruppe 4",
        "Koordinatorsamling 5",
        "Koordinatorsamling 6",
        "Delingsarena!",
    ]
    positions = [html.index(f'<span class="schedule-title">{title}</span>') for title in order]
    assert positions == sorted(positions)


def test_schedule_says_when_in_the_words_of_the_plan(client, personas, events, programme):
    client.force_login(personas.coordinator_a)
    html = page(client, schedule_url(programme))
    for text in [
        "15.03.2024 kl. 09:00–14:00",
        "24.09.2024–25.09.2024",
        '21.08.2024 <span class="schedule-meta">(2,5 timer)</span>',
        "Juni eller august 25",
        "August 25 (2,5 timer)",
        "uke 40–44",
        "uke 34/35",
        "uke 2–3 eller 4",
        "vurderes fysisk",
        "Trondheim",
        "Fysisk",
    ]:
        assert text.lower() in html.lower(), text
    # A dated event without weeks gets the ISO week of its dates.
    assert "uke 39" in html
    assert 'href="https://teams.example.no/inspirasjon"' in html


def test_week_words_render_as_in_the_plan():
    def event(**fields):
        return Event(year=2026, **fields)

    assert calendar.weeks_text(event(weeks="2-3 eller 4")) == "uke 2–3 eller 4"
    assert calendar.weeks_text(event(weeks="34/35")) == "uke 34/35"
    assert calendar.weeks_text(event(weeks="40 - 44")) == "uke 40–44"
    assert calendar.weeks_text(event(starts_on=D(2024, 12, 30))) == "uke 1"
    assert calendar.weeks_text(event(starts_on=D(2024, 9, 29), ends_on=D(2024, 9, 30))) == (
        "uke 39–40"
    )
    assert calendar.duration_text(150) == "2,5 timer"
    assert calendar.duration_text(60) == "1 time"
    assert calendar.duration_text(45) == "45 minutter"


def test_iso_weeks_of_dated_and_undated_events():
    assert calendar.iso_weeks(Event(year=2026, weeks="2-3 eller 4")) == [
        (2026, 2),
        (2026, 3),
        (2026, 4),
    ]
    assert calendar.iso_weeks(Event(year=2024, starts_on=D(2024, 12, 30))) == [(2025, 1)]
    june_or_august = calendar.iso_weeks(Event(year=2025, when_text="Juni eller august 25"))
    assert (2025, 23) in june_or_august and (2025, 33) in june_or_august
    assert (2025, 28) not in june_or_august


def _week_sections(html):
    """Heading text of each week → the part of the page under it."""
    parts = re.split(r'<h3 class="ds-heading" data-size="sm"[^>]*>', html)[1:]
    return {part.split(" <span", 1)[0].split("<", 1)[0].strip(): part for part in parts}


def test_week_view_lists_an_event_under_every_week_it_may_fall_in(
    client, personas, events, programme
):
    client.force_login(personas.adviser)
    html = page(client, schedule_url(programme, visning="uke"))
    weeks = _week_sections(html)
    guidance = "Veiledningsbesøk/veiledning kommunegruppe 1"
    assert [title for title in weeks if guidance in weeks[title]] == [
        f"Uke {week} (2024)" for week in range(40, 45)
    ]
    assert [title for title in weeks if "Delingsarena!" in weeks[title]] == [
        "Uke 2 (2026)",
        "Uke 3 (2026)",
        "Uke 4 (2026)",
    ]
    assert "Fellessamling 1" in weeks["Uke 39 (2024)"]
    assert "Koordinatorsamling 5" in weeks["Uke 34 (2025)"]
    assert "Koordinatorsamling 5" in weeks["Uke 35 (2025)"]
    # Weeks come in calendar order.
    keys = [
        tuple(map(int, re.findall(r"\d+", title))) for title in weeks if title.startswith("Uke")
    ]
    assert keys == sorted(keys, key=lambda k: (k[1], k[0]))
    assert 'aria-current="page">Etter uke' in html


def test_adviser_adds_an_event_and_sees_it_in_the_schedule(client, personas, programme):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("programmes:event_create", args=[programme.slug]),
        {
            "kind": EventKind.PLENARY_GATHERING,
            "title": "Fellessamling 3",
            "mode": EventMode.PHYSICAL,
            "starts_on": "2025-02-12",
            "ends_on": "2025-02-13",
            "weeks": "7",
            "place": "Bergen",
        },
        follow=True,
    )
    assert "Samlingen er lagret." in response.content.decode()
    event = programme.events.get(title="Fellessamling 3")
    assert (event.year, event.sort_date, event.place) == (2025, D(2025, 2, 12), "Bergen")
    assert "12.02.2025–13.02.2025" in response.content.decode()


def test_adviser_edits_an_undated_event_and_its_place_in_the_order_follows(
    client, personas, events, programme
):
    event = events["Koordinatorsamling 5"]
    client.force_login(personas.adviser)
    url = reverse("programmes:event_edit", args=[programme.slug, event.pk])
    form = page(client, url)
    assert 'value="34/35"' in form
    response = client.post(
        url,
        {
            "kind": EventKind.COORDINATOR_MEETING,
            "title": "Koordinatorsamling 5",
            "mode": EventMode.DIGITAL,
            "starts_on": "2025-08-27",
            "start_time": "12:00",
            "duration_minutes": "150",
            "weeks": "35",
            "year": "2025",
            "when_text": "August 25 (2,5 timer)",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.starts_on, event.sort_date, event.mode) == (
        D(2025, 8, 27),
        D(2025, 8, 27),
        EventMode.DIGITAL,
    )


@pytest.mark.parametrize(
    ("weeks", "error"),
    [
        ("40-38", "Ukenummer må være fra 1 til 53, i stigende rekkefølge."),
        ("uke førti", "Skriv uker som «39», «40-44», «34/35» eller «2-3 eller 4»."),
        ("60", "Ukenummer må være fra 1 til 53, i stigende rekkefølge."),
        ("53", "2025 har bare 52 uker."),
    ],
)
def test_event_form_rejects_weeks_that_are_not_weeks(client, personas, programme, weeks, error):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("programmes:event_create", args=[programme.slug]),
        {
            "kind": EventKind.GUIDANCE_VISIT,
            "title": "Veiledning",
            "when_text": "Høsten 25",
            "weeks": weeks,
            "year": "2025",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.count(error.replace("«", "&laquo;").replace("»", "&raquo;")) + html.count(error) >= 1
    )
    assert 'aria-invalid="true"' in html
    assert not programme.events.exists()


def test_event_form_needs_a_date_weeks_or_words(client, personas, programme):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("programmes:event_create", args=[programme.slug]),
        {"kind": EventKind.SHARING_ARENA, "title": "Delingsarena", "year": "2026"},
    )
    assert "Oppgi en dato, uker eller en tekst for når." in response.content.decode()
    response = client.post(
        reverse("programmes:event_create", args=[programme.slug]),
        {
            "kind": EventKind.SHARING_ARENA,
            "title": "Delingsarena",
            "starts_on": "2026-01-14",
            "ends_on": "2026-01-13",
        },
    )
    assert "Sluttdatoen kan ikke være før startdatoen." in response.content.decode()
    assert not programme.events.exists()


@pytest.mark.parametrize("persona", ["coordinator_a", "member_a", "leader", "board_member"])
def test_only_programme_managers_add_edit_or_mark_events(
    client, personas, events, programme, persona
):
    client.force_login(getattr(personas, persona))
    event = events["Fellessamling 1"]
    html = page(client, schedule_url(programme))
    assert "Legg til samling" not in html
    assert "Marker som gjennomført" not in html
    assert client.get(reverse("programmes:event_create", args=[programme.slug])).status_code == 403
    edit = reverse("programmes:event_edit", args=[programme.slug, event.pk])
    assert client.get(edit).status_code == 403
    mark = reverse("programmes:event_mark_held", args=[programme.slug, event.pk])
    assert client.post(mark, {"held_on": "2024-09-25"}).status_code == 403
    event.refresh_from_db()
    assert event.held_on is None


def test_schedule_is_closed_to_partners_and_anonymous(client, personas, events, programme):
    url = schedule_url(programme)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    client.force_login(personas.partner)
    assert client.get(url).status_code == 403
    assert client.get(reverse("programmes:schedule_pdf", args=[programme.slug])).status_code == 403


def test_municipal_users_see_only_published_schedules(client, personas):
    hidden = make_programme(slug="under-arbeid", published=False)
    client.force_login(personas.coordinator_a)
    assert client.get(schedule_url(hidden)).status_code == 404
    client.force_login(personas.adviser)
    assert client.get(schedule_url(hidden)).status_code == 200


def test_marking_a_physical_gathering_held_explains_and_counts_the_instalments(
    client, personas, participation_a, participation_b, events, programme
):
    gathering = events["Fellessamling 1"]
    client.force_login(personas.adviser)
    html = page(client, schedule_url(programme))
    assert "forfaller et avdrag av deltakeravgiften for hver aktive deltakerkommune" in html
    response = client.post(
        reverse("programmes:event_mark_held", args=[programme.slug, gathering.pk]),
        {"held_on": "2024-09-25"},
        follow=True,
    )
    html = response.content.decode()
    assert (
        "Fellessamling 1 er markert som gjennomført. 2 avdrag har forfalt og står i "
        "fakturagrunnlaget." in html
    )
    assert re.search(r"Gjennomført</span><br><span class=\"schedule-meta\">25.09.2024", html)
    gathering.refresh_from_db()
    assert gathering.held_on == D(2024, 9, 25)
    assert gathering.instalments.count() == 2


def test_marking_a_digital_event_held_makes_nothing_due(
    client, personas, participation_a, events, programme
):
    meeting = events["Koordinatorsamling 1"]
    client.force_login(personas.adviser)
    response = client.post(
        reverse("programmes:event_mark_held", args=[programme.slug, meeting.pk]),
        {"held_on": "2024-08-21", "visning": "uke"},
    )
    assert response.url.endswith("?visning=uke")
    html = page(client, response.url)
    assert "Koordinatorsamling 1 er markert som gjennomført." in html
    assert "avdrag har forfalt" not in html
    assert not participation_a.instalments.exists()


def test_an_event_is_marked_held_only_once_and_not_in_the_future(
    client, personas, participation_a, events, programme
):
    gathering = events["Fellessamling 1"]
    client.force_login(personas.adviser)
    url = reverse("programmes:event_mark_held", args=[programme.slug, gathering.pk])
    future = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    html = client.post(url, {"held_on": future}, follow=True).content.decode()
    assert "En samling kan ikke markeres gjennomført fram i tid." in html
    client.post(url, {"held_on": "2024-09-25"})
    html = client.post(url, {"held_on": "2024-09-26"}, follow=True).content.decode()
    assert "Samlingen er allerede markert som gjennomført." in html
    assert participation_a.instalments.count() == 1


def test_attendance_rates_nkr_sees_all_a_coordinator_only_their_own(
    client, personas, participation_a, participation_b, events, programme
):
    make_complete_group(participation_a)
    make_complete_group(participation_b)
    for title in ("Inspirasjonssamling før oppstart", "Fellessamling 1"):
        event = events[title]
        services.event_mark_held(event=event, held_on=event.starts_on, actor=personas.adviser)
        services.attendance_save(
            event=event,
            participation=participation_a,
            present_person_ids=[participation_a.group_members.first().person_id],
        )
    services.attendance_save(
        event=events["Fellessamling 1"],
        participation=participation_b,
        present_person_ids=list(participation_b.group_members.values_list("person_id", flat=True)),
    )
    client.force_login(personas.adviser)
    html = page(client, schedule_url(programme))
    assert re.search(r"Sogndal</td>\s*<td class=\"num\">100&nbsp;%", html)
    assert re.search(r"Luster</td>\s*<td class=\"num\">50&nbsp;%", html)

    client.force_login(personas.coordinator_a)
    html = page(client, schedule_url(programme))
    assert re.search(r"Sogndal</td>\s*<td class=\"num\">100&nbsp;%", html)
    assert "Luster" not in html
    assert "Kalender for Sogndal (iCal)" in html


def test_schedule_pdf_is_a_pdf(client, personas, events, programme):
    client.force_login(personas.coordinator_a)
    response = client.get(reverse("programmes:schedule_pdf", args=[programme.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "tidsplan-fremtidens-kulturskole.pdf" in response["Content-Disposition"]


# --- In the browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_adviser_runs_the_schedule_attendance_and_invoicing_in_the_browser(page, live_server):
    load_reference_data()
    personas = make_personas()
    programme = make_programme()
    participation = make_participation(
        programme, personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )
    members = make_complete_group(participation)
    add_seed_rows(programme)
    for number, day in [(3, D(2025, 2, 12)), (5, D(2025, 9, 11))]:
        add_event(
            programme,
            kind=EventKind.PLENARY_GATHERING,
            title=f"Fellessamling {number}",
            mode=EventMode.PHYSICAL,
            starts_on=day,
        )

    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(personas.adviser.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")

    page.goto(reverse("programmes:schedule", args=[programme.slug]))
    assert page.get_by_role("heading", level=1).inner_text() == "Tidsplan"
    assert page.get_by_text("uke 2–3 eller 4").first.is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Etter uke").click()
    page.get_by_role("heading", name=re.compile(r"^Uke 39 \(2024\)")).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Etter dato").click()
    row = page.get_by_role("row").filter(has_text="Fellessamling 1")
    row.locator("summary").click()
    assert row.get_by_text("forfaller et avdrag").is_visible()
    row.get_by_label("Dato gjennomført").fill("2024-09-25")
    assert_accessible(page)
    row.get_by_role("button", name=re.compile("Bekreft gjennomført")).click()
    page.get_by_text("1 avdrag har forfalt og står i fakturagrunnlaget.").wait_for()
    assert_accessible(page)

    page.get_by_role("row").filter(has_text="Fellessamling 1").get_by_role(
        "link", name=re.compile("^Oppmøte")
    ).click()
    page.get_by_role("heading", level=1, name="Oppmøte: Fellessamling 1").wait_for()
    assert_accessible(page)
    for member in members[:3]:
        page.get_by_label(str(member.person)).check()
    page.get_by_role("button", name="Lagre oppmøtet").click()
    page.get_by_text("Oppmøtet er lagret.").wait_for()
    assert page.get_by_text("3 av 4 til stede").is_visible()
    assert_accessible(page)

    page.goto(reverse("programmes:invoice_basis", args=[programme.slug]))
    assert page.get_by_role("heading", level=1).inner_text() == "Fakturagrunnlag"
    assert page.get_by_role("cell", name=re.compile(r"^6\s667\skr$")).first.is_visible()
    assert_accessible(page)
    page.get_by_label("Velg avdrag 1 for Sogndal").check()
    page.get_by_role("button", name="Merk som fakturert").click()
    page.get_by_text("1 avdrag er merket som fakturert").wait_for()
    assert_accessible(page)
    assert participation.instalments.get().invoiced_on == timezone.localdate()
