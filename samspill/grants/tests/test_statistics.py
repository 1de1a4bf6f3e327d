"""Statistics (issue 9, item 6): nominations and awards by county, category and year,
and the share of member municipalities nominating."""

import pytest
from django.urls import reverse

from samspill.grants import selectors, services
from samspill.members.models import Municipality

from .builders import make_call, nominate

pytestmark = pytest.mark.django_db


def test_counts_by_year_county_and_category_and_the_member_share(client, call, members):
    Municipality.objects.filter(number="0301").update(is_member=True)  # Oslo
    oslo = Municipality.objects.get(number="0301")
    a, b = members.municipality_a, members.municipality_b
    kari = nominate(call, a, members.coordinator_a, first="Kari")
    nominate(call, a, members.coordinator_a, first="Per", category_name="Musikk")
    nominate(call, b, members.coordinator_b, first="Ola")
    nominate(call, a, members.coordinator_a, first="Utkast", submit=False)  # not counted
    services.award_make(nomination=kari, user=members.adviser)
    services.call_finalise(call=call, user=members.adviser)
    later = make_call(call.scheme, slug="ds-2027", year=2027)
    nominate(later, oslo, members.admin, first="Nina")

    stats = selectors.statistics()
    by_year = {row["call__year"]: row for row in stats["by_year"]}
    # Three member municipalities: Sogndal and Luster nominated in 2026 (2 of 3 = 67 %).
    assert stats["member_count"] == 3
    assert (by_year[2026]["nominations"], by_year[2026]["awards"]) == (3, 1)
    assert (by_year[2026]["municipalities"], by_year[2026]["member_share"]) == (2, 67)
    assert (by_year[2027]["nominations"], by_year[2027]["member_share"]) == (1, 33)
    county_2026 = [r for r in stats["by_county"] if r["call__year"] == 2026]
    assert [
        (r["municipality__county__name"], r["nominations"], r["awards"]) for r in county_2026
    ] == [("Vestland", 3, 1)]
    category_2026 = {
        r["category__name"]: (r["nominations"], r["awards"])
        for r in stats["by_category"]
        if r["call__year"] == 2026
    }
    assert category_2026 == {"Dans": (2, 1), "Musikk": (1, 0)}

    client.force_login(members.leader)
    page = client.get(reverse("grants:statistics")).content.decode()
    assert "67 %" in page and "Vestland" in page
    csv = client.get(reverse("grants:statistics") + "?format=csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "År;Fylke;Nominasjoner;Tildelinger"
    assert "2026;46 Vestland;3;1" in text
    xlsx = client.get(reverse("grants:statistics") + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_nominations_and_applications_download_as_csv_and_xlsx(client, call, members):
    from samspill.grants.models import Call, Scheme

    nominate(call, members.municipality_a, members.coordinator_a, first="Kari")
    nominate(call, members.municipality_b, members.coordinator_b, first="Ola", submit=False)
    client.force_login(members.adviser)
    url = reverse("grants:nomination_list", args=[call.slug])
    text = client.get(url + "?status=submitted&format=csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Fornavn;Etternavn;Kategori;Kommune;Fylke;Alder;Status;Sendt inn"
    assert lines[1].startswith("Kari;Nordmann;Dans;Sogndal;Vestland;20;Sendt inn;")
    assert len(lines) == 2  # the filter holds: Ola's draft is left out
    assert client.get(url + "?format=xlsx").content[:2] == b"PK"
    # Nominees' names left the system: both downloads are in the audit trail, with who.
    from samspill.core.models import AuditEntry

    exports = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT)
    assert exports.count() == 2
    assert {entry.actor for entry in exports} == {members.adviser}
    assert call.title in exports[0].target

    scheme = Scheme.objects.create(name="Håndverksløftet", slug="hl", kind="grant")
    grant_call = Call.objects.create(
        scheme=scheme,
        slug="hl-2026",
        title="Håndverksløftet 2026",
        year=2026,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
    )
    services.application_save(
        call=grant_call,
        municipality=members.municipality_a,
        user=members.coordinator_a,
        project_title="Treskjæring",
        amount_applied=100_000,
    )
    url = reverse("grants:application_list", args=[grant_call.slug])
    text = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "Sogndal;Treskjæring;Utkast;100000;" in text
    assert client.get(url + "?format=xlsx").content[:2] == b"PK"


def test_deadlines_as_ical(client, call, members):
    import icalendar

    client.force_login(members.coordinator_a)
    response = client.get(reverse("grants:deadlines_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    summaries = {str(event["summary"]): event.decoded("dtstart") for event in events}
    assert summaries["Frist: Drømmestipendet 2026"] == call.closes_on
    assert summaries["Drømmestipendet 2026 åpner"] == call.opens_on
