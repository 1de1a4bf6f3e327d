"""The participation page of one municipality, its municipal group, the adviser and
termination, as NKR, the municipality's own users and the others see them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.members.models import Person
from samspill.programmes import services
from samspill.programmes.models import GroupMember, ParticipationStatus

from .builders import add_physical_gatherings, make_complete_group, make_participation

pytestmark = pytest.mark.django_db

TOO_FEW = "Kommunegruppen har"
NO_COORDINATOR = "Kommunegruppen har ingen koordinator"
NO_SCHOOL_OWNER = "Skoleeier er ikke representert"
REQUIREMENTS_MET = "Kommunegruppen oppfyller kravene"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, participation, **kwargs):
    return reverse(
        f"programmes:{name}",
        kwargs={
            "slug": participation.programme.slug,
            "number": participation.municipality.number,
            **kwargs,
        },
    )


def page_text(client, participation):
    response = client.get(participation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def member_data(first_name, *, position="Rektor", coordinator=False, school_owner=False, **extra):
    data = {
        "first_name": first_name,
        "last_name": "Testesen",
        "position": position,
        "organisation": "Barneskolen",
        **extra,
    }
    if coordinator:
        data["is_coordinator"] = "on"
    if school_owner:
        data["represents_school_owner"] = "on"
    return data


# --- The page -------------------------------------------------------------------------


def test_adviser_sees_every_section_and_every_action(client, personas, participation_a):
    gathering = add_physical_gatherings(participation_a.programme)[0]
    services.event_mark_held(event=gathering, held_on=gathering.starts_on, actor=personas.adviser)
    client.force_login(personas.adviser)
    text = page_text(client, participation_a)
    assert "<h1" in text and "Sogndal" in text
    assert "Fremtidens kulturskole – regionale program 2024–2025" in text
    assert "Aktiv" in text
    assert "Veileder Testesen" in text  # the assigned adviser
    assert "Bytt veileder" in text
    assert "Ikke signert" in text
    assert "Last ned kontrakten (Word)" in text and "Last ned kontrakten (PDF)" in text
    assert "Registrer signaturer" in text
    assert "Legg til medlem" in text
    assert "Kulturskolen i helhetlig oppvekst" in text  # focus area from the region
    assert url("plan_detail", participation_a) in text
    assert "Registrer veiledning" in text
    assert url("guidance_create", participation_a) in text
    assert "0 % av gjennomførte samlinger" in text
    assert reverse("programmes:schedule", args=[participation_a.programme.slug]) in text
    assert "Deltakeravgift" in text and "6\xa0667\xa0kr" in text and "24.09.2024" in text
    assert "Avslutt deltakelsen" in text
    assert "Sogndal er tatt opp i programmet" in text  # the history


def test_coordinator_sees_own_page_with_group_and_contract_actions_only(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    text = page_text(client, participation_a)
    assert "Legg til medlem" in text
    assert "Registrer signaturer" in text
    assert "Deltakeravgift" in text  # the municipality sees its own instalments
    assert "Bytt veileder" not in text
    assert "Avslutt deltakelsen" not in text
    assert "Registrer veiledning" not in text


def test_guidance_log_lists_date_mode_notes_and_next_steps(client, personas, participation_a):
    participation_a.guidance_sessions.create(
        held_on=datetime.date(2024, 10, 8),
        mode="visit",
        adviser=personas.adviser,
        notes="Gikk gjennom kartleggingen.",
        next_steps="Kommunegruppen inviterer elevrådet.",
    )
    client.force_login(personas.member_a)
    text = page_text(client, participation_a)
    assert "08.10.2024 – Besøk" in text
    assert "Gikk gjennom kartleggingen." in text
    assert "Kommunegruppen inviterer elevrådet." in text


def test_municipal_member_reads_the_page_but_gets_403_on_every_edit(
    client, personas, participation_a
):
    member = make_complete_group(participation_a)[0]
    client.force_login(personas.member_a)
    text = page_text(client, participation_a)
    assert "Kari Sogndal" in text
    for action in ("Legg til medlem", "Registrer signaturer", "Bytt veileder", ">Endre<"):
        assert action not in text
    assert client.get(url("contract_docx", participation_a)).status_code == 200
    for name, kwargs in [
        ("contract_edit", {}),
        ("group_member_create", {}),
        ("group_member_edit", {"pk": member.pk}),
        ("participation_adviser", {}),
        ("participation_terminate", {}),
    ]:
        assert client.get(url(name, participation_a, **kwargs)).status_code == 403, name
    assert client.post(url("group_member_delete", participation_a, pk=member.pk)).status_code == 403
    assert GroupMember.objects.filter(pk=member.pk).exists()


def test_other_municipality_and_partner_get_403_everywhere(client, personas, participation_a):
    member = make_complete_group(participation_a)[0]
    urls = [
        participation_a.get_absolute_url(),
        url("contract_edit", participation_a),
        url("contract_docx", participation_a),
        url("contract_pdf", participation_a),
        url("contract_signed_copy", participation_a),
        url("group_member_create", participation_a),
        url("group_member_edit", participation_a, pk=member.pk),
        url("participation_adviser", participation_a),
        url("participation_terminate", participation_a),
    ]
    for user in (personas.coordinator_b, personas.partner):
        client.force_login(user)
        for address in urls:
            assert client.get(address).status_code == 403, (user, address)
        delete = client.post(url("group_member_delete", participation_a, pk=member.pk))
        assert delete.status_code == 403
        post = client.post(url("group_member_create", participation_a), member_data("Inntrenger"))
        assert post.status_code == 403
    assert participation_a.group_members.count() == 4


def test_anonymous_visitor_is_sent_to_login(client, participation_a):
    response = client.get(participation_a.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_board_member_reads_the_page_without_fees(client, personas, participation_a):
    client.force_login(personas.board_member)
    text = page_text(client, participation_a)
    assert "Kommunegruppe" in text
    assert "Deltakeravgift" not in text
    assert "Legg til medlem" not in text


def test_unknown_municipality_is_404(client, personas, participation_a):
    client.force_login(personas.adviser)
    address = reverse(
        "programmes:participation_detail", args=[participation_a.programme.slug, "0301"]
    )
    assert client.get(address).status_code == 404


def test_page_query_count_does_not_grow_with_the_group(client, personas, participation_a):
    client.force_login(personas.adviser)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(participation_a.get_absolute_url()).status_code == 200
        return len(queries)

    services.group_member_change(
        participation=participation_a,
        actor=personas.adviser,
        new_person={"first_name": "Eva", "last_name": "En", "email": "", "phone": ""},
        position="Rektor",
        organisation="Skolen",
    )
    with_one = count_queries()
    make_complete_group(participation_a)
    assert participation_a.group_members.count() == 5
    assert count_queries() == with_one


# --- The municipal group --------------------------------------------------------------


def test_group_warnings_go_away_as_the_coordinator_completes_the_group(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    text = page_text(client, participation_a)
    assert "Kommunegruppen har 0 medlemmer; den må ha minst 4." in text
    assert NO_COORDINATOR in text and NO_SCHOOL_OWNER in text

    create = url("group_member_create", participation_a)
    response = client.post(create, member_data("Kari", position="Kulturskoleleder"))
    assert response.status_code == 302
    assert response.url == participation_a.get_absolute_url() + "#kommunegruppe"
    text = page_text(client, participation_a)
    assert "Kommunegruppen er oppdatert." in text
    assert "Kommunegruppen har 1 medlemmer" in text and NO_COORDINATOR in text

    client.post(create, member_data("Ola", coordinator=True))
    text = page_text(client, participation_a)
    assert NO_COORDINATOR not in text and NO_SCHOOL_OWNER in text

    client.post(create, member_data("Siri", school_owner=True, position="Kommunalsjef"))
    text = page_text(client, participation_a)
    assert "Kommunegruppen har 3 medlemmer" in text and NO_SCHOOL_OWNER not in text

    client.post(create, member_data("Per"))
    text = page_text(client, participation_a)
    assert TOO_FEW not in text and NO_SCHOOL_OWNER not in text
    assert REQUIREMENTS_MET in text
    assert participation_a.group_members.count() == 4


def test_a_new_member_is_registered_as_a_person_of_the_municipality(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    client.post(
        url("group_member_create", participation_a),
        member_data("Kari", email="Kari@Sogndal.kommune.no", phone="900 00 000"),
    )
    person = Person.objects.get(email="kari@sogndal.kommune.no")
    assert person.municipality == personas.municipality_a
    assert person.phone == "900 00 000"
    assert person.positions.get().title == "Rektor"
    member = participation_a.group_members.get()
    assert (member.person, member.organisation) == (person, "Barneskolen")
    assert participation_a.history.filter(text__contains="Kari Testesen (Rektor)").exists()


def test_coordinator_picks_someone_already_registered(client, personas, participation_a):
    person = Person.objects.create(
        first_name="Anne", last_name="Aas", municipality=personas.municipality_a
    )
    other = Person.objects.create(
        first_name="Lars", last_name="Luster", municipality=personas.municipality_b
    )
    client.force_login(personas.coordinator_a)
    form = client.get(url("group_member_create", participation_a)).content.decode()
    assert "Anne Aas" in form and "Lars Luster" not in form
    client.post(
        url("group_member_create", participation_a),
        {"person": person.pk, "position": "Rektor", "organisation": "Skolen"},
    )
    assert participation_a.group_members.get().person == person
    # Someone in the group is not offered again, and someone from Luster is refused.
    form = client.get(url("group_member_create", participation_a)).content.decode()
    assert "Anne Aas" not in form
    response = client.post(
        url("group_member_create", participation_a),
        {"person": other.pk, "position": "Rektor", "organisation": "Skolen"},
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert participation_a.group_members.count() == 1


def test_group_member_form_errors_are_plain_norwegian(client, personas, participation_a):
    Person.objects.create(first_name="Eva", last_name="E", email="eva@example.no")
    client.force_login(personas.coordinator_a)
    create = url("group_member_create", participation_a)
    response = client.post(create, {"position": "", "organisation": ""})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Skjemaet har feil som må rettes" in text
    assert "Velg en person i listen, eller skriv inn fornavn og etternavn." in text
    response = client.post(create, member_data("Eva", email="eva@example.no"))
    assert "Det finnes allerede en person med denne e-posten." in response.content.decode()
    assert not participation_a.group_members.exists()


def test_making_someone_coordinator_hands_the_role_over(client, personas, participation_a):
    kari, ola, *_ = make_complete_group(participation_a)
    assert kari.is_coordinator
    client.force_login(personas.coordinator_a)
    response = client.post(
        url("group_member_edit", participation_a, pk=ola.pk),
        {
            "person": ola.person.pk,
            "position": ola.position,
            "organisation": ola.organisation,
            "is_coordinator": "on",
            "represents_school_owner": "on",
        },
    )
    assert response.status_code == 302
    coordinators = participation_a.group_members.filter(is_coordinator=True)
    assert list(coordinators) == [ola]
    text = page_text(client, participation_a)
    assert REQUIREMENTS_MET in text
    assert "Ola Sogndal er koordinator for kommunegruppen." in text

    # Without a coordinator, the page says so.
    client.post(
        url("group_member_edit", participation_a, pk=ola.pk),
        {
            "person": ola.person.pk,
            "position": ola.position,
            "organisation": ola.organisation,
            "represents_school_owner": "on",
        },
    )
    assert NO_COORDINATOR in page_text(client, participation_a)


def test_removing_a_member_keeps_the_person(client, personas, participation_a):
    members = make_complete_group(participation_a)
    client.force_login(personas.coordinator_a)
    assert (
        client.get(url("group_member_delete", participation_a, pk=members[3].pk)).status_code == 405
    )
    response = client.post(url("group_member_delete", participation_a, pk=members[3].pk))
    assert response.status_code == 302
    assert participation_a.group_members.count() == 3
    assert Person.objects.filter(pk=members[3].person_id).exists()
    text = page_text(client, participation_a)
    assert "Siri Sogndal er tatt ut av kommunegruppen." in text
    assert "Kommunegruppen har 3 medlemmer" in text


def test_members_of_another_participation_are_404(client, personas, participation_a, programme):
    other = make_participation(programme, personas.municipality_b, actor=personas.adviser)
    member = make_complete_group(other)[0]
    client.force_login(personas.coordinator_a)
    assert client.get(url("group_member_edit", participation_a, pk=member.pk)).status_code == 404


# --- Adviser --------------------------------------------------------------------------


def test_adviser_is_chosen_among_advisers(client, personas, participation_a):
    from samspill.accounts.models import Role, User

    other = User.objects.create_user(
        email="ny.veileder@test.no", password="x", role=Role.ADVISER, first_name="Nina"
    )
    client.force_login(personas.admin)
    form = client.get(url("participation_adviser", participation_a)).content.decode()
    assert "Nina" in form and "Leder Testesen" not in form
    response = client.post(url("participation_adviser", participation_a), {"adviser": other.pk})
    assert response.status_code == 302
    participation_a.refresh_from_db()
    assert participation_a.adviser == other
    response = client.post(
        url("participation_adviser", participation_a), {"adviser": personas.leader.pk}
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    client.force_login(personas.coordinator_a)
    assert client.get(url("participation_adviser", participation_a)).status_code == 403


# --- Termination ----------------------------------------------------------------------


def test_termination_shows_on_the_page_and_ends_the_coordinators_editing(
    client, personas, participation_a
):
    member = make_complete_group(participation_a)[0]
    client.force_login(personas.adviser)
    form = client.get(url("participation_terminate", participation_a))
    assert form.status_code == 200
    response = client.post(
        url("participation_terminate", participation_a),
        {"terminated_on": "2024-12-01", "reason": "Kommunegruppen har ikke møtt på samlingene."},
    )
    assert response.status_code == 302
    participation_a.refresh_from_db()
    assert participation_a.status == ParticipationStatus.TERMINATED
    assert participation_a.terminated_on == datetime.date(2024, 12, 1)

    text = page_text(client, participation_a)
    assert "Deltakelsen ble avsluttet 01.12.2024" in text
    assert "Avsluttet før tiden" in text
    assert "Deltakelsen er avsluttet 01.12.2024: Kommunegruppen har ikke møtt på samlingene." in (
        text
    )
    assert "Avslutt deltakelsen" not in text
    assert client.get(url("participation_terminate", participation_a)).status_code == 403

    client.force_login(personas.coordinator_a)
    text = page_text(client, participation_a)
    assert "Legg til medlem" not in text and "Registrer signaturer" not in text
    for address in (
        url("group_member_create", participation_a),
        url("group_member_edit", participation_a, pk=member.pk),
        url("contract_edit", participation_a),
    ):
        assert client.get(address).status_code == 403


def test_termination_needs_a_reason_and_a_date(client, personas, participation_a):
    client.force_login(personas.adviser)
    response = client.post(
        url("participation_terminate", participation_a), {"terminated_on": "", "reason": "  "}
    )
    assert response.status_code == 200
    assert "Skjemaet har feil som må rettes" in response.content.decode()
    participation_a.refresh_from_db()
    assert participation_a.is_active


def test_coordinator_cannot_terminate(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    response = client.post(
        url("participation_terminate", participation_a),
        {"terminated_on": "2024-12-01", "reason": "Vil ikke mer."},
    )
    assert response.status_code == 403
    participation_a.refresh_from_db()
    assert participation_a.is_active


# --- In the browser -------------------------------------------------------------------

SIGNED_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_completes_the_group_and_the_contract_in_the_browser(page, settings, tmp_path):
    import re

    from samspill.core.tests.browser import assert_accessible
    from samspill.core.tests.personas import PASSWORD, make_personas
    from samspill.members.services import load_reference_data

    from .builders import make_programme

    settings.MEDIA_ROOT = tmp_path / "media"
    load_reference_data()
    personas = make_personas()
    participation = make_participation(
        make_programme(), personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )

    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(personas.coordinator_a.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")

    page.goto(participation.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Sogndal"
    warnings = page.get_by_role("heading", name="Kommunegruppen oppfyller ikke kravene")
    assert warnings.is_visible()
    assert page.get_by_text(NO_SCHOOL_OWNER).is_visible()
    assert_accessible(page)

    # A form sent without a name says what is missing.
    page.get_by_role("link", name="Legg til medlem").click()
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Skjemaet har feil som må rettes").wait_for()
    assert_accessible(page)

    group = [
        ("Kari", "Kulturskoleleder", "Kulturskolen", "Koordinator for kommunegruppen"),
        ("Ola", "Kommunalsjef oppvekst", "Skoleeier", "Representerer skoleeier"),
        ("Per", "Rektor", "Sogndal skule", None),
        ("Siri", "Helsesykepleier", "Helsestasjonen", None),
    ]
    for number, (first_name, position, organisation, checkbox) in enumerate(group, start=1):
        if number > 1:
            page.get_by_role("link", name="Legg til medlem").click()
            assert_accessible(page)
        page.get_by_label("Fornavn").fill(first_name)
        page.get_by_label("Etternavn").fill("Sogn")
        page.get_by_label("Stilling").fill(position)
        page.get_by_label("Virksomhet").fill(organisation)
        if checkbox:
            page.get_by_label(checkbox).check()
        page.get_by_role("button", name="Lagre").click()
        page.get_by_text("Kommunegruppen er oppdatert.").wait_for()
        assert page.get_by_role("cell", name=f"{first_name} Sogn", exact=True).is_visible()
        assert_accessible(page)
        if number < 4:
            assert warnings.is_visible()
    assert warnings.count() == 0
    assert page.get_by_text(REQUIREMENTS_MET).is_visible()

    page.get_by_role("link", name="Registrer signaturer").click()
    assert_accessible(page)
    page.get_by_label("Sted og dato for kommunen").fill("Sogndal 2. september 2024")
    page.get_by_label(re.compile("^Kommunedirektør")).fill("Astrid Aas")
    page.get_by_label(re.compile("^Kulturskoleleder")).fill("Bjørn Bø")
    page.get_by_label("Signert av Kulturskolerådet").fill("2024-08-20")
    page.get_by_label("Signert av kommunedirektør").fill("2024-09-02")
    page.get_by_label("Signert av kulturskoleleder").fill("2024-09-03")
    page.get_by_label("Signert kopi (PDF)").set_input_files(
        {"name": "kontrakt signert.pdf", "mimeType": "application/pdf", "buffer": SIGNED_PDF}
    )
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Kontrakten er lagret.").wait_for()
    contract = page.get_by_role("region", name="Kontrakt")
    assert contract.get_by_text("Signert", exact=True).is_visible()
    assert contract.get_by_role("link", name="Last ned signert kopi (PDF)").is_visible()
    assert page.get_by_text("Kontrakten er signert.").is_visible()
    assert_accessible(page)

    participation.contract.refresh_from_db()
    assert participation.contract.status == "signed"
    assert participation.contract.signed_copy.read() == SIGNED_PDF


def test_breadcrumbs_lead_back_through_programme_and_municipality(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    page = client.get(url("contract_edit", participation_a)).content.decode()
    trail = page.split('class="ds-breadcrumbs"')[1].split("</nav>")[0]
    name = participation_a.programme.name
    order = [trail.index(label) for label in ("Utviklingsprogram", name, "Sogndal", "Kontrakt")]
    assert order == sorted(order)
