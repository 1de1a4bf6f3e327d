""" "Mine oppgaver": each person's deadlines from every area, the most urgent first, each
linking to its record; their next events; the status overview for leaders and the board.
A coordinator never sees another municipality's items."""

import pytest
from django.urls import reverse

from samspill.workflow import selectors

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response


def test_coordinator_sees_own_municipality_deadlines_most_urgent_first(client, personas, world):
    response = home(client, personas.coordinator_a)
    page = response.content.decode()
    titles = [item.title for group in response.context["due_groups"] for item in group["items"]]
    # Overdue first (contract since the programme start 01.08, report 05.09, plan entry
    # 02.09), then what is due within two weeks.
    assert titles[:3] == [
        "Kontrakten for Sogndal er ikke signert av alle parter",
        "Intervjue skoleeier i Sogndal",
        "Rapport: Kulturskole for alle i Sogndal",
    ]
    assert titles[3] == "Kartlegge behovene i Sogndal"
    overdue = page[page.index("Forfalt") : page.index("De neste to ukene")]
    assert "Intervjue skoleeier i Sogndal" in overdue
    assert "Kartlegge behovene i Sogndal" not in overdue
    # Every item links to its record.
    assert world["reports"]["a"].get_absolute_url() in page
    assert reverse("programmes:plan_detail", args=[world["programme"].slug, "4640"]) in page
    assert reverse("programmes:contract_edit", args=[world["programme"].slug, "4640"]) in page
    # Next events: the programme's gathering and the open call, not the agreement meeting.
    events = [item.title for item in response.context["next_events"]]
    assert "Fellessamling 1 (fysisk)" in events
    assert "Frist: Inkluderende kulturskoler 2024" in events
    assert "Samarbeidsmøte høsten 2024" not in events
    # No status overview for a coordinator.
    assert "Status på tvers av områdene" not in page


def test_coordinator_never_sees_another_municipalitys_items(client, personas, world):
    page = home(client, personas.coordinator_a).content.decode()
    for text in ["Luster", "Kartlegge behovene i Luster", "Kulturskole for alle i Luster"]:
        assert text not in page
    page_b = home(client, personas.coordinator_b).content.decode()
    assert "Kartlegge behovene i Luster" in page_b
    assert "Sogndal" not in page_b


def test_municipal_member_sees_plan_but_not_coordinator_tasks(client, personas, world):
    response = home(client, personas.member_a)
    titles = [item.title for group in response.context["due_groups"] for item in group["items"]]
    # The contract, reports and the plan are the coordinator's to keep.
    assert titles == []
    assert "Fellessamling 1 (fysisk)" in [item.title for item in response.context["next_events"]]


def test_leader_sees_own_action_item_and_status_overview(client, personas, world):
    response = home(client, personas.leader)
    page = response.content.decode()
    titles = [item.title for group in response.context["due_groups"] for item in group["items"]]
    assert "Sende invitasjon til kommunene" in titles
    assert world["meeting"].get_absolute_url() + "#oppfolging" in page
    assert "Status på tvers av områdene" in page
    lines = {line.label: line.count for line in response.context["status_lines"]}
    assert lines["Rapporter for tilskudd som ikke er levert i tide"] == 2
    assert lines["Åpne utlysninger"] == 1
    assert lines[f"{world['programme'].name}: kommuner med problemer"] == 2


def test_board_member_sees_status_overview_without_tasks(client, personas, world):
    response = home(client, personas.board_member)
    assert "Status på tvers av områdene" in response.content.decode()
    assert response.context["due_count"] == 0


def test_adviser_gets_contracts_and_plans_of_advised_municipalities(client, personas, world):
    response = home(client, personas.adviser)
    titles = [item.title for group in response.context["due_groups"] for item in group["items"]]
    assert "Kontrakten for Sogndal er ikke signert av alle parter" in titles
    assert "Kontrakten for Luster er ikke signert av alle parter" in titles
    assert "Kartlegge behovene i Luster" in titles


def test_partner_sees_only_their_agreement_items(client, personas, world, today):
    assert selectors.due_items(personas.partner, today) == []
    events = [item.title for item in selectors.next_events(personas.partner, today)]
    assert "Samarbeidsmøte høsten 2024" in events
    assert "Fellessamling 1 (fysisk)" not in events


def test_signed_contract_and_done_entries_leave_the_list(client, personas, world, today):
    from samspill.programmes import services

    contract = world["a"].contract
    services.contract_update(
        contract=contract,
        actor=personas.coordinator_a,
        signed_by_nkr_on=today,
        signed_by_chief_executive_on=today,
        signed_by_arts_school_leader_on=today,
    )
    entry = world["entries"]["a_overdue"]
    services.plan_entry_save(
        plan=entry.plan,
        entry=entry,
        cycle=1,
        phase=entry.phase,
        title=entry.title,
        entry_date=entry.entry_date,
        due_on=entry.due_on,
        status="done",
    )
    titles = [item.title for item in selectors.due_items(personas.coordinator_a, today)]
    assert "Kontrakten for Sogndal er ikke signert av alle parter" not in titles
    assert "Intervjue skoleeier i Sogndal" not in titles
    assert "Kartlegge behovene i Sogndal" in titles


def test_start_page_and_calendar_queries_do_not_grow_with_the_items(client, personas, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import _entry

    client.force_login(personas.adviser)
    urls = [reverse("core:home"), reverse("workflow:month") + "?ar=2024&maned=9"]
    for url in urls:  # warm up: content types and the session are cached after this
        client.get(url)
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as queries:
            for url in urls:
                assert client.get(url).status_code == 200
        counts.append(len(queries))
        for number in range(5):
            _entry(world["a"], f"Nytt innslag {number}", world["entries"]["a_soon"].due_on)
            _entry(world["b"], f"Nytt innslag {number}", world["entries"]["b_soon"].due_on)
    assert counts[1] == counts[0]


def test_recent_changes_show_who_changed_what_the_person_follows(client, personas, world, today):
    from samspill.programmes import services

    client.force_login(personas.coordinator_a)
    services.contract_update(
        contract=world["a"].contract, actor=personas.coordinator_a, signed_by_nkr_on=today
    )
    services.contract_update(
        contract=world["b"].contract, actor=personas.coordinator_b, signed_by_nkr_on=today
    )
    changes = selectors.recent_changes(personas.coordinator_a)
    texts = [change.text for change in changes]
    assert any("Kontrakt" in text and "signert av Kulturskolerådet" in text for text in texts)
    assert all("Luster" not in change.context for change in changes)
    assert world["a"].get_absolute_url() in [change.url for change in changes]
    page = home(client, personas.coordinator_a).content.decode()
    assert "Siste endringer i det du følger" in page
    leader = [change.context for change in selectors.recent_changes(personas.leader)]
    assert any("Luster" in context for context in leader)


def test_links_lead_to_the_row_of_the_record(client, personas, world):
    """The plan entry's and the gathering's links end in an anchor that is on the page."""
    response = home(client, personas.coordinator_a)
    items = [item for group in response.context["due_groups"] for item in group["items"]]
    items += response.context["next_events"]
    checked = 0
    for item in items:
        if "#" not in item.url:
            continue
        path, anchor = item.url.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode(), item.url
        checked += 1
    assert checked >= 2


def test_leader_is_told_what_to_invoice_and_which_invoices_are_not_paid(
    client, personas, world, today
):
    import datetime

    from samspill.programmes.models import Instalment

    def instalment(participation, number, due_on, invoiced_on=None, event="gathering"):
        return Instalment.objects.create(
            participation=participation,
            event=world[event],
            number=number,
            amount=15_000,
            due_on=due_on,
            invoiced_on=invoiced_on,
        )

    instalment(world["a"], 1, today - datetime.timedelta(days=3))
    instalment(world["b"], 1, today - datetime.timedelta(days=1))
    instalment(
        world["a"],
        2,
        today,
        invoiced_on=today - datetime.timedelta(days=45),
        event="coordinator_meeting",
    )
    response = home(client, personas.leader)
    items = {
        item.title: item for group in response.context["due_groups"] for item in group["items"]
    }
    to_invoice = items["2 avdrag skal faktureres"]
    assert to_invoice.day == today - datetime.timedelta(days=3)  # the oldest first
    assert to_invoice.url.endswith("?status=not_invoiced")
    unpaid = items["1 faktura er ikke betalt"]
    # Due when the payment days after the invoice ran out.
    assert unpaid.day == today - datetime.timedelta(days=45 - selectors.PAYMENT_DAYS)
    assert unpaid.url.endswith("?status=invoiced")
    # Coordinators are not the ones who invoice.
    page = home(client, personas.coordinator_a).content.decode()
    assert "skal faktureres" not in page and "ikke betalt" not in page


def test_a_long_group_shows_the_first_ten_and_a_link_to_all(client, personas, world):
    from .conftest import _entry

    due_on = world["entries"]["a_soon"].due_on
    for number in range(12):
        _entry(world["a"], f"Innslag nummer {number:02d}", due_on)
    response = home(client, personas.adviser)
    soon = next(group for group in response.context["due_groups"] if group["key"] == "soon")
    assert len(soon["items"]) == selectors.DUE_SHOWN == 10
    assert soon["count"] > 12 and soon["hidden"] == soon["count"] - 10
    page = response.content.decode()
    assert f"Vis alle {soon['count']} under «De neste to ukene»" in page
    assert 'href="?frister=alle#frister-soon"' in page
    listed = sum(f"Innslag nummer {number:02d}" in page for number in range(12))
    assert listed < 12
    everything = client.get(reverse("core:home") + "?frister=alle").content.decode()
    assert all(f"Innslag nummer {number:02d}" in everything for number in range(12))
    assert "Vis alle" not in everything
