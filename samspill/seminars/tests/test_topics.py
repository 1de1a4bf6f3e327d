"""The synthesis around the engine: runs that keep the organiser's decisions, the worker,
the topics pages with filters, the summary as DOCX and PDF, and the command."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from samspill.core.tests.documents import docx_text, pdf_text
from samspill.seminars import services, topics
from samspill.seminars.models import Analysis, Seminar, Topic
from samspill.seminars.synthesis.topics import TopicProposal

from .builders import make_board, write

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR) / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt"


def proposal(label, points):
    keys = [point.pk for point in points]
    return TopicProposal(
        label=label,
        words=[label.casefold()],
        keys=keys,
        groups=len({point.group_id for point in points}),
        points=len(keys),
        quotes=keys[:1],
    )


@pytest.fixture
def board(db):
    """Three groups; points on economy, time and competence."""
    board = make_board()
    forde, room1, room2 = board.participants
    q1, q2 = board.question(1, 1), board.question(1, 2)
    board.points = {
        "økonomi-1": write(forde, "Økonomien setter grenser", question=q1),
        "økonomi-2": write(room1, "Mer penger til samarbeid", question=q1),
        "økonomi-3": write(room2, "Finansiering over flere år", question=q2),
        "tid-1": write(forde, "Sette av tid til møter", question=q2),
        "tid-2": write(room1, "Tida strekker ikke til", question=q1),
        "kompetanse-1": write(room2, "Kompetanse i klasseledelse", question=q1),
        "kompetanse-2": write(forde, "Kurs for lærerne", question=q2),
    }
    return board


def first_run(board):
    p = board.points
    topics.reconcile(
        board.seminar,
        [
            proposal("Økonomi", [p["økonomi-1"], p["økonomi-2"], p["økonomi-3"]]),
            proposal("Tid", [p["tid-1"], p["tid-2"]]),
            proposal("Kompetanse", [p["kompetanse-1"], p["kompetanse-2"]]),
        ],
    )
    return {topic.label: topic for topic in Topic.objects.filter(seminar=board.seminar)}


def shown(seminar):
    summaries, without = topics.topic_overview(seminar)
    return {s.topic.label: sorted(p.text for p in s.points) for s in summaries}, without


def test_a_run_shows_topics_most_groups_first_with_quotes_from_different_groups(board):
    first_run(board)
    summaries, without = topics.topic_overview(board.seminar)
    assert [(s.topic.label, s.group_count, s.point_count) for s in summaries] == [
        ("Økonomi", 3, 3),
        ("Kompetanse", 2, 2),
        ("Tid", 2, 2),
    ]
    assert len({quote.group_id for quote in summaries[0].quotes}) == 3
    assert without == []


def test_rename_merge_split_delete_and_tags_survive_a_new_run(board):
    made = first_run(board)
    p = board.points
    topics.topic_rename(topic=made["Økonomi"], label="Økonomi og finansiering")
    topics.topic_merge(topic=made["Tid"], into=made["Kompetanse"])
    topics.topic_rename(topic=made["Kompetanse"], label="Tid og kompetanse")
    extra = write(
        board.participants[0], "Politikerne må forankre samarbeidet", question=board.question(1, 1)
    )
    topics.point_tag(topic=made["Økonomi"], point_id=extra.pk)
    topics.point_untag(topic=made["Økonomi"], point_id=p["økonomi-3"].pk)
    before = shown(board.seminar)

    # The machine runs again with one point more and slightly different proposals.
    also = write(board.participants[1], "Budsjettet er for lite", question=board.question(1, 1))
    topics.reconcile(
        board.seminar,
        [
            proposal("Økonomi", [p["økonomi-1"], p["økonomi-2"], p["økonomi-3"], also]),
            proposal("Tid", [p["tid-1"], p["tid-2"]]),
            proposal("Kompetanse", [p["kompetanse-1"], p["kompetanse-2"]]),
        ],
    )
    after, _without = shown(board.seminar)
    assert set(after) == {"Økonomi og finansiering", "Tid og kompetanse"}
    assert after["Økonomi og finansiering"] == sorted(
        [p["økonomi-1"].text, p["økonomi-2"].text, extra.text, also.text]
    )
    assert after["Tid og kompetanse"] == before[0]["Tid og kompetanse"]


def test_a_deleted_topic_stays_away_and_a_split_keeps_its_points(board):
    made = first_run(board)
    p = board.points
    topics.topic_delete(topic=made["Tid"])
    new = topics.topic_split(
        topic=made["Økonomi"], point_ids=[p["økonomi-3"].pk], label="Finansiering"
    )
    assert new.is_manual
    first_run(board)  # the same proposals again
    after, without = shown(board.seminar)
    assert "Tid" not in after
    assert {point.text for point in without} == {p["tid-1"].text, p["tid-2"].text}
    assert after["Finansiering"] == [p["økonomi-3"].text]
    assert p["økonomi-3"].text not in after["Økonomi"]


def test_a_split_needs_points_and_must_leave_some_behind(board):
    from django.core.exceptions import ValidationError

    made = first_run(board)
    with pytest.raises(ValidationError, match="Velg minst ett punkt"):
        topics.topic_split(topic=made["Tid"], point_ids=[], label="Nytt")
    every = [board.points["tid-1"].pk, board.points["tid-2"].pk]
    with pytest.raises(ValidationError, match="Noen punkter må bli igjen"):
        topics.topic_split(topic=made["Tid"], point_ids=every, label="Nytt")


def test_filters_narrow_topics_to_a_theme_question_place_or_municipality(board):
    first_run(board)
    q2 = board.question(1, 2)
    summaries, _ = topics.topic_overview(board.seminar, topics.Filters(question=q2.pk))
    assert {s.topic.label: s.point_count for s in summaries} == {
        "Økonomi": 1,
        "Tid": 1,
        "Kompetanse": 1,
    }
    summaries, _ = topics.topic_overview(board.seminar, topics.Filters(place="Førde"))
    assert {s.topic.label for s in summaries} == {"Økonomi", "Tid", "Kompetanse"}
    assert all(s.group_count == 1 for s in summaries)
    summaries, _ = topics.topic_overview(board.seminar, topics.Filters(theme=2))
    assert summaries == []


# --- The real seminar: the worker, the pages, the summary ----------------------------------


@pytest.fixture
def seed_seminar(reference_data):
    seminar = Seminar.objects.create(
        title="Dialogseminar Fremtidens kulturskole", slug="feb-2023", starts_on="2023-02-09"
    )
    call_command("import_padlet", str(SEED), "--seminar", seminar.slug, stdout=io.StringIO())
    return seminar


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_the_worker_runs_the_analysis_and_the_page_shows_recognisable_topics(
    client, personas, seed_seminar
):
    client.force_login(personas.adviser)
    page = reverse("seminars:topic_list", args=[seed_seminar.slug])
    assert "Temaene er ikke funnet ennå." in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    analysis = Analysis.objects.get(seminar=seed_seminar)
    assert analysis.status == Analysis.Status.QUEUED
    assert (
        client.get(reverse("seminars:topic_progress", args=[seed_seminar.slug])).status_code == 200
    )
    call_command("db_worker", "--batch", "--interval", "0", stdout=io.StringIO())
    analysis.refresh_from_db()
    assert (analysis.status, analysis.progress) == (Analysis.Status.DONE, 1)
    progress = client.get(reverse("seminars:topic_progress", args=[seed_seminar.slug]))
    assert progress["HX-Refresh"] == "true"
    html = client.get(page).content.decode()
    labels = " ".join(Topic.objects.filter(seminar=seed_seminar).values_list("label", flat=True))
    for word in ["Økonomi", "Tid", "Kompetanse", "Forankring"]:
        assert word in labels
    assert "Antall grupper og punkter per tema" in html
    assert "Økonomi" in html


def test_summary_docx_and_pdf_hold_topics_quotes_with_groups_and_priorities(
    client, personas, seed_seminar
):
    topics.analysis_run(Analysis.objects.create(seminar=seed_seminar))
    group = seed_seminar.groups.get(name="Førde")
    question = seed_seminar.themes.get(number=1).questions.get(number=1)
    chosen = list(group.points.filter(question=question)[:2])
    services.priorities_submit(
        group=group, question=question, point_ids_in_rank_order=[p.pk for p in chosen]
    )
    summaries, _ = topics.topic_overview(seed_seminar)
    top = summaries[0]
    client.force_login(personas.adviser)
    docx = client.get(reverse("seminars:topic_summary", args=[seed_seminar.slug, "docx"]))
    assert docx.status_code == 200
    text = docx_text(docx.content)
    assert "Sammendrag: Dialogseminar Fremtidens kulturskole" in text
    assert top.topic.label in text
    quote = top.quotes[0]
    assert f"«{quote.text}» – {quote.group.name}" in text
    assert "Gruppenes prioriteringer" in text and chosen[0].text in text
    pdf = client.get(reverse("seminars:topic_summary", args=[seed_seminar.slug, "pdf"]))
    assert " ".join(pdf_text(pdf.content).split()).count(top.topic.label) >= 1


def test_analyse_seminar_command_prints_topics_as_json(seed_seminar):
    out = io.StringIO()
    call_command("analyse_seminar", seed_seminar.slug, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data) >= 8
    first = data[0]
    assert set(first) >= {"label", "groups", "points", "quotes"}
    assert first["groups"] >= data[-1]["groups"]
    names = set(seed_seminar.groups.values_list("name", flat=True))
    assert all(quote["group"] in names for item in data for quote in item["quotes"])


def test_only_nkr_reads_topics_and_only_organisers_decide(client, personas, board):
    made = first_run(board)
    page = reverse("seminars:topic_list", args=[board.seminar.slug])
    change = reverse("seminars:topic_change", args=[board.seminar.slug, made["Tid"].pk])
    client.force_login(personas.coordinator_a)
    assert client.get(page).status_code == 403
    client.force_login(personas.leader)
    assert client.get(page).status_code == 200
    assert client.post(change, {"handling": "navn", "navn": "X"}).status_code == 403
    client.force_login(personas.adviser)
    response = client.post(change, {"handling": "navn", "navn": "Tid til samarbeid"})
    assert response.status_code == 302
    made["Tid"].refresh_from_db()
    assert made["Tid"].label == "Tid til samarbeid"
    response = client.post(change, {"handling": "navn", "navn": "  "}, follow=True)
    assert "Skriv et navn på temaet." in response.content.decode()


def test_the_topics_page_makes_the_same_queries_for_few_and_many_points(client, personas, board):
    """Issue 11: the page reads the seminar's groups, themes and questions once, not once
    per point, so a seminar of 1 600 points costs the same number of queries as one of 7."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first_run(board)
    client.force_login(personas.adviser)
    page = reverse("seminars:topic_list", args=[board.seminar.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, _page = count()
    forde, room1, room2 = board.participants
    for index in range(30):
        write((forde, room1, room2)[index % 3], f"Økonomi og samarbeid, innspill {index}")
    many, text = count()
    assert many == few
    assert "30 punkter uten tema" in text
