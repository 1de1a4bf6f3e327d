"""The development plan (seed 001): focus area, the five-phase cycle round after round,
comments, and the plan as DOCX and PDF."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.documents import docx_text, pdf_text
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.models import Person
from samspill.members.services import load_reference_data
from samspill.programmes import selectors, services
from samspill.programmes.models import EntryStatus, Phase, PlanComment, PlanEntry

from .builders import add_event, make_complete_group, make_participation, make_programme

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 10, 1)


def phase_labels():
    return [str(label) for label in Phase.labels]


def url(name, participation, **kwargs):
    return reverse(
        f"programmes:{name}",
        kwargs={
            "slug": participation.programme.slug,
            "number": participation.municipality.number,
            **kwargs,
        },
    )


def add_entry(participation, *, phase=Phase.IDENTIFY_NEEDS, cycle=1, status="planned", **extra):
    fields = {
        "title": f"{Phase(phase).label} i runde {cycle}",
        "entry_date": DAY,
        **extra,
    }
    return services.plan_entry_save(
        plan=participation.plan, cycle=cycle, phase=phase, status=status, **fields
    )


def entry_post(**overrides):
    data = {
        "cycle": "1",
        "phase": Phase.IDENTIFY_NEEDS,
        "title": "Kartlegge tilbudet til barn og unge",
        "description": "Samtaler med skole, SFO og helsestasjon.",
        "owner": "",
        "entry_date": "2024-10-01",
        "due_on": "2024-11-15",
        "status": EntryStatus.IN_PROGRESS,
    }
    data.update(overrides)
    return data


@pytest.fixture
def group_a(participation_a):
    return make_complete_group(participation_a)


# --- Reading and writing the plan -----------------------------------------------------


def test_plan_starts_with_the_regions_development_area(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert "Utviklingsplan for Sogndal" in html
    assert "Kulturskolen i helhetlig oppvekst" in html  # focus area and development area
    assert "Regionens utviklingsområde" in html
    for label in phase_labels():
        assert label in html
    assert "Runde 1" in html
    assert "Planen har ingen innslag ennå." in html


def test_coordinator_edits_own_plan_and_adds_entries_in_two_rounds(
    client, personas, participation_a, group_a
):
    client.force_login(personas.coordinator_a)
    response = client.post(
        url("plan_edit", participation_a),
        {"focus_area": "Kulturskolen i skolens hverdag", "description": "Vi starter i Kaupanger."},
    )
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", participation_a)
    participation_a.plan.refresh_from_db()
    assert participation_a.plan.focus_area == "Kulturskolen i skolens hverdag"

    kari = group_a[0].person
    response = client.post(
        url("plan_entry_create", participation_a), entry_post(owner=str(kari.pk))
    )
    assert response.status_code == 302
    client.post(
        url("plan_entry_create", participation_a),
        entry_post(phase=Phase.SET_GOALS, title="Mål for skoleåret", status="done"),
    )

    # "Start ny runde" opens the form on the next round.
    page = client.get(url("plan_detail", participation_a)).content.decode()
    new_round = url("plan_entry_create", participation_a) + "?runde=2"
    assert new_round in page
    assert "Start ny runde (runde 2)" in page
    form = client.get(new_round).content.decode()
    assert '<option value="2" selected>Runde 2 (ny runde)</option>' in form

    response = client.post(
        url("plan_entry_create", participation_a),
        entry_post(
            cycle="2", title="Nye behov etter evalueringen", entry_date="2025-03-01", due_on=""
        ),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#runde-2")

    entries = PlanEntry.objects.filter(plan=participation_a.plan)
    assert sorted(entries.values_list("cycle", "title")) == [
        (1, "Kartlegge tilbudet til barn og unge"),
        (1, "Mål for skoleåret"),
        (2, "Nye behov etter evalueringen"),
    ]
    assert entries.get(title="Kartlegge tilbudet til barn og unge").owner == kari

    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert "Runde 2" in html
    assert "Kari Sogndal" in html
    assert "01.10.2024" in html and "15.11.2024" in html
    assert "Innslaget er lagt til i utviklingsplanen." in html


def test_coordinator_changes_an_entry(client, personas, participation_a):
    entry = add_entry(participation_a)
    client.force_login(personas.coordinator_a)
    edit_url = url("plan_entry_edit", participation_a, pk=entry.pk)
    assert "Endre «Identifisere utviklingsbehov i runde 1»" in client.get(edit_url).content.decode()
    response = client.post(edit_url, entry_post(title="Behovene er kartlagt", status="done"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.status) == ("Behovene er kartlagt", "done")


def test_owner_is_chosen_from_the_group_first_then_the_municipality(
    client, personas, participation_a, group_a
):
    Person.objects.create(first_name="Nils", last_name="Nabo", municipality=personas.municipality_a)
    stranger = Person.objects.create(
        first_name="Lars", last_name="Luster", municipality=personas.municipality_b
    )
    client.force_login(personas.coordinator_a)
    html = client.get(url("plan_entry_create", participation_a)).content.decode()
    group_at = html.index('<optgroup label="Kommunegruppen">')
    others_at = html.index('<optgroup label="Andre i kommunen">')
    assert group_at < html.index("Kari Sogndal – Kulturskoleleder") < others_at
    assert others_at < html.index("Nils Nabo")
    assert "Lars Luster" not in html

    response = client.post(
        url("plan_entry_create", participation_a), entry_post(owner=str(stranger.pk))
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not PlanEntry.objects.exists()


def test_due_date_before_the_date_is_refused_in_norwegian(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    response = client.post(
        url("plan_entry_create", participation_a),
        entry_post(entry_date="2024-10-10", due_on="2024-10-01"),
    )
    assert response.status_code == 200
    assert "Fristen kan ikke være før datoen." in response.content.decode()
    assert not PlanEntry.objects.exists()


def test_a_round_cannot_be_skipped(client, personas, participation_a):
    add_entry(participation_a)
    only_in_round_two = add_entry(participation_a, cycle=2)
    client.force_login(personas.coordinator_a)
    response = client.post(
        url("plan_entry_edit", participation_a, pk=only_in_round_two.pk), entry_post(cycle="3")
    )
    assert response.status_code == 200
    assert "Runde 3 kan ikke starte før runde 2." in response.content.decode()
    only_in_round_two.refresh_from_db()
    assert only_in_round_two.cycle == 2


def test_missing_title_is_reported(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    response = client.post(url("plan_entry_create", participation_a), entry_post(title=""))
    html = response.content.decode()
    assert "Skjemaet har feil som må rettes" in html
    assert "Tittel: Feltet er påkrevet." in html


def test_plan_progress_follows_the_done_phases_of_the_latest_round(
    client, personas, participation_a
):
    for phase in Phase.values:
        add_entry(participation_a, phase=phase, status="done")
    add_entry(participation_a, cycle=2, phase=Phase.IDENTIFY_NEEDS, status="done")
    add_entry(participation_a, cycle=2, phase=Phase.IDENTIFY_OPPORTUNITIES, status="done")
    add_entry(participation_a, cycle=2, phase=Phase.SET_GOALS, status="in_progress")

    participation = selectors.participation_detail(participation_a.programme, "4640")
    progress = selectors.plan_progress(participation.plan)
    assert (progress.cycle, progress.phases_done) == (2, 2)
    assert progress.current_phase == str(Phase.SET_GOALS.label)
    assert (progress.entries_done, progress.entries_total) == (7, 8)

    client.force_login(personas.member_a)
    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert "Runde 2: 2 av 5 faser har ferdige innslag." in html
    assert "Fasen kommunen arbeider med nå: Sette mål." in html
    assert "7 av 8 innslag er ferdige i alt." in html


# --- Who may do what ------------------------------------------------------------------

PAGES = ["plan_detail", "plan_edit", "plan_entry_create", "plan_docx", "plan_pdf"]


@pytest.mark.parametrize("name", [*PAGES, "plan_entry_edit"])
def test_coordinator_of_another_municipality_gets_403(client, personas, participation_a, name):
    entry = add_entry(participation_a)
    kwargs = {"pk": entry.pk} if name == "plan_entry_edit" else {}
    client.force_login(personas.coordinator_b)
    assert client.get(url(name, participation_a, **kwargs)).status_code == 403


def test_coordinator_of_another_municipality_cannot_write(client, personas, participation_a):
    entry = add_entry(participation_a)
    client.force_login(personas.coordinator_b)
    posts = [
        (url("plan_edit", participation_a), {"focus_area": "Kapret", "description": ""}),
        (url("plan_entry_create", participation_a), entry_post()),
        (url("plan_entry_edit", participation_a, pk=entry.pk), entry_post(title="Kapret")),
        (url("plan_comment", participation_a), {"text": "Hei fra Luster"}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 403, address
    assert not PlanComment.objects.exists()
    assert PlanEntry.objects.get().title != "Kapret"


@pytest.mark.parametrize("name", PAGES)
def test_partner_gets_403(client, personas, participation_a, name):
    client.force_login(personas.partner)
    assert client.get(url(name, participation_a)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, participation_a, name):
    response = client.get(url(name, participation_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_member_reads_and_comments_but_cannot_edit(client, personas, participation_a):
    entry = add_entry(participation_a)
    client.force_login(personas.member_a)
    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert entry.title in html
    assert "Endre fokusområde og beskrivelse" not in html
    assert "Legg til innslag" not in html
    assert 'name="text"' in html  # the comment form

    assert client.get(url("plan_edit", participation_a)).status_code == 403
    assert client.get(url("plan_entry_create", participation_a)).status_code == 403
    assert client.post(url("plan_entry_create", participation_a), entry_post()).status_code == 403
    edit = url("plan_entry_edit", participation_a, pk=entry.pk)
    assert client.post(edit, entry_post()).status_code == 403
    assert client.get(url("plan_docx", participation_a)).status_code == 200

    response = client.post(url("plan_comment", participation_a), {"text": "Fint arbeid!"})
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", participation_a) + "#kommentarer"
    assert PlanComment.objects.get().author == personas.member_a


def test_leader_reads_but_does_not_comment(client, personas, participation_a):
    client.force_login(personas.leader)
    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert "Utviklingsplan for Sogndal" in html
    assert 'name="text"' not in html
    assert client.post(url("plan_comment", participation_a), {"text": "Hei"}).status_code == 403


def test_adviser_comments_and_the_comment_is_shown_with_author_and_time(
    client, personas, participation_a
):
    client.force_login(personas.adviser)
    response = client.post(
        url("plan_comment", participation_a),
        {"text": "Husk å ta med barn og unges stemmer.\nSnakk med elevrådet."},
        follow=True,
    )
    html = response.content.decode()
    assert "Kommentaren er lagret." in html
    assert "Veileder Testesen" in html
    assert "Husk å ta med barn og unges stemmer.<br>Snakk med elevrådet." in html
    comment = PlanComment.objects.get()
    assert comment.author == personas.adviser
    assert comment.created_at.astimezone().strftime("%d.%m.%Y") in html


def test_empty_comment_is_refused(client, personas, participation_a):
    client.force_login(personas.adviser)
    response = client.post(url("plan_comment", participation_a), {"text": "   "})
    assert response.status_code == 200
    assert "Skjemaet har feil som må rettes" in response.content.decode()
    assert not PlanComment.objects.exists()


def test_comment_only_by_post(client, personas, participation_a):
    client.force_login(personas.adviser)
    assert client.get(url("plan_comment", participation_a)).status_code == 405


def test_terminated_participation_takes_entries_only_from_nkr(client, personas, participation_a):
    services.participation_terminate(
        participation=participation_a,
        reason="Forpliktelsene er ikke fulgt opp.",
        terminated_on=datetime.date(2024, 12, 1),
        actor=personas.adviser,
    )
    client.force_login(personas.coordinator_a)
    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert "Deltakelsen er avsluttet. Planen kan leses, men ikke endres." in html
    assert client.post(url("plan_entry_create", participation_a), entry_post()).status_code == 403

    client.force_login(personas.adviser)
    assert client.post(url("plan_entry_create", participation_a), entry_post()).status_code == 302
    assert PlanEntry.objects.count() == 1


def test_user_text_is_escaped(client, personas, participation_a):
    attack = '<script>alert("x")</script>'
    services.plan_update(plan=participation_a.plan, focus_area=attack, description=attack)
    add_entry(participation_a, title=attack, description=attack)
    services.plan_comment_add(plan=participation_a.plan, author=personas.adviser, text=attack)
    client.force_login(personas.coordinator_a)
    html = client.get(url("plan_detail", participation_a)).content.decode()
    assert attack not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_plan_page_runs_the_same_queries_for_few_and_many_entries(
    client, personas, participation_a, group_a
):
    client.force_login(personas.adviser)
    owners = [member.person for member in group_a]
    add_entry(participation_a, owner=owners[0])
    services.plan_comment_add(plan=participation_a.plan, author=personas.adviser, text="Første")
    with CaptureQueriesContext(connection) as few:
        client.get(url("plan_detail", participation_a))
    for number, phase in enumerate(Phase.values * 3):
        add_entry(
            participation_a,
            phase=phase,
            cycle=1 + number // 5,
            owner=owners[number % 4],
            status="done" if number % 2 else "planned",
        )
    for text in ("Andre", "Tredje", "Fjerde"):
        services.plan_comment_add(plan=participation_a.plan, author=personas.member_a, text=text)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("plan_detail", participation_a))
    assert "Runde 3" in response.content.decode()
    assert len(many) == len(few)


# --- Documents ------------------------------------------------------------------------


@pytest.fixture
def filled_plan(participation_a, group_a, personas):
    services.plan_update(
        plan=participation_a.plan,
        focus_area="Kulturskolen i skolens hverdag",
        description="Kulturskolen og skolen samarbeider om elevenes hverdag.",
    )
    for phase in Phase.values:
        add_entry(
            participation_a,
            phase=phase,
            title=f"Innslag: {Phase(phase).label}",
            owner=group_a[0].person,
            due_on=datetime.date(2024, 12, 1),
        )
    add_entry(participation_a, cycle=2, title="Ny kartlegging våren 2025")
    services.plan_comment_add(
        plan=participation_a.plan, author=personas.adviser, text="Godt forankret i skolen."
    )
    return participation_a


def test_plan_as_docx(client, personas, filled_plan):
    client.force_login(personas.coordinator_a)
    response = client.get(url("plan_docx", filled_plan))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="utviklingsplan-sogndal-fremtidens-kulturskole.docx"'
        in (response["Content-Disposition"])
    )
    text = docx_text(response.content)
    for expected in [
        "Utviklingsplan for Sogndal",
        "Fremtidens kulturskole – regionale program 2024–2025",
        "Kulturskolen i skolens hverdag",
        "Kulturskolen i helhetlig oppvekst",
        "Kulturskolen og skolen samarbeider om elevenes hverdag.",
        "Runde 1",
        "Runde 2",
        "Ny kartlegging våren 2025",
        "Kari Sogndal",
        "01.12.2024",
        "Godt forankret i skolen.",
        "Veileder Testesen",
    ]:
        assert expected in text, expected
    for label in phase_labels():
        assert label in text
        assert f"Innslag: {label}" in text


def test_plan_as_pdf(client, personas, filled_plan):
    client.force_login(personas.adviser)
    response = client.get(url("plan_pdf", filled_plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Sogndal" in pdf_text(response.content)


def test_pdf_template_holds_the_whole_plan(personas, filled_plan, rf):
    """What WeasyPrint is given: every round, phase, entry and the comments."""
    from django.template.loader import render_to_string

    from samspill.programmes import plan_document
    from samspill.programmes.views.plans import _document_parts

    participation = selectors.participation_detail(filled_plan.programme, "4640")
    parts = _document_parts(participation)
    html = render_to_string(
        "programmes/plan_pdf.html",
        {**parts, "facts": plan_document.facts(participation, parts["plan"])},
    )
    assert "Kulturskolen i skolens hverdag" in html
    assert "Runde 2" in html
    for label in phase_labels():
        assert f"Innslag: {label}" in html
    assert "Godt forankret i skolen." in html


# --- In the browser -------------------------------------------------------------------


def _log_in(page, email):
    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_writes_the_plan_and_adviser_comments_and_logs_guidance(page):
    load_reference_data()
    personas = make_personas()
    programme = make_programme()
    participation = make_participation(
        programme, personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )
    make_complete_group(participation)
    window = add_event(
        programme,
        kind="guidance_visit",
        title="Veiledningsbesøk/veiledning kommunegruppe 1",
        year=2024,
        weeks="40-44",
        when_text="Oktober 24",
    )
    plan_url = url("plan_detail", participation)

    _log_in(page, personas.coordinator_a.email)
    page.goto(plan_url)
    assert_accessible(page)
    page.get_by_role("link", name="Endre fokusområde og beskrivelse").click()
    assert_accessible(page)
    page.get_by_label("Fokusområde").fill("Kulturskolen i skolens hverdag")
    page.get_by_label("Beskrivelse").fill("Vi begynner med mellomtrinnet.")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Utviklingsplanen er lagret.").wait_for()
    assert_accessible(page)

    for number, label in enumerate(phase_labels(), start=1):
        page.get_by_role("link", name=f"Legg til innslag i fasen «{label}», runde 1").click()
        assert page.get_by_label("Fase").input_value() == Phase.values[number - 1]
        assert_accessible(page)
        page.get_by_label("Tittel").fill(f"Steg {number}")
        page.get_by_label("Ansvarlig").select_option(label="Kari Sogndal – Kulturskoleleder")
        page.get_by_label("Dato", exact=True).fill(f"2024-10-{number:02d}")
        page.get_by_label("Frist").fill(f"2024-12-{number:02d}")
        page.get_by_label("Status").select_option(label="Ferdig" if number < 3 else "Pågår")
        page.get_by_role("button", name="Lagre").click()
        page.get_by_text("Innslaget er lagt til i utviklingsplanen.").wait_for()
    assert page.get_by_text("Runde 1: 2 av 5 faser har ferdige innslag.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()

    _log_in(page, personas.adviser.email)
    page.goto(plan_url)
    page.get_by_label("Ny kommentar").fill("Godt arbeid. Ta med elevrådet i steg 3.")
    page.get_by_role("button", name="Legg inn kommentar").click()
    page.get_by_text("Kommentaren er lagret.").wait_for()
    assert page.get_by_text("Godt arbeid. Ta med elevrådet i steg 3.").is_visible()
    assert_accessible(page)

    page.goto(url("guidance_create", participation) + "?dato=2024-10-08")
    assert_accessible(page)
    assert page.get_by_label("Veiledningsperiode i tidsplanen").input_value() == str(window.pk)
    assert page.get_by_label("Veileder").input_value() == str(personas.adviser.pk)
    page.get_by_label("Form").select_option(label="Besøk")
    page.get_by_label("Notater").fill("Gruppen har kartlagt tilbudet.")
    page.get_by_label("Avtalte neste steg").fill("Sette mål før jul.")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(f"**{participation.get_absolute_url()}")
    assert_accessible(page)

    session = participation.guidance_sessions.get()
    assert session.held_on == datetime.date(2024, 10, 8)
    assert session.window.title == "Veiledningsbesøk/veiledning kommunegruppe 1"
    assert session.adviser == personas.adviser
    assert PlanEntry.objects.filter(plan__participation=participation).count() == 5
