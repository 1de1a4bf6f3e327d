"""The whole board and the priorities as DOCX, PDF, CSV and XLSX, by theme or by group."""

import csv
import io

import pytest
from django.urls import reverse

from samspill.core.tests.documents import docx_text, pdf_text
from samspill.seminars import services

from .builders import join, make_board, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    """Three groups' answers to theme 1, question 1; Førde prioritised two points and got
    dots from Digitalt rom 1; one point hidden by an organiser."""
    board = make_board()
    forde, room1, room2 = board.participants
    q1 = board.question(1, 1)
    first = write(forde, "Økonomi og prisnivå", question=q1)
    second = write(forde, "Forankring hos politikerne", question=q1)
    write(room1, "Møteplasser i regionen", question=q1)
    write(room2, "Tid til samarbeid", question=board.question(1, 2))
    write(room2, "Nynorsk: kulturskulen i sentrum", question=board.question(2, 1))
    hidden = write(room2, "Eleven Per Hansen sa …", question=q1)
    services.point_hide(point=hidden, reason="Navn på en elev", actor=None)
    services.priorities_submit(
        group=forde.group, question=q1, point_ids_in_rank_order=[second.pk, first.pk]
    )
    services.dot_votes_submit(group=room1.group, question=q1, dots_by_point_id={second.pk: 3})
    return board


def url(board, order, extension):
    return reverse("seminars:board_export", args=[board.seminar.slug, order, extension])


def csv_rows(content):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel in Norway reads the æøå right
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_by_theme_has_one_row_per_visible_point_with_priority_and_dots(client, board, personas):
    client.force_login(personas.adviser)
    response = client.get(url(board, "tema", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="tavla-fremtidens-kulturskole-etter-tema.csv"' in response["Content-Disposition"]
    )
    header, *rows = csv_rows(response.content)
    assert header[:8] == [
        "Dialogtema",
        "Spørsmål nr.",
        "Spørsmål",
        "Gruppe",
        "Sted eller rom",
        "Kommuner",
        "Punkt",
        "Prioritet",
    ]
    texts = [row[6] for row in rows]
    # Theme 1 question 1 (groups in natural order), then question 2, then theme 2.
    assert texts == [
        "Møteplasser i regionen",  # theme 1, question 1: Digitalt rom 1 before Førde
        "Økonomi og prisnivå",
        "Forankring hos politikerne",
        "Tid til samarbeid",  # theme 1, question 2
        "Nynorsk: kulturskulen i sentrum",  # theme 2
    ]
    by_text = {row[6]: row for row in rows}
    assert "Eleven Per Hansen sa …" not in by_text
    assert by_text["Forankring hos politikerne"][7:10] == ["1", "ja", "3"]
    assert by_text["Økonomi og prisnivå"][7:10] == ["2", "ja", "0"]
    assert by_text["Møteplasser i regionen"][7:10] == ["", "", "0"]
    assert by_text["Økonomi og prisnivå"][3:6] == ["Førde", "Førde", "Sogndal, Luster, Førde, Vik"]


def test_csv_by_group_keeps_each_groups_points_together(client, board, personas):
    client.force_login(personas.adviser)
    _header, *rows = csv_rows(client.get(url(board, "gruppe", "csv")).content)
    assert [(row[3], row[6]) for row in rows] == [
        ("Digitalt rom 1", "Møteplasser i regionen"),
        ("Digitalt rom 2", "Tid til samarbeid"),
        ("Digitalt rom 2", "Nynorsk: kulturskulen i sentrum"),
        ("Førde", "Økonomi og prisnivå"),
        ("Førde", "Forankring hos politikerne"),
    ]


def test_xlsx_holds_the_same_rows(client, board, personas):
    from openpyxl import load_workbook

    client.force_login(personas.adviser)
    response = client.get(url(board, "tema", "xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][6] == "Punkt"
    assert [row[6] for row in values[1:]] == [
        row[6] for row in csv_rows(client.get(url(board, "tema", "csv")).content)[1:]
    ]
    forankring = next(row for row in values if row[6] == "Forankring hos politikerne")
    assert (forankring[1], forankring[7], forankring[9]) == (1, 1, 3)


def test_docx_by_theme_has_questions_groups_points_and_the_priority_table(client, board, personas):
    from docx import Document

    client.force_login(personas.adviser)
    response = client.get(url(board, "tema", "docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    theme_1, theme_2 = board.themes
    assert ("Heading 1", f"1. {theme_1.title}") in headings
    assert ("Heading 1", f"2. {theme_2.title}") in headings
    q1 = board.question(1, 1)
    assert ("Heading 2", f"Spørsmål 1: {q1.text}") in headings
    # Under question 1 the groups in natural order, each once.
    start = headings.index(("Heading 2", f"Spørsmål 1: {q1.text}"))
    assert [text for style, text in headings[start + 1 : start + 3]] == ["Digitalt rom 1", "Førde"]
    text = docx_text(response.content)
    assert "Forankring hos politikerne (Pri 1 · 3 prikker)" in text
    assert "Økonomi og prisnivå (Pri 2)" in text
    assert "Eleven Per Hansen" not in text
    priority_table = document.tables[-1]
    cells = [[cell.text for cell in row.cells] for row in priority_table.rows]
    assert cells == [
        ["Gruppe", "Pri 1", "Pri 2", "Pri 3"],
        ["Førde", "Forankring hos politikerne", "Økonomi og prisnivå", ""],
    ]


def test_docx_by_group_starts_each_group_with_its_place_and_municipalities(client, board, personas):
    from docx import Document

    client.force_login(personas.adviser)
    document = Document(io.BytesIO(client.get(url(board, "gruppe", "docx")).content))
    top = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert top == ["Digitalt rom 1", "Digitalt rom 2", "Førde"]
    assert "Førde · Sogndal, Luster, Førde, Vik" in docx_text(
        client.get(url(board, "gruppe", "docx")).content
    )


@pytest.mark.parametrize("order", ["tema", "gruppe"])
def test_pdf_holds_the_points_and_not_the_hidden_one(client, board, personas, order):
    client.force_login(personas.adviser)
    response = client.get(url(board, order, "pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content).split())
    assert "Tavla fra Dialogseminar Fremtidens kulturskole" in text
    for point in ["Forankring hos politikerne", "Møteplasser i regionen", "kulturskulen i sentrum"]:
        assert point in text
    assert "Eleven Per Hansen" not in text


def test_participant_exports_the_board_of_their_own_seminar_only(client, board):
    other = make_board(slug="et-annet-seminar")
    join(client, board.participants[0])
    assert client.get(url(board, "tema", "csv")).status_code == 200
    assert client.get(url(other, "tema", "csv")).status_code == 404


def test_unknown_order_or_format_is_404_and_outsiders_are_turned_away(client, board, personas):
    assert client.get(url(board, "tema", "csv")).status_code == 404  # no session
    client.force_login(personas.adviser)
    assert client.get(url(board, "kommune", "csv")).status_code == 404
    assert client.get(url(board, "tema", "odt")).status_code == 404
    client.force_login(personas.coordinator_a)
    assert client.get(url(board, "tema", "csv")).status_code == 403


def test_board_seminar_and_priority_pages_link_to_the_exports(client, board, personas):
    client.force_login(personas.adviser)
    for page in [
        reverse("seminars:seminar_detail", args=[board.seminar.slug]),
        reverse("seminars:priority_overview", args=[board.seminar.slug]),
        reverse("seminars:board", args=[board.seminar.slug, 1]),
    ]:
        html = client.get(page).content.decode()
        assert url(board, "tema", "docx") in html
        assert url(board, "gruppe", "xlsx") in html


def test_export_reads_the_seminar_in_a_fixed_number_of_queries(client, board, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .builders import add_group, add_participant

    client.force_login(personas.adviser)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(board, "tema", "docx")).status_code == 200
        return len(captured.captured_queries)

    before = queries()
    for number in range(5):
        member = add_participant(add_group(board.seminar, f"Ekstra {number}"))
        for question in [board.question(1, 1), board.question(2, 2)]:
            write(member, f"Punkt fra gruppe {number}", question=question)
    assert queries() == before
