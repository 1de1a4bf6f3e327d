"""A leader updates the status of many measures at once, and exports and imports the
measures as CSV and XLSX (all or nothing, with a line-by-line report)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samspill.strategy.models import Measure, Status

from .conftest import measure_by_text

pytestmark = pytest.mark.django_db


def test_bulk_update_gives_each_chosen_measure_the_status_and_a_timeline_entry(
    client, personas, plan
):
    chosen = [
        measure_by_text("Samhandle med utdanningsfeltet"),
        measure_by_text("Støtte kommunene"),
    ]
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:bulk_update", args=[plan.slug]),
        {
            "measures": [m.pk for m in chosen],
            "status": "in_progress",
            "progress": "25",
            "text": "Status fra ledermøtet.",
        },
    )
    assert response.status_code == 302
    for measure in chosen:
        measure.refresh_from_db()
        assert (measure.status, measure.progress) == (Status.IN_PROGRESS, 25)
        assert [u.text for u in measure.updates.all()] == ["Status fra ledermøtet."]
        assert measure.updates.get().author == personas.leader
    untouched = measure_by_text("Utarbeide ny rammeplan")
    assert untouched.status == Status.NOT_STARTED
    assert not untouched.updates.exists()


def test_bulk_update_is_all_or_nothing(client, personas, plan):
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:bulk_update", args=[plan.slug]),
        {"measures": [m.pk for m in Measure.objects.all()], "status": "done", "progress": "50"},
    )
    assert response.status_code == 400
    assert "Et gjennomført tiltak har fremdrift 100 %." in response.content.decode()
    assert not Measure.objects.filter(status=Status.DONE).exists()


def test_bulk_update_without_a_measure_says_so(client, personas, plan):
    client.force_login(personas.leader)
    response = client.post(reverse("strategy:bulk_update", args=[plan.slug]), {"status": "done"})
    assert response.status_code == 400
    assert "Velg minst ett tiltak." in response.content.decode()


def test_bulk_update_refuses_a_measure_of_another_plan(client, personas, plan, strategy_demo_data):
    other = Measure.objects.exclude(goal__area__plan=plan).first()
    client.force_login(personas.leader)
    response = client.post(
        reverse("strategy:bulk_update", args=[plan.slug]),
        {"measures": [other.pk], "status": "done"},
    )
    assert response.status_code == 400
    assert "Velg et gyldig valg" in response.content.decode()
    assert not other.updates.filter(author=personas.leader).exists()


def _csv_rows(content):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_measures_export_as_csv_and_xlsx(client, personas, plan):
    client.force_login(personas.board_member)
    response = client.get(reverse("strategy:measures_csv", args=[plan.slug]))
    assert response.status_code == 200
    assert 'filename="tiltak-virksomhetsplan-2025.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response.content)
    assert rows[0] == [
        "ID",
        "Mål",
        "Nivå",
        "Tiltak",
        "Ansvarlig",
        "Frist",
        "Status",
        "Fremdrift (%)",
        "Kommentar",
    ]
    assert rows[1][1:4] == ["1.1", "Nasjonalt tiltak", "Samhandle med utdanningsfeltet"]
    assert rows[1][6:8] == ["Ikke startet", "0"]
    from openpyxl import load_workbook

    response = client.get(reverse("strategy:measures_xlsx", args=[plan.slug]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[4]][3] == "Utarbeide ny rammeplan"


def _upload(client, plan, content, name="tiltak.csv"):
    return client.post(
        reverse("strategy:measures_import", args=[plan.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_an_edited_export_imports_back_with_updates_and_new_measures(
    client, personas, plan, unit, region
):
    client.force_login(personas.leader)
    rows = _csv_rows(client.get(reverse("strategy:measures_csv", args=[plan.slug])).content)
    rows[1][4] = "Lederstøtte"
    rows[1][5] = "31.12.2025"
    rows[1][6] = "Pågår"
    rows[1][7] = "40"
    rows[1][8] = "Godt i gang."
    rows.append(["", "2.1", "Regionalt", "Regionale samlinger", "Vestland", "", "", "", ""])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    response = _upload(client, plan, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
    assert response.status_code == 200
    assert "Importen er fullført: 1 nye og 3 oppdaterte tiltak." in response.content.decode()
    measure = measure_by_text("Samhandle med utdanningsfeltet")
    assert (measure.status, measure.progress, str(measure.responsible)) == (
        Status.IN_PROGRESS,
        40,
        "Lederstøtte",
    )
    assert measure.deadline.isoformat() == "2025-12-31"
    assert [u.text for u in measure.updates.all()] == ["Godt i gang."]
    # Rows that changed nothing leave the timeline alone.
    assert not measure_by_text("Støtte kommunene").updates.exists()
    new = measure_by_text("Regionale samlinger")
    assert (new.goal.code, new.level, str(new.responsible)) == ("2.1", "regional", "Vestland")


def test_an_import_with_errors_saves_nothing_and_reports_each_line(client, personas, plan):
    client.force_login(personas.leader)
    content = (
        "ID;Mål;Nivå;Tiltak;Ansvarlig;Frist;Status;Fremdrift (%);Kommentar\n"
        ";1.1;Nasjonalt;Et gyldig nytt tiltak;;;;;\n"
        ";9.9;Nasjonalt;Feil mål;;;;;\n"
        "999;1.1;Lokalt;;Ukjent enhet;32.13.2025;Kanskje;150;\n"
    ).encode()
    response = _upload(client, plan, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ingenting ble importert" in page
    for message in [
        "Planen har ikke noe mål «9.9»",
        "Fant ikke tiltak med ID 999 i denne planen.",
        "Ukjent nivå «Lokalt»",
        "Tiltaket mangler tekst.",
        "Ukjent ansvarlig «Ukjent enhet»",
        "Ugyldig frist «32.13.2025»",
        "Ukjent status «Kanskje»",
        "Fremdriften må være mellom 0 og 100 %.",
    ]:
        assert message in page, message
    assert not Measure.objects.filter(text="Et gyldig nytt tiltak").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tiltak.pdf", b"%PDF-1.4", "Last opp en CSV-fil eller en Excel-fil (.xlsx)."),
        ("tiltak.xlsx", b"not a workbook", "Filen kan ikke leses som en Excel-fil."),
        ("tiltak.csv", "Tiltak;Status\nNoe;Pågår\n".encode(), "Filen mangler kolonnene ID, Mål"),
    ],
)
def test_an_unreadable_upload_is_refused_plainly(client, personas, plan, name, content, message):
    client.force_login(personas.leader)
    response = _upload(client, plan, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_xlsx_export_imports_back(client, personas, plan):
    from openpyxl import load_workbook

    client.force_login(personas.leader)
    content = client.get(reverse("strategy:measures_xlsx", args=[plan.slug])).content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    sheet["G4"] = "Gjennomført"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _upload(client, plan, buffer.getvalue(), name="tiltak.xlsx")
    assert response.status_code == 200, response.content.decode()[:2000]
    measure = measure_by_text("Utarbeide ny rammeplan")
    assert (measure.status, measure.progress) == (Status.DONE, 100)


def test_a_file_with_only_the_headings_imports_nothing(client, personas, plan):
    client.force_login(personas.leader)
    content = "ID;Mål;Nivå;Tiltak;Ansvarlig;Frist;Status;Fremdrift (%);Kommentar\n".encode()
    response = _upload(client, plan, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ingenting ble importert" in page
    assert "Filen har ingen rader under overskriftene." in page
