"""The board status report generated from the demo reproduces the structure and content
of seed 004's sections on the political platform's priorities and the Landsting's
decisions: every heading and every point of the report stands in the seed, in the same
order, and every bulleted point of the seed is in the report."""

import io
import re

import pytest
from django.urls import reverse

from samspill.core.demo import DEMO_DIR
from samspill.core.tests.documents import pdf_text

pytestmark = pytest.mark.django_db

SEED = DEMO_DIR / "seeds" / "004_langsiktig_arbeid_mot_landsting_2028.txt"
START = "Kulturskolerådets arbeid med Landstingets saker"
END = "Andre aktiviteter og prosjekter"


def squash(text):
    """Compare without whitespace or case: the seed's text extraction breaks lines and
    words ("UH- sektor") anywhere."""
    return re.sub(r"\s+", "", text).lower()


def seed_section():
    text = SEED.read_text(encoding="utf-8")
    section = text[text.index(START) : text.index(END)]
    lines = [
        line
        for line in section.splitlines()
        if not line.strip().startswith("http") and "september 2025 side" not in line
    ]
    return "\n".join(lines)


def seed_bullets(section):
    """The text after each "•" of the seed, up to the next marker or subheading."""
    flat = " ".join(section.split())
    parts = flat.split("• ")[1:]
    stop = re.compile(r"▪ | o |Hva som har vært gjort|Hva som er planlagt gjort videre")
    return [stop.split(part)[0].strip() for part in parts]


def report_paragraphs(content):
    """(style, text) of the report's cases section: from its heading to the next part."""
    from docx import Document

    document = Document(io.BytesIO(content))
    rows = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [text for _, text in rows]
    start = texts.index(START)
    end = texts.index("Publiseringsplan for støtteressurser")
    return rows[start:end]


@pytest.fixture
def board_report(client, personas, strategy_demo_data):
    client.force_login(personas.board_member)
    response = client.get(reverse("strategy:board_docx"))
    assert response.status_code == 200
    return response.content


CHECKED_STYLES = {
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "List Bullet 2",
}


def test_every_heading_and_point_of_the_report_stands_in_the_seed_in_order(board_report):
    seed = squash(seed_section())
    position = 0
    checked = 0
    for style, text in report_paragraphs(board_report):
        if style not in CHECKED_STYLES and style != "Quote":
            continue
        found = seed.find(squash(text), position)
        assert found >= 0, f"Not in the seed after the previous point ({style}): {text[:120]}"
        position = found + 1
        checked += 1
    assert checked > 150


def test_every_bulleted_point_of_the_seed_is_in_the_report(board_report):
    report = squash(" ".join(text for _, text in report_paragraphs(board_report)))
    bullets = seed_bullets(seed_section())
    assert len(bullets) == 92  # every "•" of the two sections
    missing = [bullet for bullet in bullets if squash(bullet[:60]) not in report]
    assert missing == []


def test_the_report_has_the_structure_of_the_seed(board_report):
    rows = report_paragraphs(board_report)
    headings = [(style, text) for style, text in rows if style.startswith("Heading")]
    assert headings[:2] == [
        ("Heading 1", START),
        ("Heading 2", "Politisk plattform"),
    ]
    priorities = [text for style, text in headings if style == "Heading 3"][:7]
    assert len(priorities) == 7
    assert priorities[0].startswith("Kulturskolerådet skal styrke kulturskolen gjennom å utvikle")
    assert priorities[5] == (
        "Kulturskolerådet skal arbeide for en forskriftsfesting av planverk knyttet til "
        "kulturskolefeltet."
    )
    assert (
        priorities[6]
        == "Kulturskolerådet skal jobbe for veiledende standarder for kulturskolelokaler."
    )
    top = [text for style, text in headings if style == "Heading 2"]
    assert top == ["Politisk plattform", "Rammeplan", "Andre vedtak fra landstinget"]
    cases = [t for s, t in headings if s == "Heading 3" and not t.startswith("Hva som")]
    decisions = cases[7:]
    assert decisions == [
        "Generelt om ressurser knyttet til rammeplanen og sammenhengen med politisk plattform "
        "og andre vedtak fra landstinget.",
        "Om arbeidet med å få rammeplanen vedtatt i kommunene.",
        "5.11 Kulturskole som tiltak i samfunnsutviklingen i nord",
        "5.12 Helhetlig lederutviklingsprogram",
        "5.13 Prisnivå i kulturskolen",
        "5.14 Videreutvikling av fordypning regionalt",
    ]
    # Every priority but the one on regulation has both parts, as in the seed.
    done = [text for _, text in headings].count("Hva som har vært gjort")
    planned = [text for _, text in headings].count("Hva som er planlagt gjort videre")
    assert (done, planned) == (6 + 1 + 2 + 4, 6 + 1 + 2 + 4)
    # The responsible competence community is named for each case.
    texts = [text for _, text in rows]
    assert "Ansvarlig: Lederstøtte, Mangfold og bredde" in texts  # 5.12, with a point's unit
    assert "Ansvarlig: Fordypning" in texts  # 5.14


def test_the_report_carries_the_support_resource_table_with_its_dates(board_report):
    from docx import Document

    table = Document(io.BytesIO(board_report)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][0] == "Tema støtteressurs"
    assert [rows[1][0], rows[1][4]] == ["Ledelse av profesjonelle læringsfelleskap", "juni 2025"]
    assert [rows[4][0], rows[4][3], rows[4][4]] == ["Medvirkning", "okt/nov 2025", "Under arbeid"]
    assert [rows[5][0], rows[5][3]] == ["Kvalitet", "jan 2026"]


def test_the_pdf_holds_the_same_report(client, personas, strategy_demo_data):
    client.force_login(personas.leader)
    response = client.get(reverse("strategy:board_pdf"), {"meeting": "Hovedstyremøte 4/2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    # Without pypdf or pdftotext, pdf_text reads the PDF's outline: its headings.
    assert "Kulturskolerådets langsiktige arbeid" in text
    assert "Kulturskolerådets arbeid med Landstingets saker" in text
    assert "5.14 Videreutvikling av fordypning regionalt" in text


def test_the_report_opens_with_the_governing_documents_grouped_as_in_the_seed(board_report):
    from docx import Document

    rows = [(p.style.name, p.text) for p in Document(io.BytesIO(board_report)).paragraphs]
    texts = [text for _, text in rows]
    section = rows[texts.index("Styringsdokumenter") + 1 : texts.index(START)]
    headings = [text for style, text in section if style == "Heading 2"]
    assert headings == ["Overordnede styringsdokumenter", "Vedtekter", "Strategier", "Policyer"]
    bullets = [text for style, text in section if style == "List Bullet"]
    assert bullets[0] == "Strategi 2032 (vedtatt av Landstinget (revidert 2024))"
    assert "Vedtektene (vedtatt av Landstinget 2024, registrert i Brønnøysundregisteret)" in bullets
    assert bullets[-1] == "Policy for mangfold og inkludering (vedtatt av Hovedstyret, 2025)"
    assert len(bullets) == 7  # Strategi 2032, the platform, the Rammeplan, the statutes, 3 more
