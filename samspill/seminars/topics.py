"""Topics across a seminar's points: running the analysis, and keeping the organiser's
decisions from one run to the next.

The engine (`synthesis.topics.find_topics`) proposes topics from the visible points. A
run replaces only what the machine decided: each earlier machine topic is matched with
the new proposal whose points overlap it most (`synthesis.topics.match_topics`), so that
its new name, a merge or a deletion stays with it. What the organiser did by hand,
tagging a point into a topic or taking it out, is never touched by a run."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.members.models import Municipality

from .models import Analysis, Group, Point, Question, Theme, Topic, TopicPoint
from .selectors import natural_key

#: Words of the board itself, never a topic.
BOARD_WORDS = ["gruppe", "gruppa", "rom", "digital", "digitalt", "spørsmål", "tema", "punkt"]
QUOTES = 3


def boilerplate(seminar):
    """The seminar's own words: its title, themes and questions, group names and places,
    and the names of Norway's municipalities, which say where, not what."""
    texts = [seminar.title, seminar.places, *BOARD_WORDS]
    for theme in seminar.themes.prefetch_related("questions"):
        texts.append(theme.title)
        texts.extend(question.text for question in theme.questions.all())
    for name, place in seminar.groups.values_list("name", "place"):
        texts.extend([name, place])
    texts.extend(Municipality.objects.values_list("name", flat=True))
    return texts


def items(seminar):
    from .synthesis.topics import Item  # the engine loads scikit-learn: only when needed

    points = (
        Point.objects.visible()
        .filter(theme__seminar=seminar)
        .select_related("theme", "question")
        .order_by("pk")
    )
    return [
        Item(
            key=point.pk,
            text=point.text,
            group=str(point.group_id),
            theme=point.theme.number,
            question=point.question.number if point.question else None,
        )
        for point in points
    ]


def analysis_request(*, seminar, actor):
    """A new run, queued for the worker; an unfinished one is returned instead."""
    from .tasks import analyse_seminar_task

    running = seminar.analyses.filter(
        status__in=[Analysis.Status.QUEUED, Analysis.Status.RUNNING]
    ).first()
    if running:
        return running
    analysis = Analysis.objects.create(seminar=seminar, requested_by=actor)
    transaction.on_commit(lambda: analyse_seminar_task.enqueue(analysis_id=analysis.pk))
    return analysis


def analysis_run(analysis):
    """Run `analysis` now (in the worker, or from the command): propose, then reconcile
    with what the organiser decided. A failure is recorded on the run, not half-written."""
    seminar = analysis.seminar
    Analysis.objects.filter(pk=analysis.pk).update(status=Analysis.Status.RUNNING, progress=0)

    def progress(share):
        Analysis.objects.filter(pk=analysis.pk).update(progress=round(min(share, 1), 3))

    # The engine (scikit-learn, the word lists) is loaded here, in the worker that runs
    # the analysis, not in every web process: it doubles a process's memory and start-up.
    from .synthesis.topics import find_topics

    try:
        given = items(seminar)
        proposals = find_topics(given, boilerplate=boilerplate(seminar), progress=progress)
        with transaction.atomic():
            reconcile(seminar, proposals)
    except Exception as error:  # recorded for the organiser; the worker logs it too
        Analysis.objects.filter(pk=analysis.pk).update(
            status=Analysis.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    Analysis.objects.filter(pk=analysis.pk).update(
        status=Analysis.Status.DONE,
        progress=1,
        point_count=len(given),
        topic_count=len(proposals),
        finished_at=timezone.now(),
    )
    analysis.refresh_from_db()
    return analysis


def reconcile(seminar, proposals):
    """Put the machine's proposals in place of its earlier ones, keeping every decision."""
    machine_topics = list(Topic.objects.filter(seminar=seminar, is_manual=False).order_by("pk"))
    earlier = {topic.pk: set() for topic in machine_topics}
    for topic_id, point_id in TopicPoint.objects.filter(
        topic__in=machine_topics, source=TopicPoint.Source.MACHINE
    ).values_list("topic_id", "point_id"):
        earlier[topic_id].add(point_id)
    from .synthesis.topics import match_topics

    mapping = match_topics(
        [frozenset(earlier[topic.pk]) for topic in machine_topics],
        [frozenset(proposal.keys) for proposal in proposals],
    )
    TopicPoint.objects.filter(topic__seminar=seminar, source=TopicPoint.Source.MACHINE).delete()
    decided = _topics_with_decisions(seminar)
    by_proposal = {}
    for index, topic in enumerate(machine_topics):
        new = mapping.get(index)
        if new is None:
            if topic.pk not in decided:
                topic.delete()
            continue
        proposal = proposals[new]
        if not topic.is_renamed:
            topic.label = proposal.label
        topic.machine_label = proposal.label
        topic.words = proposal.words
        topic.save(update_fields=["label", "machine_label", "words"])
        by_proposal[new] = topic
    for index, proposal in enumerate(proposals):
        if index not in by_proposal:
            by_proposal[index] = Topic.objects.create(
                seminar=seminar,
                label=proposal.label,
                machine_label=proposal.label,
                words=proposal.words,
            )
    existing = set(Point.objects.filter(theme__seminar=seminar).values_list("pk", flat=True))
    rows = []
    for index, proposal in enumerate(proposals):
        order = list(dict.fromkeys([*proposal.quotes, *proposal.keys]))
        rows.extend(
            TopicPoint(
                topic=by_proposal[index], point_id=key, source=TopicPoint.Source.MACHINE, rank=rank
            )
            for rank, key in enumerate(order)
            if key in existing
        )
    TopicPoint.objects.bulk_create(rows)


def _topics_with_decisions(seminar):
    """Ids of the seminar's topics the organiser did something with."""
    topics = Topic.objects.filter(seminar=seminar)
    decided = set(
        topics.filter(
            Q(is_deleted=True) | Q(merged_into__isnull=False) | Q(is_manual=True)
        ).values_list("pk", flat=True)
    )
    decided |= {t.pk for t in topics.exclude(is_manual=True) if t.is_renamed}
    decided |= set(
        TopicPoint.objects.filter(topic__seminar=seminar)
        .exclude(source=TopicPoint.Source.MACHINE)
        .values_list("topic_id", flat=True)
    )
    decided |= set(topics.filter(merged__isnull=False).values_list("pk", flat=True))
    return decided


# --- The organiser's decisions -----------------------------------------------------------


def topic_rename(*, topic, label):
    label = label.strip()
    if not label:
        raise ValidationError(_("Skriv et navn på temaet."))
    topic.label = label[: Topic._meta.get_field("label").max_length]
    topic.save(update_fields=["label"])
    return topic


def topic_merge(*, topic, into):
    """`topic`'s points join `into`; the next run keeps them together."""
    if into.seminar_id != topic.seminar_id or into.pk == topic.pk:
        raise ValidationError(_("Velg et annet tema i samme seminar."))
    if _final(into) is None or _final(into).pk == topic.pk:
        raise ValidationError(
            _("Temaet kan ikke slås sammen med et slettet tema eller med seg selv.")
        )
    topic.merged_into = _final(into)
    topic.save(update_fields=["merged_into"])
    # Topics merged into this one earlier follow it.
    Topic.objects.filter(merged_into=topic).update(merged_into=topic.merged_into)
    return topic.merged_into


def topic_delete(*, topic):
    """Marked, not removed: the next run knows the organiser did not want it."""
    topic.is_deleted = True
    topic.save(update_fields=["is_deleted"])


def topic_split(*, topic, point_ids, label):
    """The chosen points leave `topic` for a new topic the organiser names."""
    members = set(topic_members(topic.seminar).get(topic.pk, {}))
    chosen = [pk for pk in point_ids if pk in members]
    if not chosen:
        raise ValidationError(_("Velg minst ett punkt som skal over i det nye temaet."))
    if len(chosen) == len(members):
        raise ValidationError(_("Noen punkter må bli igjen i temaet. Gi det heller nytt navn."))
    new = topic_create(seminar=topic.seminar, label=label)
    for point_id in chosen:
        point_untag(topic=topic, point_id=point_id)
        point_tag(topic=new, point_id=point_id)
    return new


def topic_create(*, seminar, label):
    label = label.strip()
    if not label:
        raise ValidationError(_("Skriv et navn på temaet."))
    return Topic.objects.create(seminar=seminar, label=label, is_manual=True)


def point_tag(*, topic, point_id):
    """Put a point in a topic by hand; it stays there whatever the machine says."""
    TopicPoint.objects.filter(
        topic=topic, point_id=point_id, source=TopicPoint.Source.REMOVED
    ).delete()
    TopicPoint.objects.get_or_create(
        topic=topic, point_id=point_id, source=TopicPoint.Source.TAGGED, defaults={"rank": 0}
    )


def point_untag(*, topic, point_id):
    """Take a point out of a topic by hand; the machine may not put it back."""
    TopicPoint.objects.filter(
        topic=topic, point_id=point_id, source=TopicPoint.Source.TAGGED
    ).delete()
    sources = [topic, *Topic.objects.filter(merged_into=topic)]
    for source in sources:
        if TopicPoint.objects.filter(
            topic=source, point_id=point_id, source=TopicPoint.Source.MACHINE
        ).exists():
            TopicPoint.objects.get_or_create(
                topic=source, point_id=point_id, source=TopicPoint.Source.REMOVED
            )


# --- Reading: each topic's points, as the organiser decided ------------------------------


def _final(topic, topics=None):
    """The topic `topic` ends up in after merges, or None when that one is deleted."""
    seen = set()
    while topic.merged_into_id and topic.pk not in seen:
        seen.add(topic.pk)
        topic = topics[topic.merged_into_id] if topics else topic.merged_into
    return None if topic.is_deleted else topic


def topic_members(seminar):
    """`{topic_id: {point_id: rank}}` for every topic that shows: the machine's points and
    the hand-tagged ones, less those taken out by hand, merged topics' points included."""
    topics = {topic.pk: topic for topic in Topic.objects.filter(seminar=seminar)}
    members, removed = {}, set()
    rows = TopicPoint.objects.filter(topic__seminar=seminar).values_list(
        "topic_id", "point_id", "source", "rank"
    )
    for topic_id, point_id, source, rank in rows:
        final = _final(topics[topic_id], topics)
        if final is None:
            continue
        if source == TopicPoint.Source.REMOVED:
            removed.add((final.pk, point_id))
            continue
        current = members.setdefault(final.pk, {})
        # Hand-tagged points come after the machine's best examples.
        rank = rank if source == TopicPoint.Source.MACHINE else 1_000_000 + point_id
        current[point_id] = min(rank, current.get(point_id, rank))
    for topic_id, point_id in removed:
        members.get(topic_id, {}).pop(point_id, None)
    return members


@dataclass
class Filters:
    """What the organiser narrows the topics to: a theme, a question, a place or room,
    a municipality represented in the group (its number)."""

    theme: int | None = None
    question: int | None = None
    place: str = ""
    municipality: str = ""

    @classmethod
    def from_query(cls, query):
        def number(name):
            value = query.get(name, "")
            return int(value) if value.isdigit() else None

        return cls(
            theme=number("tema"),
            question=number("sporsmal"),
            place=query.get("sted", "").strip(),
            municipality=query.get("kommune", "").strip(),
        )

    @property
    def is_set(self):
        return bool(self.theme or self.question or self.place or self.municipality)

    def apply(self, points):
        if self.theme:
            points = points.filter(theme__number=self.theme)
        if self.question:
            points = points.filter(question_id=self.question)
        if self.place:
            points = points.filter(group__place=self.place)
        if self.municipality:
            points = points.filter(group__municipalities__number=self.municipality)
        return points


@dataclass
class TopicSummary:
    topic: Topic
    points: list = field(default_factory=list)

    @property
    def groups(self):
        groups = {point.group_id: point.group for point in self.points}
        return sorted(groups.values(), key=lambda group: natural_key(group.name))

    @property
    def group_count(self):
        return len({point.group_id for point in self.points})

    @property
    def point_count(self):
        return len(self.points)

    @property
    def quotes(self):
        """The best examples, from different groups."""
        chosen, groups = [], set()
        for point in self.points:
            if point.group_id not in groups:
                chosen.append(point)
                groups.add(point.group_id)
            if len(chosen) == QUOTES:
                break
        return chosen


def topic_overview(seminar, filters=None):
    """`(summaries, without_topic)`: the topics that show, with their points under the
    filters, most groups first; and the points in no topic. Six queries."""
    filters = filters or Filters()
    points = filters.apply(
        Point.objects.visible()
        .filter(theme__seminar=seminar)
        .order_by("theme__number", "question__number", "group_id", "position", "pk")
    ).distinct()
    # The seminar's few groups, themes and questions once, shared by its points (issue
    # 11: a seminar of 1 600 points made 4 800 copies of them with select_related).
    groups = {group.pk: group for group in Group.objects.filter(seminar=seminar)}
    themes = {theme.pk: theme for theme in Theme.objects.filter(seminar=seminar)}
    questions = {q.pk: q for q in Question.objects.filter(theme__seminar=seminar)}
    shared = {}
    for point in points:
        point.group = groups[point.group_id]
        point.theme = themes[point.theme_id]
        point.question = questions.get(point.question_id)
        shared[point.pk] = point
    points = shared
    members = topic_members(seminar)
    summaries = []
    placed = set()
    for topic in Topic.objects.filter(pk__in=members):
        ranked = sorted((rank, pk) for pk, rank in members[topic.pk].items() if pk in points)
        if ranked:
            summaries.append(TopicSummary(topic, [points[pk] for _rank, pk in ranked]))
            placed.update(pk for _rank, pk in ranked)
    summaries.sort(key=lambda s: (-s.group_count, -s.point_count, s.topic.label.casefold()))
    without = [point for pk, point in points.items() if pk not in placed]
    return summaries, without


def latest_analysis(seminar):
    return seminar.analyses.first()
