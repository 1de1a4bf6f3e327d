"""The participation contract: signatures, the signed copy, and the generated DOCX and PDF."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samspill.core.tests.documents import docx_text, pdf_text
from samspill.programmes.models import Contract

pytestmark = pytest.mark.django_db

# The smallest file that is a PDF by its content (the magic bytes), as a scanner makes.
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, participation):
    return reverse(
        f"programmes:{name}",
        kwargs={"slug": participation.programme.slug, "number": participation.municipality.number},
    )


def signatures(**extra):
    return {
        "municipality_place_date": "Sogndal 2. september 2024",
        "chief_executive_name": "Astrid Kommunedirektør",
        "arts_school_leader_name": "Bjørn Kulturskoleleder",
        "signed_by_nkr_on": "2024-08-20",
        "signed_by_chief_executive_on": "2024-09-02",
        "signed_by_arts_school_leader_on": "2024-09-03",
        **extra,
    }


# --- Signatures and the signed copy ---------------------------------------------------


def test_coordinator_registers_the_signatures_and_the_contract_is_signed(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    form = client.get(url("contract_edit", participation_a))
    assert form.status_code == 200
    assert "Kontrakt for Sogndal" in form.content.decode()

    response = client.post(url("contract_edit", participation_a), signatures())
    assert response.status_code == 302
    contract = Contract.objects.get(participation=participation_a)
    assert contract.status == "signed"
    assert contract.chief_executive_name == "Astrid Kommunedirektør"
    assert contract.signed_by_arts_school_leader_on == datetime.date(2024, 9, 3)

    text = client.get(participation_a.get_absolute_url()).content.decode()
    assert "Kontrakten er lagret." in text
    assert "Signert" in text and "20.08.2024" in text and "03.09.2024" in text
    assert "Kontrakten er signert." in text  # the history notes the new status


def test_partly_signed_contract_is_shown_as_such(client, personas, participation_a):
    client.force_login(personas.adviser)
    client.post(url("contract_edit", participation_a), {"signed_by_nkr_on": "2024-08-20"})
    text = client.get(participation_a.get_absolute_url()).content.decode()
    assert "Delvis signert" in text
    assert "Kontrakten er delvis signert." in text


def test_signed_copy_is_uploaded_and_served_only_to_the_municipality_and_nkr(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    upload = SimpleUploadedFile("skannet kontrakt.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(url("contract_edit", participation_a), signatures(signed_copy=upload))
    assert response.status_code == 302
    contract = Contract.objects.get(participation=participation_a)
    assert contract.signed_copy.name.endswith(".pdf")
    assert "kontrakt-sogndal-signert" in contract.signed_copy.name

    text = client.get(participation_a.get_absolute_url()).content.decode()
    assert url("contract_signed_copy", participation_a) in text

    for user in (personas.coordinator_a, personas.member_a, personas.adviser):
        client.force_login(user)
        download = client.get(url("contract_signed_copy", participation_a))
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content) == PDF_BYTES
    for user in (personas.coordinator_b, personas.partner):
        client.force_login(user)
        assert client.get(url("contract_signed_copy", participation_a)).status_code == 403
    client.logout()
    assert client.get(url("contract_signed_copy", participation_a)).status_code == 302


def test_a_png_named_pdf_is_refused_and_nothing_is_saved(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    upload = SimpleUploadedFile("kontrakt.pdf", PNG_BYTES, content_type="application/pdf")
    response = client.post(url("contract_edit", participation_a), signatures(signed_copy=upload))
    assert response.status_code == 200
    assert "Filen er ikke en PDF." in response.content.decode()
    contract = Contract.objects.get(participation=participation_a)
    assert not contract.signed_copy
    assert contract.signed_by_nkr_on is None
    assert contract.chief_executive_name == ""


def test_a_file_over_10_mb_is_refused(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    big = PDF_BYTES + b"0" * (10 * 1024 * 1024)
    upload = SimpleUploadedFile("kontrakt.pdf", big, content_type="application/pdf")
    response = client.post(url("contract_edit", participation_a), {"signed_copy": upload})
    assert response.status_code == 200
    assert "Filen er for stor." in response.content.decode()
    assert not Contract.objects.get(participation=participation_a).signed_copy


def test_no_signed_copy_yet_is_404(client, personas, participation_a):
    client.force_login(personas.adviser)
    assert client.get(url("contract_signed_copy", participation_a)).status_code == 404


def test_contract_edit_is_for_nkr_and_the_coordinator_only(client, personas, participation_a):
    for user in (personas.member_a, personas.coordinator_b, personas.partner, personas.leader):
        client.force_login(user)
        response = client.post(url("contract_edit", participation_a), signatures())
        assert response.status_code == 403, user
    assert Contract.objects.get(participation=participation_a).status == "unsigned"


# --- The generated documents ----------------------------------------------------------


def test_contract_docx_holds_the_municipality_period_and_signatories(
    client, personas, participation_a
):
    client.force_login(personas.adviser)
    client.post(url("contract_edit", participation_a), signatures())
    client.force_login(personas.member_a)
    response = client.get(url("contract_docx", participation_a))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert (
        'filename="kontrakt-sogndal-fremtidens-kulturskole.docx"'
        in (response["Content-Disposition"])
    )
    text = docx_text(response.content)
    assert "Kontrakt" in text
    assert "Utviklingsprogram for Fremtidens kulturskole" in text
    assert "Med utgangspunkt i Grunnlagsdokumentet" in text
    assert "har partene inngått avtale om deltakelse for" in text
    assert "Sogndal kommune" in text
    assert "for perioden august 2024 – desember 2025" in text
    assert "Trondheim august 2024" in text
    assert "Morten Christiansen" in text
    assert "direktør, Norsk kulturskoleråd" in text
    assert "Sogndal 2. september 2024" in text
    assert "Kommune: Sogndal" in text
    assert "kommunedirektør: Astrid Kommunedirektør" in text
    assert "kulturskoleleder: Bjørn Kulturskoleleder" in text
    assert "Signert: 20.08.2024" in text
    assert "Signert: 02.09.2024" in text and "Signert: 03.09.2024" in text


def test_unsigned_contract_docx_has_no_signature_dates(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    text = docx_text(client.get(url("contract_docx", participation_a)).content)
    assert "Sogndal kommune" in text
    assert "Signert" not in text


def test_contract_pdf_is_a_pdf_with_the_municipality_name(client, personas, participation_a):
    client.force_login(personas.coordinator_a)
    response = client.get(url("contract_pdf", participation_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Sogndal" in pdf_text(response.content)


def test_contract_documents_are_403_for_other_municipalities_and_partners(
    client, personas, participation_a
):
    for user in (personas.coordinator_b, personas.partner):
        client.force_login(user)
        assert client.get(url("contract_docx", participation_a)).status_code == 403
        assert client.get(url("contract_pdf", participation_a)).status_code == 403


def test_a_full_disk_while_uploading_the_signed_copy_saves_nothing_and_says_so(
    client, personas, participation_a, settings
):
    from samspill.core.tests.servers import SmallDisk

    client.force_login(personas.coordinator_a)
    client.raise_request_exception = False  # the user's view: the error page
    scan = PDF_BYTES + b"%" + b"0" * 300_000  # a 300 kB scan, more than the disk holds
    with SmallDisk(kilobytes=64) as disk:
        settings.MEDIA_ROOT = disk
        upload = SimpleUploadedFile("skannet kontrakt.pdf", scan, content_type="application/pdf")
        response = client.post(
            url("contract_edit", participation_a), signatures(signed_copy=upload)
        )
        assert response.status_code == 507
        page = response.content.decode()
        assert "Lagringsplassen er full" in page
        assert "Ingenting av det ble lagret" in page
        assert SmallDisk.files(disk) == []  # no half-written file left to fill the disk

    contract = Contract.objects.get(participation=participation_a)
    assert not contract.signed_copy
    assert contract.status != "signed" and contract.chief_executive_name == ""
