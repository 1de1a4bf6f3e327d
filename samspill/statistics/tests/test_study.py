"""The price study of decision 5.13: the correlation and its interval are right, the
price bands and size groups hold the municipalities, and the report says plainly that
correlation is not cause."""

import pytest
from django.urls import reverse

from samspill.core.tests.documents import docx_text, pdf_text
from samspill.statistics import study

from .builders import stats

pytestmark = pytest.mark.django_db


def test_pearson_and_the_fisher_z_interval():
    assert study.pearson([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert study.pearson([1, 2, 3, 4], [8, 6, 4, 2]) == pytest.approx(-1.0)
    assert study.pearson([1, 1, 1], [1, 2, 3]) is None
    # Textbook values: r = 0.5 from 28 pairs gives 0.156 to 0.736; r = -0.3 from 103
    # pairs gives -0.466 to -0.113.
    low, high = study.fisher_interval(0.5, 28)
    assert (round(low, 3), round(high, 3)) == (0.156, 0.736)
    low, high = study.fisher_interval(-0.3, 103)
    assert (round(low, 3), round(high, 3)) == (-0.466, -0.113)
    assert study.fisher_interval(0.5, 3) == (None, None)
    xs = list(range(28))
    found = study.correlation(xs, [x + (7 if x % 2 else -7) for x in xs])
    assert found.r == pytest.approx(study.pearson(xs, [x + (7 if x % 2 else -7) for x in xs]))
    assert (found.low, found.high) == study.fisher_interval(found.r, 28)
    assert found.reading == "Sterk positiv sammenheng"


def test_a_weak_correlation_whose_interval_spans_zero_is_read_as_uncertain():
    corr = study.Correlation(20, 0.1, -0.35, 0.51)
    assert corr.reading == "Ingen sikker sammenheng: intervallet går over null."


@pytest.fixture
def fees(personas):
    # Higher fee, lower participation, across municipalities of different sizes.
    rows = [
        ("4640", 2000, 300),
        ("4644", 2600, 260),
        ("4645", 3000, 240),
        ("4646", 3600, 200),
        ("4647", 4000, 180),
        ("0301", 4600, 120),
        ("4601", 4200, 150),
        ("1103", 3900, 170),
    ]
    for number, fee, pupils_6_15 in rows:
        stats(
            number,
            2023,
            yearly_fee=fee,
            pupils=pupils_6_15 + 50,
            pupils_age_6_15=pupils_6_15,
            population_6_15=1000,
            waiting=20,
            pupils_music=100,
            pupils_dance=10,
        )
    stats("4649", 2023, pupils=100)  # no fee: not in the study


def test_the_study_puts_municipalities_in_price_bands_and_size_groups(fees):
    result = study.build()
    assert result.school_year == 2023
    assert len(result.points) == 8 and result.without_fee == 1
    assert [band.count for band in result.bands] == [1, 2, 4, 1]
    participation = result.correlations[0]
    overall = participation[3]
    assert overall.n == 8 and overall.r < -0.9
    assert overall.low < overall.r < overall.high < 0
    assert {p.subjects for p in result.points} == {2}


def test_the_leader_reads_the_study_and_its_report(client, personas, fees):
    client.force_login(personas.leader)
    page = client.get(reverse("statistics:price_study")).content.decode()
    assert "Korrelasjon er ikke årsak" in page
    assert "Den viser ikke at prisen er årsaken" in page
    assert "95 % konfidensintervall" in page

    docx = client.get(reverse("statistics:price_study_docx") + "?skolear=2023")
    assert docx["Content-Disposition"] == 'attachment; filename="prisstudie-2023.docx"'
    text = docx_text(docx.content)
    assert "Prisstudie: elevbetaling og deltakelse i kulturskolen" in text
    assert "Korrelasjon er ikke årsak" in text
    assert "Den viser ikke at prisen er årsaken" in text
    assert "Sterk negativ sammenheng" in text
    assert "Sogndal" in text

    pdf = client.get(reverse("statistics:price_study_pdf") + "?skolear=2023")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(pdf.content).split())  # the PDF wraps lines anywhere
    assert "Prisstudie: elevbetaling og deltakelse i kulturskolen" in text
    assert "Korrelasjon er ikke årsak" in text
    assert "Den viser ikke at prisen er årsaken" in text
    assert "Prisbånd, 2023–24 (medianer)" in text
    assert "Sterk negativ sammenheng" in text


def test_the_study_without_any_fees_says_so(client, personas):
    client.force_login(personas.leader)
    page = client.get(reverse("statistics:price_study")).content.decode()
    assert "Ingen kommuner har registrert elevbetaling ennå." in page
    docx = client.get(reverse("statistics:price_study_docx"))
    assert "Ingen kommuner har registrert elevbetaling ennå." in docx_text(docx.content)
