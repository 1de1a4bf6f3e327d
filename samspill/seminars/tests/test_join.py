"""Joining a seminar without an account: by code or link, into a new or existing group,
with the municipality register behind the names people type; wrong codes are limited."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from samspill.members.models import Municipality
from samspill.seminars import permissions, services
from samspill.seminars.models import Group, Participant, Question, Seminar, Theme
from samspill.seminars.services import municipalities_from_text
from samspill.seminars.views import SESSION_KEY

pytestmark = pytest.mark.django_db


def _seminar(slug, title, **extra):
    seminar = services.seminar_create(
        title=title, slug=slug, starts_on=datetime.date(2026, 2, 9), **extra
    )
    theme = Theme.objects.create(seminar=seminar, number=1, title="Gruppeoppgaver")
    Question.objects.create(theme=theme, number=1, text="Hva skal til?")
    return seminar


@pytest.fixture
def seminar(reference_data):
    return _seminar("vestland", "Dialogseminar Vestland", places="Førde\nDigitalt rom 1")


@pytest.fixture
def other_seminar(reference_data):
    return _seminar("nord", "Dialogseminar Nord")


def municipality(name):
    return Municipality.objects.get(name=name)


def _join_data(**overrides):
    data = {
        "group": "ny",
        "new_group_name": "Førde",
        "new_group_place": "Førde",
        "new_group_municipalities": "Sogndal, Luster, Førde",
        "name": "Kari Nordmann",
        "municipality": "Sogndal",
        "role": "Kulturskoleleder",
        "group_role": "writer",
    }
    data.update(overrides)
    return data


def _board(seminar, number=1):
    return reverse("seminars:board", args=[seminar.slug, number])


# --- Entering the code ----------------------------------------------------------------


def test_the_right_code_leads_to_the_seminar(client, seminar):
    response = client.post(reverse("seminars:join"), {"code": seminar.join_code})
    assert response.status_code == 302
    assert response.url == reverse("seminars:join_code", args=[seminar.join_code])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Dialogseminar Vestland" in page.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: f" {code[:4]} {code[4:]} ",
        lambda code: f"{code[:4].lower()}-{code[4:]}",
    ],
    ids=["lower-case", "spaces", "dash"],
)
def test_the_code_is_read_without_case_spaces_or_dashes(client, seminar, typed):
    response = client.post(reverse("seminars:join"), {"code": typed(seminar.join_code)})
    assert response.url == reverse("seminars:join_code", args=[seminar.join_code])


def test_a_lower_case_code_in_the_link_leads_to_the_seminar(client, seminar):
    response = client.get(reverse("seminars:join_code", args=[seminar.join_code.lower()]))
    assert response.url == reverse("seminars:join_code", args=[seminar.join_code])


def test_a_wrong_code_says_so(client, seminar):
    wrong = "ABCDEFGH" if seminar.join_code != "ABCDEFGH" else "HGFEDCBA"
    response = client.post(reverse("seminars:join"), {"code": wrong})
    assert response.status_code == 200
    assert "Vi fant ikke noe seminar med denne koden" in response.content.decode()


def test_a_wrong_code_in_the_link_is_not_found(client, seminar):
    response = client.get(reverse("seminars:join_code", args=["ABCDEFGX"]))
    assert response.status_code == 404
    assert "Vi fant ikke noe seminar med denne koden" in response.content.decode()


def test_the_join_pages_need_no_login(client, seminar):
    assert client.get(reverse("seminars:join")).status_code == 200
    response = client.get(reverse("seminars:join_code", args=[seminar.join_code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="Sogndal">' in page  # the municipality suggestions
    assert '<option value="Herøy (Nordland)">' in page
    assert "Digitalt rom 1" in page  # the seminar's places for a new group


# --- Rate limiting --------------------------------------------------------------------


def _wrong(client, n, **extra):
    return [
        client.post(reverse("seminars:join"), {"code": f"WRONG{i:03d}"}, **extra).status_code
        for i in range(n)
    ]


def test_too_many_wrong_codes_give_429_until_the_pause_is_over(client, seminar):
    with time_machine.travel(datetime.datetime(2026, 2, 9, 9, tzinfo=datetime.UTC)) as clock:
        assert _wrong(client, 9) == [200] * 9
        # The tenth wrong code uses up the allowance.
        assert _wrong(client, 1) == [429]
        # Now every lookup is refused, the right code too, so trying on gives nothing away.
        response = client.post(reverse("seminars:join"), {"code": seminar.join_code})
        assert response.status_code == 429
        assert "For mange forsøk med feil kode" in response.content.decode()
        link = reverse("seminars:join_code", args=[seminar.join_code])
        assert client.get(link).status_code == 429
        assert client.get(reverse("seminars:join")).status_code == 429

        # Another address is not affected.
        other = client.post(
            reverse("seminars:join"), {"code": seminar.join_code}, REMOTE_ADDR="10.0.0.2"
        )
        assert other.status_code == 302

        # After ten minutes the address may try again.
        clock.shift(datetime.timedelta(minutes=10, seconds=1))
        response = client.post(reverse("seminars:join"), {"code": seminar.join_code})
        assert response.status_code == 302
        assert client.get(link).status_code == 200


def test_wrong_codes_are_counted_once_for_every_server_process(client, seminar):
    """gunicorn runs several processes, each with its own memory: the count lives in the
    database so that a second process does not start again from zero."""
    assert _wrong(client, 10)[-1] == 429
    cache.clear()  # what another process's own memory looks like
    assert client.post(reverse("seminars:join"), {"code": seminar.join_code}).status_code == 429
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM samspill_shared_cache")
        assert cursor.fetchone()[0] == 1


def test_wrong_codes_in_links_count_too(client, seminar):
    for i in range(10):
        client.get(reverse("seminars:join_code", args=[f"WRONG{i:03d}"]))
    response = client.get(reverse("seminars:join_code", args=[seminar.join_code]))
    assert response.status_code == 429


def test_right_codes_do_not_count(client, seminar):
    for _ in range(30):
        client.post(reverse("seminars:join"), {"code": seminar.join_code})
    assert _wrong(client, 1) == [200]


def test_the_limit_is_a_setting(client, seminar, settings):
    settings.SEMINAR_WRONG_CODES_ALLOWED = 3
    assert _wrong(client, 3) == [200, 200, 429]


def test_behind_a_proxy_the_forwarded_address_counts(client, seminar, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert _wrong(client, 10, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)[-1] == 429
    # Another client behind the same proxy may still join.
    response = client.post(
        reverse("seminars:join"),
        {"code": seminar.join_code},
        HTTP_X_FORWARDED_FOR="203.0.113.8",
        **proxy,
    )
    assert response.status_code == 302


# --- Joining a group ------------------------------------------------------------------


def test_a_participant_creates_a_group_and_lands_on_the_board_of_theme_1(client, seminar):
    response = client.post(reverse("seminars:join_code", args=[seminar.join_code]), _join_data())
    assert response.status_code == 302
    assert response.url == _board(seminar)

    group = Group.objects.get(seminar=seminar)
    assert (group.name, group.place) == ("Førde", "Førde")
    assert group.municipalities_text == "Sogndal, Luster, Førde"
    # Førde is no municipality since 2020; it stays in the text but is not linked.
    assert set(group.municipalities.values_list("name", flat=True)) == {"Sogndal", "Luster"}

    participant = Participant.objects.get(seminar=seminar)
    assert participant.group == group
    assert participant.name == "Kari Nordmann"
    assert participant.municipality == municipality("Sogndal")
    assert participant.role == "Kulturskoleleder"
    assert participant.group_role == "writer"
    assert client.session[SESSION_KEY] == {str(seminar.pk): participant.pk}

    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Du er med i gruppen Førde." in messages
    assert any("Førde" in m and "fant vi ikke" in m for m in messages)


def test_a_participant_joins_an_existing_group(client, seminar):
    group, _ = services.group_create(seminar=seminar, name="Digital 3", place="Digitalt rom 1")
    response = client.post(
        reverse("seminars:join_code", args=[seminar.join_code]),
        _join_data(group=str(group.pk), new_group_name="", municipality="guovdageaidnu"),
    )
    assert response.url == _board(seminar)
    participant = Participant.objects.get()
    assert participant.group == group
    assert participant.municipality == municipality("Kautokeino")
    # The participant's municipality is among those the group represents.
    assert list(group.municipalities.all()) == [municipality("Kautokeino")]
    assert Group.objects.count() == 1


def test_name_municipality_and_roles_are_optional(client, seminar):
    group, _ = services.group_create(seminar=seminar, name="Gruppe 1")
    response = client.post(
        reverse("seminars:join_code", args=[seminar.join_code]),
        {"group": str(group.pk), "group_role": "member"},
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.name, participant.municipality, participant.role) == ("", None, "")


def test_joining_again_from_the_same_browser_changes_group_without_a_second_participant(
    client, seminar
):
    url = reverse("seminars:join_code", args=[seminar.join_code])
    client.post(url, _join_data())
    first = Participant.objects.get()
    other, _ = services.group_create(seminar=seminar, name="Digital 2")

    page = client.get(url)
    assert "Du er allerede med i gruppen Førde." in page.content.decode()
    assert page.context["form"].initial["name"] == "Kari Nordmann"

    client.post(url, _join_data(group=str(other.pk), name="Kari N."))
    participant = Participant.objects.get()
    assert participant.pk == first.pk
    assert (participant.group, participant.name) == (other, "Kari N.")


def test_a_new_group_needs_a_name_not_taken(client, seminar):
    services.group_create(seminar=seminar, name="Førde")
    url = reverse("seminars:join_code", args=[seminar.join_code])
    response = client.post(url, _join_data(new_group_name="  førde "))
    assert response.status_code == 200
    assert "new_group_name" in response.context["form"].errors
    response = client.post(url, _join_data(new_group_name=""))
    assert "new_group_name" in response.context["form"].errors
    assert Participant.objects.count() == 0


def test_an_unknown_municipality_is_refused_with_suggestions(client, seminar):
    response = client.post(
        reverse("seminars:join_code", args=[seminar.join_code]), _join_data(municipality="Sogn")
    )
    assert response.status_code == 200
    error = response.context["form"].errors["municipality"][0]
    assert "Fant ingen kommune som heter «Sogn»" in error
    assert "Sogndal" in error
    assert not Group.objects.exists()


def test_a_group_from_another_seminar_cannot_be_picked(client, seminar, other_seminar):
    foreign, _ = services.group_create(seminar=other_seminar, name="Nord 1")
    response = client.post(
        reverse("seminars:join_code", args=[seminar.join_code]),
        _join_data(group=str(foreign.pk)),
    )
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_a_locked_seminar_refuses_joining(client, seminar):
    Seminar.objects.filter(pk=seminar.pk).update(is_locked=True)
    url = reverse("seminars:join_code", args=[seminar.join_code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Seminaret er avsluttet" in page.content.decode()
    response = client.post(url, _join_data())
    assert response.status_code == 403
    assert "Seminaret er avsluttet" in response.content.decode()
    assert not Group.objects.exists()
    assert not Participant.objects.exists()


def test_the_join_services_refuse_a_locked_seminar(seminar):
    group, _ = services.group_create(seminar=seminar, name="Gruppe 1")
    Seminar.objects.filter(pk=seminar.pk).update(is_locked=True)
    seminar.refresh_from_db()
    with pytest.raises(services.ValidationError):
        services.participant_join(seminar=seminar, group=group)
    with pytest.raises(services.ValidationError):
        services.group_create(seminar=seminar, name="Gruppe 2")


# --- A participant sees only their own seminar ----------------------------------------


def _request_with_session_of(client):
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = AnonymousUser()
    return request


def test_a_participant_of_one_seminar_cannot_view_anothers_board(client, seminar, other_seminar):
    client.post(reverse("seminars:join_code", args=[seminar.join_code]), _join_data())
    request = _request_with_session_of(client)
    assert permissions.can_view_board(request, seminar)
    assert not permissions.can_view_board(request, other_seminar)


def test_a_participant_writes_only_in_their_own_groups_box(client, seminar, other_seminar):
    client.post(reverse("seminars:join_code", args=[seminar.join_code]), _join_data())
    own = Group.objects.get(seminar=seminar)
    neighbour, _ = services.group_create(seminar=seminar, name="Digital 2")
    foreign, _ = services.group_create(seminar=other_seminar, name="Nord 1")
    request = _request_with_session_of(client)
    assert permissions.can_write_in_group(request, seminar, own)
    assert not permissions.can_write_in_group(request, seminar, neighbour)
    assert not permissions.can_write_in_group(request, other_seminar, foreign)


def test_a_visitor_without_the_code_cannot_view_a_board(client, seminar):
    assert not permissions.can_view_board(_request_with_session_of(client), seminar)


# --- Municipalities typed as free text ------------------------------------------------


def _names(found):
    return [m.name for m in found]


def test_sogndal_luster_forde(reference_data):
    found, unknown = municipalities_from_text("Sogndal, Luster, Førde")
    assert _names(found) == ["Sogndal", "Luster"]
    # Førde merged into Sunnfjord in 2020: not a municipality, so it comes back as text.
    assert unknown == ["Førde"]


def test_kautokeino_og_karasjok(reference_data):
    found, unknown = municipalities_from_text("Kautokeino og Karasjok")
    assert _names(found) == ["Kautokeino", "Karasjok"]
    assert unknown == []


@pytest.mark.parametrize(
    ("text", "names", "unknown"),
    [
        ("  sogndal ,,  LUSTER og   gloppen. ", ["Sogndal", "Luster", "Gloppen"], []),
        ("Kommunar: Sogndal, Luster, Vik", ["Sogndal", "Luster", "Vik"], []),
        ("Time kommune", ["Time"], []),
        ("Guovdageaidnu & Kárášjohka", ["Kautokeino", "Karasjok"], []),
        ("Karasjohka", ["Karasjok"], []),
        ("Nore og Uvdal og Flesberg", ["Nore og Uvdal", "Flesberg"], []),
        ("Evje og Hornnes; Aurskog Høland", ["Evje og Hornnes", "Aurskog-Høland"], []),
        ("Herøy (Møre og Romsdal), Våler", ["Herøy"], ["Våler"]),
        ("Sunnfjord\nFørde\nNaustdal", ["Sunnfjord"], ["Førde", "Naustdal"]),
        ("Sogndal, sogndal", ["Sogndal"], []),
        ("", [], []),
    ],
)
def test_municipalities_from_text(reference_data, text, names, unknown):
    found, not_found = municipalities_from_text(text)
    assert _names(found) == names
    assert not_found == unknown


def test_a_shared_name_with_the_county_finds_the_right_municipality(reference_data):
    (heroy,), _ = municipalities_from_text("Herøy (Nordland)")
    assert heroy.county.name == "Nordland"


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_the_shared_cache_table():
    """The test database gets its cache tables from Django itself, so the migration that
    makes them on a real server is run here on its own, after dropping the table."""
    import importlib

    from django.db import connection

    migration = importlib.import_module("samspill.seminars.migrations.0002_shared_cache_table")
    with connection.schema_editor() as editor:
        editor.execute("DROP TABLE samspill_shared_cache")
        migration.create_cache_table(None, editor)
    assert "samspill_shared_cache" in connection.introspection.table_names()
