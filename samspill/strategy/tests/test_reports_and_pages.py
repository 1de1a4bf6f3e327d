"""The reports for a chosen meeting and period, the basic-grant report, the dashboards
and the forms a leader uses to keep the records."""

import datetime
import io

import pytest
from django.urls import reverse

from samspill.core.tests.documents import docx_text
from samspill.strategy import services
from samspill.strategy.models import Decision, FollowUp, GoverningDocument, Measure, Status

from .conftest import measure_by_text

pytestmark = pytest.mark.django_db


def board_text(client, **params):
    response = client.get(reverse("strategy:board_docx"), params)
    assert response.status_code == 200
    return docx_text(response.content)


def test_the_board_report_for_a_period_shows_the_updates_made_in_it(
    client, personas, plan, decision
):
    measure = measure_by_text("Utarbeide ny rammeplan")
    services.measure_update_status(
        measure=measure,
        user=personas.leader,
        status=Status.IN_PROGRESS,
        progress=50,
        text="Høringsutkast sendt ut.",
        date=datetime.date(2025, 11, 3),
    )
    services.measure_update_status(
        measure=measure_by_text("Støtte kommunene"),
        user=personas.leader,
        status=Status.IN_PROGRESS,
        text="Gammel oppdatering.",
        date=datetime.date(2025, 5, 3),
    )
    planned = decision.follow_ups.get(kind="planned")
    services.follow_up_update_status(
        follow_up=planned,
        user=personas.leader,
        status=Status.IN_PROGRESS,
        text="Arbeidsgruppe nedsatt.",
        date=datetime.date(2025, 11, 10),
    )
    client.force_login(personas.board_member)
    text = board_text(client, meeting="Hovedstyremøte 4/2025", start="2025-10-01", end="2025-11-30")
    assert "Hovedstyremøte 4/2025. Statusrapport til hovedstyret, 01.10.2025–30.11.2025" in text
    assert "5.12 Helhetlig lederutviklingsprogram" in text
    assert "Ansvarlig: Lederstøtte" in text
    assert "03.11.2025 – Utarbeide ny rammeplan: pågår (50\u00a0%). Høringsutkast sendt ut." in text
    assert (
        "10.11.2025 – En videre plan for arbeidet vil komme.: pågår. Arbeidsgruppe nedsatt." in text
    )
    assert "Gammel oppdatering." not in text
    # What was done before the period is not repeated; what is still planned is.
    assert "Kulturskolelederes kompetansebehov er nylig kartlagt." not in text
    assert "En videre plan for arbeidet vil komme." in text


def test_a_period_that_ends_before_it_starts_is_refused(client, personas):
    client.force_login(personas.leader)
    response = client.get(
        reverse("strategy:board_docx"), {"start": "2025-12-01", "end": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "Perioden kan ikke slutte før den begynner." in response.content.decode()


def test_the_board_report_lists_overdue_measures(client, personas, plan):
    measure = measure_by_text("Støtte kommunene")
    measure.deadline = datetime.date(2020, 1, 1)
    services.measure_save(measure=measure)
    client.force_login(personas.leader)
    text = board_text(client)
    assert "Støtte kommunene – frist 01.01.2020, ikke startet (Virksomhetsplan 2025)" in text


def test_the_grant_report_maps_the_work_to_the_two_criteria(client, personas, plan, decision):
    measure = measure_by_text("Samhandle med utdanningsfeltet")
    measure.grant_criterion = "interest_groups"
    services.measure_save(measure=measure)
    client.force_login(personas.leader)
    response = client.get(reverse("strategy:grant_docx"))
    assert response.status_code == 200
    from docx import Document

    paragraphs = [(p.style.name, p.text) for p in Document(io.BytesIO(response.content)).paragraphs]
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [
        "Kunst- og kulturarbeid i tilknytning til opplæringen",
        "Nasjonale interesse- eller brukergrupper",
    ]
    texts = [text for _, text in paragraphs]
    education = texts[texts.index(headings[0]) : texts.index(headings[1])]
    interest = texts[texts.index(headings[1]) :]
    assert "5.12 Helhetlig lederutviklingsprogram" in education
    assert "Kulturskolelederes kompetansebehov er nylig kartlagt." in education
    assert "Samhandle med utdanningsfeltet – ikke startet, 0 %" in interest
    assert client.get(reverse("strategy:grant_pdf")).status_code == 200


def test_the_dashboard_shows_status_overdue_and_recent_updates(client, personas, plan, decision):
    measure = measure_by_text("Støtte kommunene")
    measure.deadline = datetime.date(2020, 1, 1)
    services.measure_save(measure=measure)
    services.measure_update_status(
        measure=measure_by_text("Utarbeide ny rammeplan"),
        user=personas.leader,
        status=Status.IN_PROGRESS,
        progress=10,
    )
    client.force_login(personas.board_member)
    response = client.get(reverse("strategy:home"))
    page = response.content.decode()
    assert "0 av 1 planlagte punkter er gjennomført." in page
    assert "5.12 Helhetlig lederutviklingsprogram" in page
    overdue = list(response.context["overdue_measures"])
    assert overdue == [measure]
    assert [u.measure for u in response.context["recent_updates"]] == [
        measure_by_text("Utarbeide ny rammeplan")
    ]


def test_a_competence_community_sees_its_own_list(client, personas, plan, decision, unit):
    measure = measure_by_text("Støtte kommunene")
    measure.responsible_unit = unit
    services.measure_save(measure=measure)
    FollowUp.objects.filter(kind="planned").update(responsible_unit=unit)
    client.force_login(personas.leader)
    response = client.get(reverse("strategy:unit_detail", args=[unit.slug]))
    assert list(response.context["measures"]) == [measure]
    assert list(response.context["decisions"]) == [decision]
    page = response.content.decode()
    assert "En videre plan for arbeidet vil komme." in page
    assert "Samhandle med utdanningsfeltet" not in page


def test_the_demo_dashboard_has_every_case_and_the_seed_resources(
    client, personas, strategy_demo_data
):
    client.force_login(personas.board_member)
    page = client.get(reverse("strategy:home"))
    assert len(page.context["priorities"]) == 7
    assert [d.case_number for d in page.context["decisions"]] == [
        "5.6",
        "5.11",
        "5.12",
        "5.13",
        "5.14",
    ]
    resources = client.get(reverse("strategy:resource_list")).content.decode()
    for title in ["Ledelse av profesjonelle læringsfelleskap", "Utviklingshjulet", "SØT-modellen"]:
        assert title in resources
    assert Measure.objects.count() == 42
    assert GoverningDocument.objects.count() == 7


def test_a_leader_records_a_new_decision_and_its_points(client, personas, unit):
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:decision_create"),
        {
            "kind": "board",
            "case_number": "23/2025",
            "title": "Oppfølging av landstingsvedtak",
            "text": "Hovedstyret ber om en plan.",
            "meeting": "Hovedstyremøte 29.04.2025",
            "decided_on": "2025-04-29",
            "responsible_units": [unit.pk],
            "sort_order": "1",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(case_number="23/2025")
    response = client.post(
        reverse("strategy:follow_up_create", args=[decision.pk]),
        {
            "kind": "planned",
            "text": "Lage handlingsplan\n- for politisk plattform\n- for vedtak 5.13",
            "status": "not_started",
            "recorded_on": "2025-05-01",
            "due_on": "2025-12-01",
            "position": "1",
            "responsible_unit": unit.pk,
        },
    )
    assert response.status_code == 302
    follow_up = decision.follow_ups.get()
    assert follow_up.point == "Lage handlingsplan"
    assert follow_up.sub_points == ["for politisk plattform", "for vedtak 5.13"]
    text = board_text(client)
    assert "Vedtak i hovedstyret" in text
    assert "23/2025 Oppfølging av landstingsvedtak" in text


def test_a_point_with_both_a_unit_and_a_region_is_refused(client, personas, decision, unit, region):
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:follow_up_create", args=[decision.pk]),
        {
            "kind": "planned",
            "text": "Noe",
            "status": "not_started",
            "recorded_on": "2025-05-01",
            "position": "2",
            "responsible_unit": unit.pk,
            "responsible_region": region.pk,
        },
    )
    assert response.status_code == 200
    assert "Velg enten en ansvarlig enhet eller en ansvarlig region." in response.content.decode()


def test_a_published_resource_needs_its_date(client, personas):
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:resource_create"),
        {"title": "Kvalitet", "status": "published", "position": "1"},
    )
    assert response.status_code == 200
    assert "Oppgi når ressursen ble publisert." in response.content.decode()


def test_user_text_is_escaped(client, personas, decision):
    decision.title = "<script>alert(1)</script>"
    decision.save()
    client.force_login(personas.leader)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_open_deadlines_come_as_an_ical_feed(client, personas, plan, decision):
    import icalendar

    measure = measure_by_text("Støtte kommunene")
    measure.deadline = datetime.date(2026, 6, 1)
    services.measure_save(measure=measure)
    done = measure_by_text("Utarbeide ny rammeplan")
    done.deadline = datetime.date(2026, 6, 1)
    done.status = Status.DONE
    services.measure_save(measure=done)
    client.force_login(personas.board_member)
    response = client.get(reverse("strategy:deadlines_ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    summaries = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert summaries == {
        "Frist: Støtte kommunene": datetime.date(2026, 6, 1),
        "Frist: En videre plan for arbeidet vil komme.": datetime.date(2026, 3, 1),
    }
    client.force_login(personas.coordinator_a)
    assert client.get(reverse("strategy:deadlines_ics")).status_code == 403


def test_the_grant_report_opens_with_the_grant_from_seed_004(client, personas, strategy_demo_data):
    client.force_login(personas.board_member)
    text = docx_text(client.get(reverse("strategy:grant_docx")).content)
    assert (
        "Grunnstøtte til organisasjoner: 86\u00a0400\u00a0000 kr for perioden "
        "01.01.2025–30.06.2027, forvaltet av Utdanningsdirektoratet. "
        "Rapporten skal leveres innen 30.06.2026."
    ) in text


def test_the_start_page_lists_the_units_open_deadlines(client, personas, plan, decision, unit):
    from samspill.members.models import Person, StaffUnitMembership

    person = Person.objects.create(first_name="Leder", last_name="Testesen")
    StaffUnitMembership.objects.create(unit=unit, person=person)
    personas.leader.person = person
    personas.leader.save()
    measure = measure_by_text("Støtte kommunene")
    measure.deadline = datetime.date(2020, 1, 1)
    measure.responsible_unit = unit
    services.measure_save(measure=measure)
    FollowUp.objects.filter(kind="planned").update(responsible_unit=unit)
    client.force_login(personas.leader)
    page = client.get(reverse("core:home")).content.decode()
    # "Mine oppgaver" (samspill.workflow) lists every area's deadlines together.
    assert "Frister og oppgaver" in page
    section = page[page.index("Frister og oppgaver") :]
    assert section.index("Støtte kommunene") < section.index("En videre plan for arbeidet")
    assert "Forfalt" in section
    client.force_login(personas.coordinator_a)
    assert "Støtte kommunene" not in client.get(reverse("core:home")).content.decode()


def test_a_leader_records_an_additional_decision_and_its_follow_up(client, personas, decision):
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:additional_decision_create", args=[decision.pk]),
        {
            "number": "1",
            "text": "Landstinget ber om at planen gjennomgås redaksjonelt.",
            "follow_up": "Fulgt opp og drøftet i hovedstyremøtet i uke 48.",
        },
    )
    assert response.status_code == 302
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "1. «Landstinget ber om at planen gjennomgås redaksjonelt.»" in page
    text = board_text(client)
    assert "1. «Landstinget ber om at planen gjennomgås redaksjonelt.»" in text
    assert "Fulgt opp og drøftet i hovedstyremøtet i uke 48." in text


def test_a_planned_point_carried_out_moves_to_what_has_been_done(client, personas, decision):
    planned = decision.follow_ups.get(kind="planned")
    services.follow_up_update_status(
        follow_up=planned,
        user=personas.leader,
        status=Status.DONE,
        text="Planen ble lagt fram.",
        date=datetime.date(2025, 11, 10),
    )
    client.force_login(personas.leader)
    from docx import Document

    response = client.get(reverse("strategy:board_docx"), {"start": "2025-11-01"})
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    case = paragraphs[paragraphs.index("5.12 Helhetlig lederutviklingsprogram") :]
    done_at = case.index("Hva som har vært gjort")
    point = case.index("En videre plan for arbeidet vil komme.")
    assert done_at < point
    assert "Hva som er planlagt gjort videre" not in case[: case.index("Tiltak i planene")]
    # In a period after it was done, it is no longer news.
    response = client.get(reverse("strategy:board_docx"), {"start": "2025-12-01"})
    assert "En videre plan for arbeidet vil komme." not in docx_text(response.content)
