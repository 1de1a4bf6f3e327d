"""Seminar set-up by organisers: seminars, themes with numbered questions, copying,
the join code and its QR code, and who may do it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.seminars import services
from samspill.seminars.models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Group,
    Participant,
    Point,
    Question,
    Seminar,
    Theme,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def seminar(personas):
    seminar = services.seminar_create(
        title="Dialogseminar Fremtidens kulturskole",
        slug="fremtidens-kulturskole",
        starts_on=datetime.date(2026, 2, 9),
        places="Førde\nDigitalt rom 1\nDigitalt rom 2",
        actor=personas.adviser,
    )
    theme = Theme.objects.create(
        seminar=seminar,
        number=1,
        title="Gruppeoppgaver",
        introduction="I Meld. St. 18 (2020–2021) ...",
        instructions="Skriv gjerne i stikkordsform.",
        group_organisation="Velg en møteleder og tidtaker\nVelg en skriver",
    )
    Question.objects.create(
        theme=theme, number=1, text="På hvilke områder kan kulturskolen og skolen samarbeide?"
    )
    Question.objects.create(
        theme=theme, number=2, text="Hva kan de tre nasjonale aktørene bidra med?"
    )
    return seminar


def _seminar_data(**overrides):
    data = {
        "title": "Dialogseminar Vestland",
        "slug": "dialogseminar-vestland",
        "starts_on": "2026-03-10",
        "ends_on": "2026-03-11",
        "places": " Førde \n\nDigitalt rom 1\n",
        "organisers": [],
    }
    data.update(overrides)
    return data


def _theme_data(*, number=1, title="Samhandling", questions=(), existing=(), prefix="sporsmal"):
    """POST data for the theme form with its question formset. `existing` holds
    (question, text, delete) of questions already saved."""
    data = {
        "number": number,
        "title": title,
        "introduction": "Med utgangspunkt i det dere har lest ...",
        "instructions": "Skriv gjerne i stikkordsform.",
        "group_organisation": "Velg en skriver",
    }
    rows = [(q.pk, q.number, text, delete) for q, text, delete in existing]
    rows += [(None, n, text, False) for n, text in questions]
    rows += [(None, "", "", False)]  # an empty extra row is ignored
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": len(existing),
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    )
    for i, (pk, n, text, delete) in enumerate(rows):
        data[f"{prefix}-{i}-id"] = pk or ""
        data[f"{prefix}-{i}-number"] = n
        data[f"{prefix}-{i}-text"] = text
        if delete:
            data[f"{prefix}-{i}-DELETE"] = "on"
    return data


# --- Seminars -------------------------------------------------------------------------


def test_adviser_creates_a_seminar_with_places_and_organisers(client, personas):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:seminar_create"),
        _seminar_data(organisers=[personas.leader.pk]),
    )
    seminar = Seminar.objects.get(slug="dialogseminar-vestland")
    assert response.url == seminar.get_absolute_url()
    assert seminar.places == "Førde\nDigitalt rom 1"
    assert seminar.ends_on == datetime.date(2026, 3, 11)
    # The one who creates it is an organiser too.
    assert set(seminar.organisers.all()) == {personas.adviser, personas.leader}
    assert len(seminar.join_code) == JOIN_CODE_LENGTH
    assert set(seminar.join_code) <= set(JOIN_CODE_ALPHABET)


def test_create_form_offers_nkr_people_as_organisers(client, personas):
    client.force_login(personas.adviser)
    response = client.get(reverse("seminars:seminar_create"))
    offered = set(response.context["form"].fields["organisers"].queryset)
    assert {personas.admin, personas.adviser, personas.leader, personas.board_member} <= offered
    assert personas.coordinator_a not in offered
    assert personas.partner not in offered


def test_slug_is_made_from_the_title_when_left_empty(client, personas, seminar):
    client.force_login(personas.adviser)
    client.post(
        reverse("seminars:seminar_create"),
        _seminar_data(title="Dialogseminar Fremtidens kulturskole", slug=""),
    )
    assert Seminar.objects.filter(slug="dialogseminar-fremtidens-kulturskole").exists()


def test_made_slugs_keep_norwegian_letters_readable(personas):
    seminar = services.seminar_create(
        title="Dialogsamling i Førde og Årdal", starts_on=datetime.date(2026, 3, 1)
    )
    assert seminar.slug == "dialogsamling-i-forde-og-ardal"


@pytest.mark.parametrize("slug", ["ny", "delta"])
def test_slugs_of_the_areas_own_pages_are_refused(client, personas, slug):
    client.force_login(personas.adviser)
    response = client.post(reverse("seminars:seminar_create"), _seminar_data(slug=slug))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not Seminar.objects.filter(slug=slug).exists()


def test_a_seminar_cannot_end_before_it_starts(client, personas):
    client.force_login(personas.adviser)
    response = client.post(reverse("seminars:seminar_create"), _seminar_data(ends_on="2026-03-01"))
    assert response.status_code == 200
    assert "Seminaret kan ikke slutte før det begynner." in response.content.decode()
    assert not Seminar.objects.exists()


def test_adviser_edits_a_seminar(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:seminar_edit", args=[seminar.slug]),
        _seminar_data(title="Nytt navn", slug=seminar.slug, organisers=[personas.admin.pk]),
    )
    seminar.refresh_from_db()
    assert response.url == seminar.get_absolute_url()
    assert seminar.title == "Nytt navn"
    assert list(seminar.organisers.all()) == [personas.admin]
    assert seminar.join_code  # the code stays as it was


def test_list_shows_upcoming_and_past_seminars(client, personas, seminar):
    past = services.seminar_create(
        title="Dialogseminar 2023", starts_on=datetime.date(2023, 2, 9), actor=personas.adviser
    )
    running = services.seminar_create(
        title="Pågår nå",
        starts_on=datetime.date(2026, 1, 31),
        ends_on=datetime.date(2026, 2, 2),
    )
    client.force_login(personas.leader)
    response = client.get(reverse("seminars:seminar_list"))
    assert list(response.context["upcoming"]) == [running, seminar]
    assert list(response.context["past"]) == [past]
    assert not response.context["can_organise"]
    assert reverse("seminars:seminar_create") not in response.content.decode()


def test_detail_shows_the_code_link_qr_themes_and_groups(client, personas, seminar, settings):
    settings.SITE_URL = "https://samspill.example.no"
    group, _unknown = services.group_create(
        seminar=seminar, name="Førde", place="Førde", municipalities_text="Sogndal, Luster, Førde"
    )
    services.participant_join(
        seminar=seminar,
        group=group,
        name="Kari",
        municipality=personas.municipality_a,
        role="Kulturskoleleder",
        group_role="writer",
    )
    client.force_login(personas.board_member)
    response = client.get(seminar.get_absolute_url())
    page = response.content.decode()
    code = seminar.join_code
    assert f"{code[:4]} {code[4:]}" in page
    assert f"https://samspill.example.no/seminar/delta/{code}/" in page
    assert reverse("seminars:seminar_qr", args=[seminar.slug]) in page
    assert reverse("seminars:board", args=[seminar.slug, 1]) in page
    assert "På hvilke områder kan kulturskolen og skolen samarbeide?" in page
    assert "Velg en møteleder og tidtaker" in page
    assert "Kari" in page and "Skriver" in page and "Kulturskoleleder" in page
    assert "Skrevet som: Sogndal, Luster, Førde" in page
    # A board member reads, but does not organise.
    assert reverse("seminars:seminar_edit", args=[seminar.slug]) not in page


def test_detail_page_queries_do_not_grow_with_groups(
    client, personas, seminar, django_assert_num_queries
):
    def add_groups(start, count):
        for n in range(start, start + count):
            group, _ = services.group_create(
                seminar=seminar, name=f"Gruppe {n}", municipalities_text="Sogndal, Luster"
            )
            services.participant_join(
                seminar=seminar, group=group, municipality=personas.municipality_a
            )

    client.force_login(personas.adviser)
    add_groups(1, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(seminar.get_absolute_url())
    add_groups(3, 6)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(seminar.get_absolute_url())


def test_qr_code_is_an_svg_of_the_join_link(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.get(reverse("seminars:seminar_qr", args=[seminar.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, not untrusted)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


# --- Themes and questions -------------------------------------------------------------


def test_new_theme_is_numbered_after_the_last_and_takes_its_instructions(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.get(reverse("seminars:theme_create", args=[seminar.slug]))
    form = response.context["form"]
    assert form.initial["number"] == 2
    assert form.initial["instructions"] == "Skriv gjerne i stikkordsform."
    assert [f.initial["number"] for f in response.context["questions"].forms] == [1, 2, 3]


def test_adviser_adds_a_theme_with_numbered_questions(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:theme_create", args=[seminar.slug]),
        _theme_data(
            number=2,
            questions=[(1, "Hva skal til for bedre samhandling?"), (2, "Hva kan de bidra med?")],
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response.url == f"{seminar.get_absolute_url()}#tema-2"
    theme = seminar.themes.get(number=2)
    assert theme.title == "Samhandling"
    assert theme.group_organisation == "Velg en skriver"
    assert [(q.number, q.text) for q in theme.questions.all()] == [
        (1, "Hva skal til for bedre samhandling?"),
        (2, "Hva kan de bidra med?"),
    ]


def test_theme_numbers_are_unique_in_a_seminar(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:theme_create", args=[seminar.slug]), _theme_data(number=1)
    )
    assert response.status_code == 200
    assert "number" in response.context["form"].errors
    assert seminar.themes.count() == 1


def test_question_numbers_are_unique_in_a_theme(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:theme_create", args=[seminar.slug]),
        _theme_data(number=2, questions=[(1, "Første"), (1, "Andre")]),
    )
    assert response.status_code == 200
    assert not seminar.themes.filter(number=2).exists()


def test_adviser_edits_a_theme_changes_and_removes_questions(client, personas, seminar):
    theme = seminar.themes.get(number=1)
    first, second = theme.questions.all()
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:theme_edit", args=[seminar.slug, 1]),
        _theme_data(
            number=1,
            title="Gruppeoppgaver om skole",
            existing=[(first, "Endret spørsmål", False), (second, second.text, True)],
            questions=[(3, "Et nytt spørsmål")],
        ),
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.title == "Gruppeoppgaver om skole"
    assert [(q.number, q.text) for q in theme.questions.all()] == [
        (1, "Endret spørsmål"),
        (3, "Et nytt spørsmål"),
    ]


def test_a_question_with_answers_on_the_board_cannot_be_deleted(client, personas, seminar):
    theme = seminar.themes.get(number=1)
    first, second = theme.questions.all()
    group, _ = services.group_create(seminar=seminar, name="Gruppe 1")
    Point.objects.create(group=group, theme=theme, question=second, text="Faste møtepunkt")
    client.force_login(personas.adviser)
    response = client.post(
        reverse("seminars:theme_edit", args=[seminar.slug, 1]),
        _theme_data(number=1, existing=[(first, first.text, False), (second, second.text, True)]),
    )
    assert response.status_code == 200
    assert "har svar på tavla" in response.content.decode()
    assert theme.questions.count() == 2


# --- Copy -----------------------------------------------------------------------------


def test_copy_takes_themes_questions_and_instructions_but_no_groups(client, personas, seminar):
    group, _ = services.group_create(seminar=seminar, name="Førde", municipalities_text="Sogndal")
    participant = services.participant_join(seminar=seminar, group=group, name="Kari")
    theme = seminar.themes.get(number=1)
    Point.objects.create(group=group, theme=theme, text="Et punkt", author=participant)
    theme.is_closed = True
    theme.save()

    client.force_login(personas.admin)
    response = client.post(reverse("seminars:seminar_copy", args=[seminar.slug]))

    copy = Seminar.objects.get(copied_from=seminar)
    assert response.url == reverse("seminars:seminar_edit", args=[copy.slug])
    assert copy.title == "Kopi av Dialogseminar Fremtidens kulturskole"
    assert copy.slug == "fremtidens-kulturskole-kopi"
    assert copy.join_code != seminar.join_code
    assert copy.places == seminar.places
    assert set(copy.organisers.all()) == {personas.adviser, personas.admin}
    copied_theme = copy.themes.get()
    assert (copied_theme.number, copied_theme.title) == (1, "Gruppeoppgaver")
    assert copied_theme.introduction == theme.introduction
    assert copied_theme.instructions == "Skriv gjerne i stikkordsform."
    assert copied_theme.group_organisation == theme.group_organisation
    assert not copied_theme.is_closed
    assert [(q.number, q.text) for q in copied_theme.questions.all()] == [
        (q.number, q.text) for q in theme.questions.all()
    ]
    assert not Group.objects.filter(seminar=copy).exists()
    assert not Participant.objects.filter(seminar=copy).exists()
    assert not Point.objects.filter(theme__seminar=copy).exists()
    # The original is untouched.
    assert seminar.themes.get().questions.count() == 2
    assert seminar.groups.count() == 1


def test_a_second_copy_gets_its_own_slug(personas, seminar):
    first = services.seminar_copy(seminar=seminar, actor=personas.adviser)
    second = services.seminar_copy(seminar=seminar, actor=personas.adviser)
    assert first.slug == "fremtidens-kulturskole-kopi"
    assert second.slug == "fremtidens-kulturskole-kopi-2"


def test_copy_needs_a_post(client, personas, seminar):
    client.force_login(personas.adviser)
    response = client.get(reverse("seminars:seminar_copy", args=[seminar.slug]))
    assert response.status_code == 405
    assert Seminar.objects.count() == 1


# --- Who may do what ------------------------------------------------------------------

ORGANISER_PAGES = [
    ("get", "seminars:seminar_create", False),
    ("get", "seminars:seminar_edit", True),
    ("post", "seminars:seminar_copy", True),
    ("get", "seminars:theme_create", True),
    ("get", "seminars:theme_edit", "theme"),
]
READ_PAGES = [
    ("get", "seminars:seminar_list", False),
    ("get", "seminars:seminar_detail", True),
    ("get", "seminars:seminar_qr", True),
]


def _url(name, args, seminar):
    if args == "theme":
        return reverse(name, args=[seminar.slug, 1])
    return reverse(name, args=[seminar.slug] if args else [])


@pytest.mark.parametrize("persona", ["coordinator_a", "member_a", "partner"])
@pytest.mark.parametrize(("method", "name", "args"), ORGANISER_PAGES + READ_PAGES)
def test_municipal_users_and_partners_get_403_on_every_organiser_page(
    client, personas, seminar, persona, method, name, args
):
    client.force_login(getattr(personas, persona))
    response = getattr(client, method)(_url(name, args, seminar))
    assert response.status_code == 403
    assert Seminar.objects.count() == 1


@pytest.mark.parametrize("persona", ["leader", "board_member"])
@pytest.mark.parametrize(("method", "name", "args"), ORGANISER_PAGES)
def test_leaders_and_board_members_read_but_do_not_organise(
    client, personas, seminar, persona, method, name, args
):
    client.force_login(getattr(personas, persona))
    assert getattr(client, method)(_url(name, args, seminar)).status_code == 403
    assert client.get(seminar.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["admin", "adviser"])
@pytest.mark.parametrize(("method", "name", "args"), ORGANISER_PAGES + READ_PAGES)
def test_admins_and_advisers_open_every_organiser_page(
    client, personas, seminar, persona, method, name, args
):
    client.force_login(getattr(personas, persona))
    response = getattr(client, method)(_url(name, args, seminar))
    assert response.status_code in (200, 302)
