"""One calendar of everything dated, by month and by ISO week, Norwegian public holidays
marked, and scoped as the areas are: a coordinator sees their own municipality's items and
the national ones, never another municipality's."""

import datetime

import pytest
from django.urls import reverse

from samspill.workflow import calendar, selectors

pytestmark = pytest.mark.django_db

D = datetime.date


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_holidays_are_norwegian_and_computed_for_any_year():
    assert calendar.holiday_name(D(2025, 5, 17)) == "Grunnlovsdag"
    assert calendar.holiday_name(D(2025, 4, 20)) == "Første påskedag"
    assert calendar.holiday_name(D(2026, 4, 5)) == "Første påskedag"
    assert calendar.holiday_name(D(2024, 5, 9)) == "Kristi himmelfartsdag"
    assert calendar.holiday_name(D(2025, 12, 26)) == "Andre juledag"
    assert calendar.holiday_name(D(2025, 6, 1)) == ""  # a Sunday, but no holiday


def test_month_grid_has_iso_weeks_from_monday_to_sunday():
    weeks = calendar.month_grid(2024, 12, [], D(2024, 12, 3))
    assert [week.number for week in weeks] == [48, 49, 50, 51, 52, 1]
    assert weeks[0].days[0].date == D(2024, 11, 25)
    assert weeks[-1].days[-1].date == D(2025, 1, 5)
    assert weeks[-1].year == 2025


def test_month_view_shows_items_holidays_and_week_numbers(client, personas, world):
    page = get(client, personas.coordinator_a, reverse("workflow:month") + "?ar=2024&maned=9")
    assert "Kalender: september 2024" in page
    for text in [
        "Fellessamling 1 (fysisk)",
        "Kartlegge behovene i Sogndal",
        "Rapport: Kulturskole for alle i Sogndal",
        "Frist: Inkluderende kulturskoler 2024",  # closes 01.10, in the grid's last week
        "uke 36",
        "uke 40",
    ]:
        assert text in page, text
    page = get(client, personas.coordinator_a, reverse("workflow:month") + "?ar=2024&maned=5")
    assert "Grunnlovsdag" in page
    assert "Kristi himmelfartsdag" in page


def test_week_view_lists_each_day_with_its_items(client, personas, world):
    page = get(client, personas.coordinator_a, reverse("workflow:week") + "?ar=2024&uke=39")
    assert "Kalender: uke 39 (2024)" in page
    assert "23.09.2024–29.09.2024" in page
    assert "Fellessamling 1 (fysisk)" in page
    assert "Forrige uke (uke 38)" in page
    page = get(client, personas.coordinator_a, reverse("workflow:week") + "?ar=2024&uke=52")
    assert "Første juledag" in page


def test_bad_dates_in_the_address_fall_back_to_today(client, personas, world):
    page = get(client, personas.coordinator_a, reverse("workflow:month") + "?ar=x&maned=13")
    assert "Kalender: september 2024" in page
    page = get(client, personas.coordinator_a, reverse("workflow:week") + "?ar=2024&uke=99")
    assert "Kalender: uke 37 (2024)" in page


def test_area_filter_narrows_the_calendar(client, personas, world):
    url = reverse("workflow:month") + "?ar=2024&maned=9&omrade=tilskudd"
    page = get(client, personas.coordinator_a, url)
    assert "Rapport: Kulturskole for alle i Sogndal" in page
    assert "Fellessamling 1 (fysisk)" not in page


def test_coordinator_never_sees_another_municipalitys_items(client, personas, world):
    page = get(client, personas.coordinator_a, reverse("workflow:month") + "?ar=2024&maned=9")
    assert "Luster" not in page
    assert "Samarbeidsmøte høsten 2024" not in page  # agreements are not theirs
    page = get(client, personas.coordinator_b, reverse("workflow:month") + "?ar=2024&maned=9")
    assert "Kartlegge behovene i Luster" in page
    assert "Sogndal" not in page


def test_nkr_sees_everything_partner_only_their_agreement(client, personas, world):
    page = get(client, personas.adviser, reverse("workflow:month") + "?ar=2024&maned=9")
    for text in ["Kartlegge behovene i Sogndal", "Kartlegge behovene i Luster", "Samarbeidsmøte"]:
        assert text in page
    page = get(client, personas.partner, reverse("workflow:month") + "?ar=2024&maned=9")
    assert "Samarbeidsmøte høsten 2024" in page
    assert "Sende invitasjon til kommunene" in page
    assert "Kartlegge behovene" not in page
    assert "Fellessamling" not in page


@pytest.mark.parametrize(
    "role",
    ["admin", "adviser", "leader", "board_member", "coordinator_a", "member_a", "partner"],
)
def test_every_role_opens_the_calendar(client, personas, world, role):
    user = personas.all()[role]
    get(client, user, reverse("workflow:month"))
    get(client, user, reverse("workflow:week"))


def test_calendar_requires_login(client, world):
    for url in [reverse("workflow:month"), reverse("workflow:week")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_calendar_items_of_a_municipal_member_are_their_municipalitys(personas, world):
    items = selectors.calendar_items(personas.member_a, D(2024, 9, 1), D(2024, 10, 31))
    assert {item.municipality_id for item in items if item.municipality_id} == {
        personas.municipality_a.pk
    }


def test_tentative_rows_stand_on_their_first_day_and_mondays_only():
    item = selectors.Item(
        uid="x",
        area="programmes",
        label="Veiledningsbesøk",
        title="Veiledningsbesøk (foreløpig: uke 40–44)",
        day=D(2024, 9, 30),
        end_day=D(2024, 11, 3),
        url="/",
        tentative=True,
    )
    weeks = calendar.month_grid(2024, 10, [item], D(2024, 10, 1))
    days_with_item = [day.date for week in weeks for day in week.days if day.items]
    assert days_with_item == [
        D(2024, 9, 30),
        D(2024, 10, 7),
        D(2024, 10, 14),
        D(2024, 10, 21),
        D(2024, 10, 28),
    ]


def test_user_text_is_escaped_in_the_calendar_and_start_page(client, personas, world):
    entry = world["entries"]["a_soon"]
    entry.title = '<script>alert("x")</script>'
    entry.save()
    for url in [reverse("workflow:month") + "?ar=2024&maned=9", reverse("core:home")]:
        page = get(client, personas.coordinator_a, url)
        assert '<script>alert("x")</script>' not in page
        assert "&lt;script&gt;" in page
