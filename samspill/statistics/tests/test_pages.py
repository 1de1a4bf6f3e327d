"""The statistics pages as a reader and a coordinator see them: totals, participation,
downloads, the entry with its plausibility warnings, the import in the browser's steps,
and the municipality page's summary."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from samspill.members.models import Municipality
from samspill.statistics import demo
from samspill.statistics.models import AnnualStatistics, FrameworkPlanAdoption, Source

from .builders import csv_bytes, stats

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(personas):
    stats(
        "4640",
        2022,
        pupils=280,
        waiting=30,
        yearly_fee=3000,
        pupils_age_6_15=200,
        population_6_15=1000,
    )
    stats(
        "4640",
        2023,
        pupils=300,
        waiting=40,
        yearly_fee=3200,
        pupils_age_6_15=240,
        population_6_15=1000,
        pupils_music=200,
        pupils_dance=20,
    )
    stats(
        "4644",
        2023,
        pupils=200,
        waiting=10,
        yearly_fee=2800,
        pupils_age_6_15=160,
        population_6_15=1000,
    )
    stats("0301", 2023, pupils=5000, waiting=900, source=Source.EXAMPLE)


def test_the_national_view_sums_the_year_and_computes_participation(client, personas, figures):
    client.force_login(personas.leader)
    response = client.get(reverse("statistics:home"))
    assert response.status_code == 200
    tables = {t.slug: t for t in response.context["tables"]}
    row_2023 = tables["elevtall"].rows[-1]
    assert row_2023[:6] == ["2023–24", 3, 3, 5500, None, 950]
    rates = tables["deltakelse"].rows[-1]
    assert rates[1] == pytest.approx(100 * (240 + 160) / 2000)  # 20 per 100 children 6–15
    assert rates[2] == 2  # municipalities with population 6–15
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Inneholder genererte eksempeldata" in html  # Oslo's row is an example


def test_views_make_the_same_number_of_queries_for_few_and_many_municipalities(
    client, personas, figures
):
    client.force_login(personas.leader)
    urls = [
        reverse("statistics:home"),
        reverse("statistics:county", args=["46"]),
        reverse("statistics:price_study"),
        reverse("statistics:framework_plan"),
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    few = counts()
    municipalities = list(Municipality.objects.order_by("number"))
    AnnualStatistics.objects.bulk_create(
        demo.generate(
            [m for m in municipalities if m.number not in {"4640", "4644", "0301"}],
            range(2014, 2024),
            seed=1,
        )
    )
    FrameworkPlanAdoption.objects.bulk_create(
        demo.adoptions(municipalities, seed=1, share=0.5, first_year=2017, last_year=2024)
    )
    assert counts() == few


def test_tables_download_as_csv_and_xlsx(client, personas, figures):
    client.force_login(personas.coordinator_b)
    url = reverse("statistics:municipality", args=["4640"])
    response = client.get(url + "?tabell=utvikling&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffSkoleår;Elever;")
    assert "2023–24;300;" in text
    response = client.get(url + "?tabell=utvikling&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Skoleår", "Elever", "Elevplasser"]
    assert sheet["B3"].value == 300


def test_the_municipality_page_compares_with_similar_municipalities(client, personas, figures):
    client.force_login(personas.coordinator_a)
    response = client.get(reverse("statistics:municipality", args=["4640"]))
    comparison = {t.slug: t for t in response.context["tables"]}["sammenligning"]
    names = [row[0] for row in comparison.rows]
    assert names[0] == "Sogndal" and "Luster" in names
    assert comparison.rows[0][2] == pytest.approx(24.0)  # 240 of 1000 children
    page = client.get(reverse("members:municipality_detail", args=["4640"])).content.decode()
    assert "Kulturskolestatistikk" in page
    assert "median for lignende kommuner" in page


def test_the_entry_warns_before_saving_unlikely_figures(client, personas, figures):
    client.force_login(personas.coordinator_a)
    url = reverse("statistics:entry", args=["4640"])
    values = {"school_year": 2024, "pupils": 310, "places": 320, "waiting": 700, "yearly_fee": 5000}

    response = client.post(url, values)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ventelisten (700) er mer enn dobbelt så lang som antall elevplasser (320)" in html
    assert "Elevbetalingen er endret med 56 % fra året før (3200 kr → 5000 kr)" in html
    assert not AnnualStatistics.objects.filter(municipality__number="4640", school_year=2024)

    response = client.post(url, {**values, "confirmed": "on"})

    assert response.status_code == 302
    saved = AnnualStatistics.objects.get(municipality__number="4640", school_year=2024)
    assert (saved.waiting, saved.yearly_fee, saved.source) == (700, 5000, Source.ENTRY)
    assert saved.updated_by == personas.coordinator_a


def test_the_entry_refuses_impossible_figures_and_records_the_rammeplan(client, personas):
    client.force_login(personas.coordinator_a)
    url = reverse("statistics:entry", args=["4640"])
    response = client.post(url, {"school_year": 2024, "pupils": 10, "places": 5})
    assert "Færre elevplasser enn elever" in response.content.decode()
    response = client.post(url, {"school_year": 2024, "pupils": -3})
    assert response.status_code == 200
    assert not AnnualStatistics.objects.exists()

    response = client.post(
        url,
        {
            "school_year": 2024,
            "pupils": 10,
            "framework_plan_adopted_on": "2023-06-15",
            "framework_plan_decision": "Kommunestyresak 45/23",
        },
    )
    assert response.status_code == 302
    adoption = FrameworkPlanAdoption.objects.get(municipality__number="4640")
    assert str(adoption.adopted_on) == "2023-06-15"
    page = client.get(reverse("statistics:framework_plan")).content.decode()
    assert "1 av 357 kommuner har politisk vedtatt rammeplanen" in page


def test_an_import_in_the_browser_steps_checks_then_imports(client, personas):
    client.force_login(personas.adviser)
    content = csv_bytes("kommunenummer;skoleår;elever\n4640;2023;300\n9999;2023;5\n")
    upload = io.BytesIO(content)
    upload.name = "gsi.csv"
    response = client.post(
        reverse("statistics:import_upload"), {"file": upload, "encoding": "auto"}
    )
    assert response.status_code == 302
    detail = response.url
    page = client.get(detail).content.decode()
    assert "Koble kolonnene" in page

    mapping = {"column_0": "municipality", "column_1": "school_year", "column_2": "pupils"}
    response = client.post(detail, {**mapping, "import": "1"})
    html = response.content.decode()
    assert "Filen har feil – ingenting er endret" in html
    assert "Linje 3: ukjent kommunenummer «9999»" in html
    assert not AnnualStatistics.objects.exists()

    response = client.post(detail, {**mapping, "column_0": "", "dry_run": "1"})
    assert "Ingen kolonne er koblet til kommunenummer." in response.content.decode()


def test_the_ssb_file_imports_through_the_pages(client, personas):
    client.force_login(personas.admin)
    upload = io.BytesIO(demo.SSB_FILE.read_bytes())
    upload.name = "kulturskole_vestfold_telemark_ssb.csv"
    response = client.post(
        reverse("statistics:import_upload"), {"file": upload, "encoding": "auto"}
    )
    detail = response.url
    form = client.get(detail).context["form"]
    mapping = {name: field.initial for name, field in form.fields.items()}
    checked = client.post(detail, {**mapping, "dry_run": "1"})
    assert "Prøvekjøring: ingen feil" in checked.content.decode()
    assert not AnnualStatistics.objects.exists()
    response = client.post(detail, {**mapping, "import": "1"}, follow=True)
    assert "Importen er fullført: 63 nye og 0 oppdaterte årstall." in response.content.decode()
    assert AnnualStatistics.objects.count() == 63


def test_the_entry_shows_last_years_figures_and_records_the_reporting_school(
    client, personas, figures
):
    from samspill.members.services import arts_school_save

    school = arts_school_save(municipality=personas.municipality_a, name="Sogndal kulturskule")
    client.force_login(personas.coordinator_a)
    url = reverse("statistics:entry", args=["4640"])
    response = client.get(url + "?school_year=2024")
    html = response.content.decode()
    assert "Året før: 300" in html  # pupils in 2023–24
    assert response.context["form"]["arts_school"].value() == school.pk

    client.post(url, {"school_year": 2024, "pupils": 305, "arts_school": school.pk})

    saved = AnnualStatistics.objects.get(municipality__number="4640", school_year=2024)
    assert saved.arts_school == school
    page = client.get(reverse("statistics:municipality", args=["4640"])).content.decode()
    assert "Kulturskole: Sogndal kulturskule" in page


def test_the_rammeplan_tracker_counts_by_county_and_over_time(client, personas):
    from datetime import date

    from samspill.statistics.services import framework_plan_save

    framework_plan_save(municipality=personas.municipality_a, adopted_on=date(2019, 5, 2))
    framework_plan_save(municipality=personas.municipality_b, adopted_on=date(2022, 11, 1))
    client.force_login(personas.board_member)
    tables = {t.slug: t for t in client.get(reverse("statistics:framework_plan")).context["tables"]}
    vestland = next(row for row in tables["fylker"].rows if row[0] == "Vestland")
    assert vestland[1:3] == [43, 2]
    over_time = {row[0]: row[2] for row in tables["over-tid"].rows}
    assert (over_time["2019"], over_time["2021"], over_time["2022"]) == (1, 1, 2)
    page = client.get(reverse("statistics:framework_plan")).content.decode()
    assert '<th scope="row">2019</th>' in page
    by_county = next(row for row in tables["fylker-over-tid"].rows if row[0] == "Vestland")
    years = tables["fylker-over-tid"].columns[1:]
    assert by_county[1 + years.index("2019")] == pytest.approx(100 / 43)
    assert by_county[1 + years.index("2022")] == pytest.approx(200 / 43)
