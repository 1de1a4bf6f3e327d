"""The REST API: keys, scoping by the caller's permissions, the writes, rate limits."""

import datetime
import io

import pytest
from django.urls import reverse

from samspill.agreements.tests.builders import add_meeting, make_agreement, organisation
from samspill.api.models import ApiToken
from samspill.api.services import api_token_create, api_token_revoke
from samspill.seminars.models import Point
from samspill.seminars.tests.builders import make_board, write
from samspill.statistics.models import AnnualStatistics
from samspill.strategy.models import Decision, DecisionKind

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = api_token_create(user=user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_every_api_call_needs_a_key_or_a_session(client, personas):
    response = client.get("/api/v1/municipalities/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/openapi.json").status_code == 401
    assert (
        client.get("/api/v1/municipalities/", HTTP_AUTHORIZATION="Bearer feil").status_code == 401
    )


def test_keys_are_stored_hashed_and_revoked_keys_stop_working(client, personas):
    token, key = api_token_create(user=personas.adviser, name="Regneark")
    assert key not in {token.key_hash, token.prefix} and token.key_hash != key
    assert not ApiToken.objects.filter(key_hash=key).exists()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/municipalities/", **headers).status_code == 200
    api_token_revoke(token=token)
    assert client.get("/api/v1/municipalities/", **headers).status_code == 401


def test_lists_are_paginated_and_filtered(client, personas):
    headers = bearer(personas.coordinator_a)
    page = client.get("/api/v1/municipalities/", **headers).json()
    assert page["count"] == 357 and len(page["results"]) == 50 and page["next"]
    vestland = client.get("/api/v1/municipalities/", {"county": "46"}, **headers).json()
    assert {m["county"] for m in vestland["results"]} == {"46"}
    one = client.get("/api/v1/municipalities/4640/", **headers).json()
    assert one["name"] == "Sogndal"
    bad = client.get("/api/v1/statistics/", {"school_year": "tjue"}, **headers)
    assert bad.status_code == 400


def test_reads_follow_the_callers_permissions(client, personas):
    Decision.objects.create(kind=DecisionKind.BOARD, title="Budsjett 2027")
    board = make_board()
    write(board.participants[0], "Mer samarbeid med SFO.")
    for user, sees in [(personas.leader, True), (personas.coordinator_a, False)]:
        headers = bearer(user)
        decisions = client.get("/api/v1/decisions/", **headers).json()["results"]
        points = client.get("/api/v1/points/", **headers).json()["results"]
        assert bool(decisions) is sees and bool(points) is sees
    coordinator = bearer(personas.coordinator_a)
    assert client.get("/api/v1/seminars/fremtidens-kulturskole/", **coordinator).status_code == 404


def test_organiser_writes_a_seminar_answer_by_the_boards_rules(client, personas):
    board = make_board()
    group = board.groups[0]
    question = board.question(1, 1)
    body = {
        "seminar": board.seminar.slug,
        "theme": 1,
        "group": group.pk,
        "question": question.pk,
        "text": "Felles planlegging med skolen.",
    }
    adviser = bearer(personas.adviser)
    created = client.post("/api/v1/points/", body, content_type="application/json", **adviser)
    assert created.status_code == 201, created.content
    assert Point.objects.get(pk=created.json()["id"]).group == group
    # Another seminar's group, a closed theme, and someone who does not organise: refused.
    other = make_board(slug="annet-seminar")
    wrong_group = {**body, "group": other.groups[0].pk}
    answer = client.post("/api/v1/points/", wrong_group, content_type="application/json", **adviser)
    assert answer.status_code == 400
    assert "hører ikke til" in answer.content.decode()
    board.themes[0].is_closed = True
    board.themes[0].save()
    closed = client.post("/api/v1/points/", body, content_type="application/json", **adviser)
    assert closed.status_code == 400
    assert "stengt for skriving" in closed.content.decode()
    leader = bearer(personas.leader)
    assert (
        client.post("/api/v1/points/", body, content_type="application/json", **leader).status_code
        == 403
    )
    assert Point.objects.count() == 1


CSV_OK = "Kommunenummer;Skoleår;Antall elever\n4640;2023-2024;321\n4644;2023-2024;140\n"
CSV_BAD = "Kommunenummer;Skoleår;Antall elever\n4640;2023-2024;321\n9999;2023-2024;12\n"


def upload(client, headers, text, **extra):
    file = io.BytesIO(text.encode())
    file.name = "gsi.csv"
    return client.post(reverse("api:statistics_import"), {"file": file, **extra}, **headers)


def test_statistics_import_is_all_or_nothing(client, personas):
    adviser = bearer(personas.adviser)
    bad = upload(client, adviser, CSV_BAD)
    assert bad.status_code == 400
    assert bad.json()["errors"] and bad.json()["errors"][0][0] == 3
    assert not AnnualStatistics.objects.exists()
    checked = upload(client, adviser, CSV_OK, dry_run="true")
    assert checked.status_code == 200 and checked.json()["created"] == 2
    assert not AnnualStatistics.objects.exists()
    done = upload(client, adviser, CSV_OK)
    assert done.status_code == 201, done.content
    assert AnnualStatistics.objects.get(municipality__number="4640").pupils == 321


def test_only_importers_may_import(client, personas):
    assert upload(client, bearer(personas.coordinator_a), CSV_OK).status_code == 403
    assert not AnnualStatistics.objects.exists()


def test_rate_limit_answers_429(client, personas, settings):
    settings.API_THROTTLE_RATES = {"user": "3/minute", "write": "1/minute"}
    headers = bearer(personas.leader)
    codes = [client.get("/api/v1/municipalities/", **headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_profile_page_makes_lists_and_revokes_keys(client, personas):
    client.force_login(personas.coordinator_a)
    made = client.post(reverse("api:tokens"), {"name": "Regnearket vårt"})
    text = made.content.decode()
    token = ApiToken.objects.get(user=personas.coordinator_a)
    assert "Regnearket vårt" in text and "vises bare denne ene gangen" in text
    key = text.split('id="new-api-key">')[1].split("<")[0]
    assert (
        client.get("/api/v1/municipalities/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    )
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Regnearket vårt" in profile and key not in profile
    client.post(reverse("api:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    # Another user's key cannot be revoked by guessing its number.
    other, _key = api_token_create(user=personas.coordinator_b, name="B")
    assert client.post(reverse("api:token_revoke", args=[other.pk])).status_code == 404


def test_a_file_with_nul_characters_is_refused_with_a_clear_error(client, personas):
    # Found by schemathesis on PostgreSQL: NUL in a heading crashed the stored mapping.
    answer = upload(client, bearer(personas.adviser), "Kommune\x00nummer;Skoleår\n4640;2023\n")
    assert answer.status_code == 400
    assert "ugyldige tegn" in answer.json()["file"][0]


def test_partner_reads_meetings_of_their_own_agreements_only(client, personas):
    own = make_agreement(personas.partner_organisation, slug="kulturtanken")
    other = make_agreement(organisation("Norsk musikkråd", "NMR"), slug="musikkraadet")
    add_meeting(own, datetime.date(2024, 3, 1), title="Vårmøte med Kulturtanken")
    add_meeting(other, datetime.date(2024, 3, 2), title="Vårmøte med musikkrådet")
    partner = bearer(personas.partner)
    titles = {m["title"] for m in client.get("/api/v1/meetings/", **partner).json()["results"]}
    assert titles == {"Vårmøte med Kulturtanken"}
    assert client.get("/api/v1/agreements/musikkraadet/", **partner).status_code == 404
    assert client.get("/api/v1/plans/", **partner).json()["count"] == 0
    leader = bearer(personas.leader)
    assert client.get("/api/v1/meetings/", **leader).json()["count"] == 2
