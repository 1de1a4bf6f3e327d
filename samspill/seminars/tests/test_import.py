"""Importing seed 002 through the command and the upload page: every post lands in a box
or in the review queue, and the organiser places what is left."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from samspill.seminars.models import Point, Seminar, UnplacedPost
from samspill.seminars.padlet import parse_text

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR) / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt"


@pytest.fixture
def seminar(reference_data):
    return Seminar.objects.create(
        title="Dialogseminar Fremtidens kulturskole", slug="feb-2023", starts_on="2023-02-09"
    )


def test_import_padlet_prints_one_summary_line_with_the_counts(seminar):
    out = io.StringIO()
    call_command("import_padlet", str(SEED), "--seminar", seminar.slug, stdout=out)
    board = parse_text(SEED.read_text(encoding="utf-8"))
    points = sum(len(a.points) for post in board.posts for a in post.answers)
    line = out.getvalue().strip()
    assert "\n" not in line
    assert line == (
        f"Importert: {seminar.groups.count()} grupper, 2 dialogtema, 6 spørsmål, "
        f"{points} svar, {len(board.unplaced)} uplasserte innlegg."
    )
    assert Point.objects.filter(theme__seminar=seminar).count() == points
    # The hand count in test_padlet.py: 19 distinct groups; a name is only shared when
    # the place tells the groups apart.
    assert seminar.groups.count() == len(board.groups()) == 19
    assert {"Gruppe 2 (Oslo)", "Gruppe 2 (Trondheim)"} <= set(
        seminar.groups.values_list("name", flat=True)
    )
    assert not any("\ufffd" in p.text for p in Point.objects.all())


def test_group_municipalities_are_linked_to_the_register(seminar):
    call_command("import_padlet", str(SEED), "--seminar", seminar.slug, stdout=io.StringIO())
    forde = seminar.groups.get(name="Førde")
    # Førde has been part of Sunnfjord since 2020: kept as written, not linked.
    assert forde.municipalities_text == "Sogndal, Luster, Førde, Vik, Høyanger, Gloppen"
    assert set(forde.municipalities.values_list("name", flat=True)) == {
        "Sogndal",
        "Luster",
        "Vik",
        "Høyanger",
        "Gloppen",
    }


def test_a_second_import_into_the_same_seminar_is_refused_and_changes_nothing(seminar):
    call_command("import_padlet", str(SEED), "--seminar", seminar.slug, stdout=io.StringIO())
    before = Point.objects.count(), UnplacedPost.objects.count()
    with pytest.raises(CommandError, match="allerede importerte svar"):
        call_command("import_padlet", str(SEED), "--seminar", seminar.slug)
    assert (Point.objects.count(), UnplacedPost.objects.count()) == before


def test_unknown_seminar_or_file_gives_a_norwegian_error(seminar, tmp_path):
    with pytest.raises(CommandError, match="Fant ikke seminaret"):
        call_command("import_padlet", str(SEED), "--seminar", "finnes-ikke")
    with pytest.raises(CommandError, match="Fant ikke filen"):
        call_command("import_padlet", str(tmp_path / "nei.txt"), "--seminar", seminar.slug)


def test_organiser_uploads_an_export_and_places_what_was_left(client, personas, seminar):
    client.force_login(personas.adviser)
    with SEED.open("rb") as handle:
        response = client.post(
            reverse("seminars:import_board", args=[seminar.slug]), {"file": handle}
        )
    assert response.status_code == 302
    queue = client.get(response["Location"])
    assert "Importert:" in queue.content.decode()
    item = seminar.unplaced.filter(placed_as=None).first()
    assert item is not None
    group = seminar.groups.first()
    question = seminar.themes.get(number=1).questions.get(number=1)
    response = client.post(
        reverse("seminars:unplaced_list", args=[seminar.slug]),
        {
            "post": item.pk,
            f"p{item.pk}-group": group.pk,
            f"p{item.pk}-question": question.pk,
            f"p{item.pk}-text": "Plassert for hånd",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.placed_as.text == "Plassert for hånd"
    assert item.placed_as.group == group


def test_upload_of_a_binary_file_is_refused(client, personas, seminar):
    client.force_login(personas.adviser)
    fake = io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")
    fake.name = "tavle.txt"
    response = client.post(reverse("seminars:import_board", args=[seminar.slug]), {"file": fake})
    assert response.status_code == 200
    assert "ikke en teksteksport" in response.content.decode()
    assert not Point.objects.exists()


def test_only_organisers_import(client, personas, seminar):
    client.force_login(personas.coordinator_a)
    assert client.get(reverse("seminars:import_board", args=[seminar.slug])).status_code == 403
    assert client.get(reverse("seminars:unplaced_list", args=[seminar.slug])).status_code == 403


def test_municipality_page_shows_the_seminars_and_points_of_its_groups(client, personas, seminar):
    call_command("import_padlet", str(SEED), "--seminar", seminar.slug, stdout=io.StringIO())
    forde = seminar.groups.get(name="Førde")
    point = forde.points.first()
    client.force_login(personas.coordinator_a)  # Sogndal was in the group "Førde"
    page = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert seminar.title in page
    assert "Gruppe Førde" in page
    assert point.text.split("\n")[0][:40] in page
    client.force_login(personas.coordinator_b)  # Luster was there too, but sees Luster's page
    page = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert seminar.title not in page


def test_a_stray_carriage_return_in_a_csv_field_is_read(tmp_path):
    from samspill.seminars.padlet import parse_csv

    board = parse_csv(b"Subject,Body,Section\r\nGruppe 1,Svar med\r midt i,Dialogtema 1\r\n")
    assert board is not None


def test_a_csv_that_cannot_be_read_is_refused_in_norwegian_by_the_command(tmp_path):
    # The fuzzer found that a stray carriage return inside a field crashed the import;
    # such files are read now. What the csv module still cannot read is refused.
    Seminar.objects.create(title="Tom", slug="tom", starts_on="2023-02-09")
    broken = tmp_path / "eksport.csv"
    broken.write_bytes(b'Subject,Body\r\n"Gruppe 1","' + b"x" * 200_000 + b'"\r\n')
    with pytest.raises(CommandError, match="Filen kan ikke leses som CSV"):
        call_command("import_padlet", str(broken), "--seminar", "tom")
