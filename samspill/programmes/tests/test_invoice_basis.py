"""The invoice basis: instalments fall due when physical gatherings are marked held in the
schedule, are listed, filtered, exported for accounting and marked invoiced and paid."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from samspill.programmes import services

from .builders import add_physical_gatherings

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def gatherings(programme):
    return add_physical_gatherings(programme)


def hold_all(client, gatherings):
    for gathering in gatherings:
        response = client.post(
            reverse("programmes:event_mark_held", args=[gathering.programme.slug, gathering.pk]),
            {"held_on": gathering.starts_on.isoformat()},
        )
        assert response.status_code == 302


def basis_url(programme, name="invoice_basis", status=None):
    url = reverse(f"programmes:{name}", args=[programme.slug])
    return f"{url}?status={status}" if status else url


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_gatherings_marked_held_show_as_instalments_of_the_whole_fee(
    client, personas, participation_a, participation_b, gatherings, programme
):
    client.force_login(personas.adviser)
    hold_all(client, gatherings)
    page = html(client, basis_url(programme))
    assert page.count("6\xa0667\xa0kr") == 4
    assert page.count("6\xa0666\xa0kr") == 2
    assert "Sogndal" in page and "4640" in page
    assert "Luster" in page and "4644" in page
    assert "Fellessamling 5 (fysisk)" in page
    assert "11.09.2025" in page
    assert "6 avdrag" in page
    # Two municipalities, 20 000 kr each.
    assert "40\xa0000\xa0kr" in page
    amounts = list(participation_a.instalments.values_list("amount", flat=True))
    assert amounts == [6_667, 6_667, 6_666]


def test_filter_by_invoiced_and_paid(client, personas, participation_a, gatherings, programme):
    client.force_login(personas.adviser)
    hold_all(client, gatherings)
    first, second, _third = participation_a.instalments.all()
    services.instalments_mark_invoiced(instalments=[first, second], invoiced_on=D(2025, 9, 20))
    services.instalments_mark_paid(instalments=[first], paid_on=D(2025, 10, 1))

    def shown(status):
        page = html(client, basis_url(programme, status=status))
        return page.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")

    assert shown(None) == 3
    assert shown("ikke-fakturert") == 1
    assert shown("fakturert") == 1
    assert shown("betalt") == 1
    paid = html(client, basis_url(programme, status="betalt"))
    assert "01.10.2025" in paid and "20.09.2025" in paid


def test_mark_selected_instalments_invoiced_today_and_paid_on_a_date(
    client, personas, participation_a, participation_b, gatherings, programme
):
    client.force_login(personas.adviser)
    hold_all(client, gatherings[:1])
    a, b = (p.instalments.get() for p in (participation_a, participation_b))
    mark = basis_url(programme, "instalments_mark")
    response = client.post(mark, {"instalments": [a.pk], "action": "invoiced"}, follow=True)
    assert "1 avdrag er merket som fakturert" in response.content.decode()
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.invoiced_on == timezone.localdate()
    assert b.invoiced_on is None

    response = client.post(
        mark,
        {"instalments": [a.pk, b.pk], "action": "paid", "on": "2025-10-15", "status": "betalt"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?status=betalt")
    assert "1 avdrag er merket som betalt 15.10.2025." in page
    assert "1 av de valgte var ikke fakturert eller allerede betalt" in page
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.paid_on == D(2025, 10, 15)
    assert b.paid_on is None


def test_marking_nothing_says_so(client, personas, participation_a, gatherings, programme):
    client.force_login(personas.adviser)
    response = client.post(
        basis_url(programme, "instalments_mark"), {"action": "invoiced"}, follow=True
    )
    assert "Velg minst ett avdrag." in response.content.decode()


def test_csv_export_has_the_rows_of_the_filter(
    client, personas, participation_a, participation_b, gatherings, programme
):
    client.force_login(personas.adviser)
    hold_all(client, gatherings[:2])
    services.instalments_mark_invoiced(
        instalments=list(participation_a.instalments.all()), invoiced_on=D(2025, 3, 1)
    )
    response = client.get(basis_url(programme, "invoice_basis_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="fakturagrunnlag-fremtidens-kulturskole.csv"' in (response["Content-Disposition"])
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Kommune",
        "Kommunenummer",
        "Avdrag nr.",
        "Beløp (kr)",
        "Samling",
        "Forfalt",
        "Fakturert",
        "Betalt",
    ]
    first, third = "Fellessamling 1 (fysisk)", "Fellessamling 3 (fysisk)"
    assert rows[1:] == [
        ["Luster", "4644", "1", "6667", first, "24.09.2024", "", ""],
        ["Luster", "4644", "2", "6667", third, "12.02.2025", "", ""],
        ["Sogndal", "4640", "1", "6667", first, "24.09.2024", "01.03.2025", ""],
        ["Sogndal", "4640", "2", "6667", third, "12.02.2025", "01.03.2025", ""],
    ]
    filtered = client.get(basis_url(programme, "invoice_basis_csv", status="ikke-fakturert"))
    rows = list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Luster", "Luster"]


def test_xlsx_export_has_amounts_as_numbers_and_dates_as_dates(
    client, personas, participation_a, gatherings, programme
):
    client.force_login(personas.leader)
    for gathering in gatherings:
        services.event_mark_held(
            event=gathering, held_on=gathering.starts_on, actor=personas.adviser
        )
    response = client.get(basis_url(programme, "invoice_basis_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Kommune", "Kommunenummer", "Avdrag nr.", "Beløp (kr)")
    assert [row[3] for row in rows[1:]] == [6_667, 6_667, 6_666]
    assert all(isinstance(row[3], int) for row in rows[1:])
    assert rows[1][1] == "4640"
    assert rows[1][5] == datetime.datetime(2024, 9, 24)
    assert sum(row[3] for row in rows[1:]) == programme.fee


def test_a_leader_reads_the_invoice_basis_but_does_not_mark(
    client, personas, participation_a, gatherings, programme
):
    services.event_mark_held(
        event=gatherings[0], held_on=gatherings[0].starts_on, actor=personas.adviser
    )
    client.force_login(personas.leader)
    page = html(client, basis_url(programme))
    assert "Merk som fakturert" not in page
    assert 'type="checkbox"' not in page
    instalment = participation_a.instalments.get()
    response = client.post(
        basis_url(programme, "instalments_mark"),
        {"instalments": [instalment.pk], "action": "invoiced"},
    )
    assert response.status_code == 403
    instalment.refresh_from_db()
    assert instalment.invoiced_on is None


@pytest.mark.parametrize("persona", ["coordinator_a", "member_a", "board_member", "partner"])
def test_invoice_basis_is_closed_to_municipalities_and_others(
    client, personas, participation_a, gatherings, programme, persona
):
    services.event_mark_held(
        event=gatherings[0], held_on=gatherings[0].starts_on, actor=personas.adviser
    )
    client.force_login(getattr(personas, persona))
    for name in ("invoice_basis", "invoice_basis_csv", "invoice_basis_xlsx"):
        assert client.get(basis_url(programme, name)).status_code == 403, name
    instalment = participation_a.instalments.get()
    response = client.post(
        basis_url(programme, "instalments_mark"),
        {"instalments": [instalment.pk], "action": "invoiced"},
    )
    assert response.status_code == 403
    if persona != "partner":
        schedule = html(client, reverse("programmes:schedule", args=[programme.slug]))
        assert "Fakturagrunnlag" not in schedule


def test_invoice_basis_needs_login(client, programme):
    response = client.get(basis_url(programme))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
