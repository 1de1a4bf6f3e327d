"""Search across the areas, with Norwegian stemming, never beyond what the user may see.

Each `Source` names a kind of record, the scope that limits it to what the user may open
(samspill.search.scopes), the text fields searched and how a hit is shown. The search
runs over each source's scoped queryset, so a record the user may not see is never
found, counted or shown.

PostgreSQL: full-text search with the built-in `norwegian` configuration (Snowball
stemming and stopwords), ranked by SearchRank with the title weighted highest; the
large kinds (points, nominations) are matched through GIN indexes on the same
expression (migrations seminars 0004, grants 0002). A kind that has only its title to
search (points) is not ranked: its hits come in the order they were written.

SQLite (the embedded default): each word of the query is lemmatised with simplemma
(bokmål and nynorsk) and cut to a stem by stripping common inflection endings; a record
matches when every word matches one of its fields in one of its forms (icontains), and
hits in the title come first.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import simplemma
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import scopes

#: Results shown per kind; the page says how many there were in all.
LIMIT_PER_KIND = 20
MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+", re.UNICODE)
#: Inflection endings stripped for the SQLite fallback (longest first), bokmål and nynorsk.
ENDINGS = ("ene", "ane", "ene", "heten", "heita", "ert", "er", "ar", "en", "et", "a", "e")
#: Words too common to narrow a search (the fallback; PostgreSQL has its own list).
STOPWORDS = {
    "og", "i", "på", "til", "av", "for", "med", "som", "er", "en", "et", "ei", "det",
    "den", "de", "om", "å", "at", "eller", "fra", "frå", "ikke", "ikkje", "har", "kan",
}  # fmt: skip


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    scope: Callable
    title_field: str
    fields: tuple
    title: Callable
    url: Callable
    detail: Callable = lambda obj: ""
    snippet_field: str = ""


def _point_url(point):
    return reverse(
        "seminars:board", kwargs={"slug": point.theme.seminar.slug, "number": point.theme.number}
    )


SOURCES = (
    Source(
        "municipalities",
        _("Kommuner"),
        scopes.municipalities,
        "name",
        ("name", "official_name", "parallel_names", "number", "administrative_centre"),
        lambda m: f"{m.name} ({m.number})",
        lambda m: m.get_absolute_url(),
        lambda m: m.county.name,
    ),
    Source(
        "people",
        _("Personer"),
        scopes.people,
        "last_name",
        ("first_name", "last_name", "email", "positions__title"),
        str,
        lambda p: p.get_absolute_url(),
        lambda p: str(p.municipality or p.organisation or ""),
    ),
    Source(
        "programmes",
        _("Utviklingsprogram"),
        scopes.programmes,
        "name",
        ("name", "subtitle", "introduction", "purpose", "target_group", "goals"),
        lambda p: p.name,
        lambda p: p.get_absolute_url(),
        lambda p: p.subtitle,
        "purpose",
    ),
    Source(
        "seminars",
        _("Dialogseminarer"),
        scopes.seminars,
        "title",
        ("title", "places", "themes__title", "themes__introduction"),
        lambda s: s.title,
        lambda s: s.get_absolute_url(),
    ),
    Source(
        "points",
        _("Punkter fra dialogseminarer"),
        scopes.points,
        "text",
        ("text",),
        lambda p: Truncator(p.text).chars(140),
        _point_url,
        lambda p: f"{p.theme.seminar.title} · {p.theme} · {p.group.name}",
    ),
    Source(
        "agreements",
        _("Samarbeidsavtaler"),
        scopes.agreements,
        "title",
        ("title", "purpose", "background", "collaboration_areas", "planned_projects"),
        lambda a: a.title,
        lambda a: a.get_absolute_url(),
        snippet_field="purpose",
    ),
    Source(
        "decisions",
        _("Vedtak"),
        scopes.decisions,
        "title",
        ("title", "case_number", "text", "note", "report_heading"),
        lambda d: d.heading,
        lambda d: d.get_absolute_url(),
        lambda d: d.get_kind_display(),
        "text",
    ),
    Source(
        "meeting_decisions",
        _("Vedtak i styringsgruppemøter"),
        scopes.meeting_decisions,
        "text",
        ("text",),
        lambda d: Truncator(d.text).chars(140),
        lambda d: d.meeting.get_absolute_url(),
        lambda d: f"{d.meeting.agreement.title} · {d.meeting.title}",
    ),
    Source(
        "measures",
        _("Tiltak"),
        scopes.measures,
        "text",
        ("text", "grant_criterion", "goal__text"),
        lambda m: Truncator(m.text).chars(140),
        lambda m: m.get_absolute_url(),
        lambda m: m.goal.area.plan.title,
    ),
    Source(
        "statistics",
        _("Statistikk"),
        scopes.statistics,
        "municipality__name",
        ("municipality__name", "municipality__number", "arts_school__name", "source_note"),
        lambda s: f"{s.municipality.name} – {s.school_year_label}",
        lambda s: s.get_absolute_url(),
        lambda s: s.get_source_display(),
    ),
    Source(
        "calls",
        _("Tilskudd og stipend"),
        scopes.calls,
        "title",
        ("title", "text", "scheme__name", "scheme__description", "scheme__eligibility"),
        lambda c: c.title,
        lambda c: c.get_absolute_url(),
        lambda c: c.scheme.name,
        "text",
    ),
    Source(
        "nominations",
        _("Nominasjoner"),
        scopes.nominations,
        "last_name",
        ("first_name", "last_name", "motivation", "dream"),
        lambda n: n.nominee_name,
        lambda n: n.get_absolute_url(),
        lambda n: f"{n.call.title} · {n.municipality.name}",
    ),
    Source(
        "grant_applications",
        _("Søknader om tilskudd"),
        scopes.grant_applications,
        "project_title",
        ("project_title", "description", "partners"),
        lambda a: a.project_title,
        lambda a: a.get_absolute_url(),
        lambda a: f"{a.call.title} · {a.municipality.name}",
        "description",
    ),
)
SOURCES_BY_KIND = {source.kind: source for source in SOURCES}


@dataclass
class Hit:
    title: str
    url: str
    detail: str
    snippet: str


@dataclass
class Group:
    kind: str
    label: str
    hits: list
    total: int


def uses_postgres():
    return connection.vendor == "postgresql"


def clean_query(text):
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def words(text):
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS]


def warm_up():
    """Load simplemma's Norwegian word lists now (0.6 s) where search uses them (SQLite),
    so that a worker's first search does not pay for it: called when a worker starts."""
    if not uses_postgres():
        forms("kulturskolen")


def forms(word):
    """The forms a word is looked for in (SQLite): itself, its lemma and its stem."""
    found = {word}
    lemma = simplemma.lemmatize(word, lang=("nb", "nn")).lower()
    found.add(lemma)
    for candidate in (word, lemma):
        for ending in ENDINGS:
            if candidate.endswith(ending) and len(candidate) - len(ending) >= 4:
                found.add(candidate[: -len(ending)])
                break
    # A form that contains another form finds nothing more: `%kulturskole%` matches
    # wherever `%kulturskolen%` would. Fewer LIKEs make the scan of a large table cheaper.
    found = {f for f in found if f and not any(o != f and o in f for o in found)}
    # SQLite's case folding is ASCII only: «Ålesund» needs its capital too.
    return found | {
        variant for f in found if not f.isascii() for variant in (f.capitalize(), f.upper())
    }


def _matches_postgres(queryset, source, query):
    search_query = SearchQuery(query, config="norwegian", search_type="websearch")
    vector = SearchVector(source.title_field, weight="A", config="norwegian")
    others = [f for f in source.fields if f != source.title_field]
    if others:
        vector = vector + SearchVector(*others, weight="B", config="norwegian")
    # A vector over related rows (a person's positions) repeats the record once per
    # related row: match in a subquery, rank the records by their title.
    ids = queryset.annotate(search_vector=vector).filter(search_vector=search_query).values("pk")
    if not others:
        # A kind with only its title to search (seminar points, tens of thousands): a
        # rank would compute every hit's vector again (40 ms for 3 700 hits). Its hits
        # come in the order they were written, as on SQLite, where every hit of such a
        # kind is a hit in its title.
        return queryset.filter(pk__in=ids).order_by("pk")
    title_vector = SearchVector(source.title_field, weight="A", config="norwegian")
    return (
        queryset.filter(pk__in=ids)
        .annotate(search_rank=SearchRank(title_vector, search_query))
        .order_by("-search_rank", "pk")
    )


def _matches_fallback(queryset, source, query):
    terms = words(query)
    if not terms:
        return queryset.none()
    condition = Q()
    title_condition = Q()
    for term in terms:
        any_field = Q()
        in_title = Q()
        for form in forms(term):
            in_title |= Q(**{f"{source.title_field}__icontains": form})
            for field in source.fields:
                any_field |= Q(**{f"{field}__icontains": form})
        condition &= any_field
        title_condition &= in_title
    ids = queryset.filter(condition).values("pk")
    return (
        queryset.filter(pk__in=ids)
        .annotate(
            search_rank=Case(
                When(title_condition, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-search_rank", "pk")
    )


def matches(source, user, query):
    """The records of one kind the user may see that match the query, best first."""
    queryset = source.scope(user)
    query = clean_query(query)
    if not query:
        return queryset.none()
    if uses_postgres():
        return _matches_postgres(queryset, source, query)
    return _matches_fallback(queryset, source, query)


def _hit(source, obj):
    snippet = getattr(obj, source.snippet_field, "") if source.snippet_field else ""
    return Hit(
        title=source.title(obj),
        url=source.url(obj),
        detail=source.detail(obj),
        snippet=Truncator(snippet or "").chars(220),
    )


def search(user, query, *, kinds=None, limit=LIMIT_PER_KIND):
    """Groups of hits, one per kind with any hit, in the order of SOURCES."""
    groups = []
    for source in SOURCES:
        if kinds and source.kind not in kinds:
            continue
        found = matches(source, user, query)
        # One pass over the table for the count and the order (a seminar's points run
        # to tens of thousands), then the shown records by their keys.
        ranked = list(found.values_list("pk", flat=True))
        if ranked:
            shown = ranked[:limit]
            objects = source.scope(user).in_bulk(shown)
            hits = [_hit(source, objects[pk]) for pk in shown if pk in objects]
            groups.append(Group(source.kind, source.label, hits, len(ranked)))
    return groups
