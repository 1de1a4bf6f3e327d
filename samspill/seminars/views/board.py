"""The live board of a dialogue seminar: one box per group for each theme, kept up to
date for every viewer within seconds; the groups' priorities and the plenary dot vote;
the projector's presentation view; and the organisers' moderation.

Who sees what: everyone who joined the seminar (the session remembers it) and NKR's
signed-in staff see the whole board. Anyone else gets 404, so that nobody learns which
seminars exist, except a signed-in person outside NKR, who gets 403. Only a group's own
members write in its box. Organisers (`permissions.can_organise`) moderate.

Live updates: the page holds a small poller that asks `board_updates` every two seconds
with the change marker of what it shows (`?siden=`). Nothing new answers 204 (htmx then
leaves the page alone); otherwise the answer is the new poller plus the boxes, swapped
out of band, so that a text being typed in the own group's forms is never touched.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..forms import (
    DotVoteForm,
    PointEditForm,
    PointForm,
    PointHideForm,
    PointMoveForm,
    PrioritiesForm,
)
from ..models import Group, Point, Seminar, Theme
from . import current_participant

#: How often an open board asks for changes; with the request itself, a new point shows
#: on every screen well within three seconds.
POLL_SECONDS = 2
PRESENTATION = "presentasjon"


# --- Access ---------------------------------------------------------------------------


def _deny(request):
    """Nobody without a session learns which seminars exist; a signed-in person
    outside NKR is told plainly that the board is not theirs."""
    if request.user.is_authenticated:
        raise PermissionDenied
    raise Http404


def _viewer(request, seminar):
    """The participant this browser joined `seminar` as, or None for NKR's staff;
    everyone else is turned away (`_deny`)."""
    participant = current_participant(request, seminar)
    if participant is None and not permissions.can_view_board(request, seminar):
        _deny(request)
    return participant


def _theme(slug, number):
    return get_object_or_404(
        Theme.objects.select_related("seminar"), seminar__slug=slug, number=number
    )


def _organised_seminar(request, slug):
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_organise(request.user, seminar))
    return seminar


def _board_url(theme, anchor=""):
    url = reverse("seminars:board", args=[theme.seminar.slug, theme.number])
    return f"{url}#{anchor}" if anchor else url


# --- The board ------------------------------------------------------------------------


def _viewing(request, theme, participant, *, presentation):
    """Who is looking, as the boxes are drawn for them: their own group (with forms),
    and whether hidden points and moderation links show (organisers on the board)."""
    own_group = participant.group if participant and not presentation else None
    is_organiser = permissions.can_organise(request.user, theme.seminar)
    return own_group, is_organiser, is_organiser and not presentation


def _board_context(request, theme, participant, *, at, presentation=False):
    seminar = theme.seminar
    own_group, is_organiser, include_hidden = _viewing(
        request, theme, participant, presentation=presentation
    )
    can_write = own_group is not None and not theme.is_closed and not seminar.is_locked
    # The versions before the points: a section drawn from newer points than its
    # version says is harmless, an older one would not be.
    versions = selectors.BoardState(theme, at).section_versions()
    questions, boxes = selectors.board_boxes(
        theme, own_group=own_group, include_hidden=include_hidden
    )
    drawing = _SectionDrawing(
        theme,
        own_group=own_group,
        include_hidden=include_hidden,
        can_write=can_write,
        context={"is_organiser": is_organiser, "presentation": presentation},
    )
    drawing.attach(boxes, versions)
    own_box = boxes[0] if boxes and boxes[0].is_own else None
    marker = selectors.board_marker(theme, at)
    poll_url = reverse("seminars:board_updates", args=[seminar.slug, theme.number])
    poll_url += f"?siden={marker}"
    if presentation:
        poll_url += f"&visning={PRESENTATION}"
    return {
        "seminar": seminar,
        "theme": theme,
        "questions": questions,
        "participant": participant,
        "own_group": own_group,
        "own_box": own_box,
        "other_boxes": boxes[1:] if own_box else boxes,
        "boxes": boxes,
        "is_organiser": is_organiser,
        "presentation": presentation,
        # What the page shows; the write views check the rules again on every POST.
        "can_write": can_write,
        "marker": marker,
        "poll_url": poll_url,
        "poll_seconds": POLL_SECONDS,
    }


@login_not_required
@require_GET
def board(request, slug, number):
    at = timezone.now()  # before reading: what is written meanwhile comes with the next poll
    theme = selectors.board_theme(slug, number)
    participant = _viewer(request, theme.seminar)
    context = _board_context(request, theme, participant, at=at)
    context["themes"] = list(theme.seminar.themes.all())
    return render(request, "seminars/board.html", context)


#: Rendered sections are shared by every browser that polls: a change is drawn once
#: per kind of viewer (and server process), not once per browser.
SECTION_CACHE_SECONDS = 10 * 60


class _SectionDrawing:
    """The point lists of a board's sections as one kind of viewer sees them, each drawn
    once per version and kept in the cache.

    A section's HTML depends on its points and priorities (its version, from
    `BoardState.section_versions`), the theme, the reader's language, whether it goes
    out of band, and the kind of viewer: the own group (with its links to edit, while
    it may write), organisers (hidden points and moderation links), everyone else. The
    same section for the same kind is the same HTML for every browser, so a board of
    800 points is drawn once, not for every organiser who opens it or poll that asks."""

    def __init__(self, theme, *, own_group, include_hidden, can_write, context):
        self.theme = theme
        self.own_group_id = own_group.pk if own_group is not None else None
        self.include_hidden = include_hidden
        self.can_write = can_write
        self.context = {"seminar": theme.seminar, "theme": theme, "can_write": can_write}
        self.context.update(context)
        self.language = translation.get_language()  # "Endre", "Pri 1" … are translated

    def key(self, pair, version, *, oob):
        group_id, question_id = pair
        if group_id == self.own_group_id:
            kind = f"own{int(self.can_write)}"
        else:
            kind = "organiser" if self.include_hidden else "everyone"
        return (
            f"seminars:section:{self.theme.pk}:{self.language}:{int(oob)}:{kind}:"
            f"{group_id}:{question_id or 0}:{version}"
        )

    def draw(self, box, section, key, *, oob):
        html = render_to_string(
            "seminars/board.html#point_list",
            {**self.context, "box": box, "section": section, "oob": oob},
        )
        cache.set(key, html, SECTION_CACHE_SECONDS)
        return html

    def attach(self, boxes, versions):
        """Give every section of `boxes` its HTML (`section.html`), for the whole board."""
        wanted = {}
        for box in boxes:
            for section in box.own_sections if box.is_own else box.all_sections:
                pair = (box.group.pk, section.question.pk if section.question else None)
                wanted[self.key(pair, versions.get(pair, "0"), oob=False)] = (box, section)
        found = cache.get_many(list(wanted))
        for key, (box, section) in wanted.items():
            html = found.get(key)
            # SafeString, from the template and through the cache (pickle keeps the type).
            section.html = html if html is not None else self.draw(box, section, key, oob=False)


def _changes(request, state, participant, *, since, presentation):
    """The answer to a poll when points or priorities changed: the new poller and the
    changed sections (group and question), swapped out of band.

    Each section comes from `_SectionDrawing`, so that a change is drawn once, not once
    for every browser that polls. A section without a question in another group's box
    may not be on the page yet, so that whole box goes (rare: such points come from
    imports and moderation)."""
    theme, at = state.theme, state.at
    own_group, is_organiser, include_hidden = _viewing(
        request, theme, participant, presentation=presentation
    )
    can_write = own_group is not None and not theme.is_closed and not theme.seminar.is_locked
    drawing = _SectionDrawing(
        theme,
        own_group=own_group,
        include_hidden=include_hidden,
        can_write=can_write,
        context={"is_organiser": is_organiser, "presentation": presentation, "oob": True},
    )
    pairs = state.touched_sections(since)
    versions = state.section_versions(pairs)
    keys = {pair: drawing.key(pair, versions[pair], oob=True) for pair in pairs}
    fragments = cache.get_many(keys.values())
    missing = {pair for pair, cache_key in keys.items() if cache_key not in fragments}
    whole_boxes = []
    if missing:
        _questions, boxes = selectors.board_boxes(
            theme,
            own_group=own_group,
            include_hidden=include_hidden,
            group_ids={group_id for group_id, _question in missing},
        )
        for box in boxes:
            wanted = {question_id or 0 for g, question_id in missing if g == box.group.pk}
            if not box.is_own and 0 in wanted and box.sections:
                whole_boxes.append(
                    render_to_string(
                        "seminars/board.html#box",
                        {**drawing.context, "box": box, "box_oob": True, "oob": False},
                    )
                )
                continue
            for section in box.own_sections if box.is_own else box.all_sections:
                if section.key in wanted:
                    pair = (box.group.pk, section.question.pk if section.question else None)
                    fragments[keys[pair]] = drawing.draw(box, section, keys[pair], oob=True)
    marker = selectors.board_marker(theme, at)
    poll_url = reverse("seminars:board_updates", args=[theme.seminar.slug, theme.number])
    poll_url += f"?siden={marker}"
    if presentation:
        poll_url += f"&visning={PRESENTATION}"
    return render(
        request,
        "seminars/board.html#changes",
        {
            "marker": marker,
            "poll_url": poll_url,
            "poll_seconds": POLL_SECONDS,
            "fragments": whole_boxes + [fragments[k] for k in keys.values() if k in fragments],
        },
    )


@login_not_required
@require_GET
@never_cache
def board_updates(request, slug, number):
    """What changed on the board since the poller's marker (`?siden=`).

    - 204 when nothing did (one query for the theme, its marker and the changes);
    - the page reloads (`HX-Refresh`) when the theme was closed or opened or the seminar
      locked, since the forms come or go;
    - the whole boxes region when groups came or went or an organiser moderated, or
      without a marker;
    - otherwise only the sections (group and question) with new, edited or hidden
      points or new priorities, swapped out of band, so that a large seminar sends
      a few lists, not every box, to every browser every two seconds.
    Every answer but 204 carries a new poller with a new marker.

    The board's state (`selectors.board_state`) is shared by the polls this process
    answers within a fraction of a second: a seminar of 300 polls 150 times a second."""
    marker = selectors.Marker.parse(request.GET.get("siden", ""))
    since = marker.at - selectors.BOARD_OVERLAP if marker else None
    state = selectors.board_state(slug, number)
    theme, at = state.theme, state.at
    participant = _viewer(request, theme.seminar)
    presentation = request.GET.get("visning") == PRESENTATION
    current = selectors.board_marker(theme, at)
    if marker and marker.flags != current.flags and not presentation and request.htmx:
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    if marker and marker.groups == current.groups and not state.moderated_since(since):
        if not state.changed_since(since):
            return HttpResponse(status=204)
        return _changes(request, state, participant, since=since, presentation=presentation)
    context = _board_context(request, theme, participant, at=at, presentation=presentation)
    context["oob"] = True
    template = "seminars/presentation.html" if presentation else "seminars/board.html"
    return render(request, f"{template}#updates", context)


@login_not_required
@require_GET
def presentation(request, slug, number):
    """For the projector: every group's box in large type, live, without forms."""
    at = timezone.now()
    theme = selectors.board_theme(slug, number)
    participant = _viewer(request, theme.seminar)
    context = _board_context(request, theme, participant, at=at, presentation=True)
    context["themes"] = list(theme.seminar.themes.all())
    return render(request, "seminars/presentation.html", context)


def _refuse_writing(theme):
    """Why the theme's board takes no new text, or None while it is open."""
    if theme.seminar.is_locked:
        return _("Seminaret er låst. Det går ikke an å skrive mer.")
    if theme.is_closed:
        return _("Dette dialogtemaet er stengt for skriving.")
    return None


def _own_section_response(request, theme, group, question, *, error="", status=""):
    """The own box's section for `question` after an htmx POST: the fresh list of the
    group's points and an empty form, with the focus back in it."""
    box, section = selectors.own_box_section(theme, group, question)
    return render(
        request,
        "seminars/board.html#own_section",
        {
            "seminar": theme.seminar,
            "theme": theme,
            "box": box,
            "section": section,
            "can_write": True,
            "error": error,
            "status": status,
            "focus": True,
        },
    )


@login_not_required
@require_POST
def point_create(request, slug, number):
    """A group member adds a point to the group's own box. Without JavaScript the form
    posts and comes back to the board (PRG); with htmx the own section is swapped."""
    theme = _theme(slug, number)
    seminar = theme.seminar
    participant = _viewer(request, seminar)
    group = get_object_or_404(Group, seminar=seminar, pk=request.POST.get("group") or 0)
    require(participant is not None)
    refusal = _refuse_writing(theme)
    if refusal:
        if request.htmx:
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            messages.error(request, refusal)
            return response
        messages.error(request, refusal)
        return redirect(_board_url(theme))
    require(permissions.can_write_in_group(request, seminar, group))
    form = PointForm(request.POST, theme=theme)
    question = None
    error = ""
    if form.is_valid():
        question = form.cleaned_data["question"]
        try:
            services.point_create(
                group=group,
                theme=theme,
                question=question,
                text=form.cleaned_data["text"],
                author=participant,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(message for errors in form.errors.values() for message in errors)
        question = theme.questions.filter(pk=request.POST.get("question") or 0).first()
    anchor = f"skriv-{question.pk if question else 0}"
    if request.htmx:
        return _own_section_response(
            request,
            theme,
            group,
            question,
            error=error,
            status="" if error else _("Punktet er lagt til."),
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Punktet er lagt til."))
    return redirect(_board_url(theme, anchor))


@login_not_required
@require_http_methods(["GET", "POST"])
def point_edit(request, slug, number, pk):
    """A group member corrects the text of one of the group's own points."""
    theme = _theme(slug, number)
    seminar = theme.seminar
    participant = _viewer(request, seminar)
    point = get_object_or_404(
        Point.objects.select_related("group", "question"), theme=theme, pk=pk, is_hidden=False
    )
    require(participant is not None)
    refusal = _refuse_writing(theme)
    if refusal:
        messages.error(request, refusal)
        return redirect(_board_url(theme))
    require(permissions.can_write_in_group(request, seminar, point.group))
    form = PointEditForm(request.POST or None, initial={"text": point.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.point_update(point=point, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc.messages)
        else:
            messages.success(request, _("Punktet er endret."))
            return redirect(_board_url(theme, f"punkt-{point.pk}"))
    return render(
        request,
        "seminars/board_point_edit.html",
        {"seminar": seminar, "theme": theme, "point": point, "form": form},
    )


# --- Priorities and the plenary dot vote ----------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def priorities(request, slug, number):
    """The group ranks 1–3 of its points for one of the theme's questions and submits
    them. Allowed while the theme is closed for writing, not once the seminar is locked."""
    theme = _theme(slug, number)
    seminar = theme.seminar
    participant = _viewer(request, seminar)
    if participant is None:  # NKR's staff read every group's priorities side by side
        return redirect("seminars:priority_overview", slug=seminar.slug)
    group = participant.group
    questions = list(theme.questions.all())
    question = next(
        (q for q in questions if str(q.number) == request.GET.get("sporsmal", "")),
        questions[0] if questions else None,
    )
    context = {
        "seminar": seminar,
        "theme": theme,
        "group": group,
        "questions": questions,
        "question": question,
    }
    if group is None or question is None:
        return render(request, "seminars/priorities.html", context)
    points = selectors.group_points_for_question(group, question)
    current = selectors.group_priorities(group, question)
    initial = {f"pri_{priority.rank}": str(priority.point_id) for priority in current}
    form = PrioritiesForm(request.POST or None, points=points, initial=initial)
    can_submit = not seminar.is_locked
    if request.method == "POST":
        require(permissions.can_write_in_group(request, seminar, group))
        if form.is_valid():
            try:
                services.priorities_submit(
                    group=group, question=question, point_ids_in_rank_order=form.ranked_ids()
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request,
                    _("Prioriteringene for spørsmål %(number)s er sendt inn.")
                    % {"number": question.number},
                )
                url = reverse("seminars:priorities", args=[seminar.slug, theme.number])
                return redirect(f"{url}?sporsmal={question.number}")
    context.update(
        points=points,
        current=current,
        submitted_at=max((p.submitted_at for p in current if p.submitted_at), default=None),
        form=form,
        can_submit=can_submit,
    )
    return render(request, "seminars/priorities.html", context)


def priority_overview(request, slug):
    """For organisers: per question, every group's priorities side by side."""
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_view_seminars(request.user))
    return render(
        request,
        "seminars/priority_overview.html",
        {"seminar": seminar, "overview": selectors.priority_overview(seminar)},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def dot_vote(request, slug, question):
    """The plenary vote across groups: each group gives `DOTS_PER_GROUP` dots to points
    that other groups prioritised. A member votes for their own group; an organiser may
    record the dots of any group (`?gruppe=`), as when a room votes by a show of hands."""
    seminar = get_object_or_404(Seminar, slug=slug)
    participant = _viewer(request, seminar)
    question = selectors.seminar_question(seminar, question)
    is_organiser = permissions.can_organise(request.user, seminar)
    groups = list(seminar.groups.all()) if is_organiser else []
    group = participant.group if participant else None
    if is_organiser and participant is None:
        chosen = request.POST.get("gruppe") or request.GET.get("gruppe")
        group = next((g for g in groups if str(g.pk) == chosen), None)
    candidates = selectors.dot_vote_candidates(question)
    results = candidates
    form = None
    if group is not None:
        others = [c for c in candidates if c.group_id != group.pk]
        form = DotVoteForm(
            request.POST or None,
            candidates=others,
            dots=services.DOTS_PER_GROUP,
            current=selectors.group_dots(group, question),
        )
        if request.method == "POST":
            if participant is not None:
                require(permissions.can_write_in_group(request, seminar, group))
            else:
                require(is_organiser)
            if form.is_valid():
                try:
                    services.dot_votes_submit(
                        group=group,
                        question=question,
                        dots_by_point_id=form.dots_by_point_id(),
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                else:
                    messages.success(
                        request, _("Prikkene til %(group)s er lagret.") % {"group": group.name}
                    )
                    url = reverse("seminars:dot_vote", args=[seminar.slug, question.pk])
                    if participant is None:
                        url += f"?gruppe={group.pk}"
                    return redirect(url)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "seminars/priorities_dot_vote.html",
        {
            "seminar": seminar,
            "theme": question.theme,
            "question": question,
            "group": group,
            "groups": groups,
            "is_organiser": is_organiser,
            "participant": participant,
            "results": results,
            "form": form,
            "dots": services.DOTS_PER_GROUP,
            "can_vote": form is not None and not seminar.is_locked,
        },
    )


# --- Moderation (organisers) ----------------------------------------------------------


def _moderated_point(request, slug, number, pk):
    theme = _theme(slug, number)
    require(permissions.can_organise(request.user, theme.seminar))
    point = get_object_or_404(
        Point.objects.select_related("group", "question", "theme__seminar"), theme=theme, pk=pk
    )
    return theme, point


@require_GET
def point_moderate(request, slug, number, pk):
    """Hide, show again or move one point, with the point's moderation log."""
    theme, point = _moderated_point(request, slug, number, pk)
    return _moderate_page(request, theme, point)


def _moderate_page(request, theme, point, *, hide_form=None, move_form=None, status=200):
    seminar = theme.seminar
    return render(
        request,
        "seminars/board_point_moderate.html",
        {
            "seminar": seminar,
            "theme": theme,
            "point": point,
            "log": point.moderation.select_related("actor"),
            "hide_form": hide_form or PointHideForm(),
            "move_form": move_form
            or PointMoveForm(
                seminar=seminar, initial={"group": point.group_id, "question": point.question_id}
            ),
        },
        status=status,
    )


@require_POST
def point_hide(request, slug, number, pk):
    theme, point = _moderated_point(request, slug, number, pk)
    form = PointHideForm(request.POST)
    if form.is_valid():
        try:
            services.point_hide(point=point, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as exc:
            form.add_error("reason", exc.messages)
        else:
            messages.success(request, _("Punktet er skjult fra tavla."))
            return redirect(_board_url(theme, f"punkt-{point.pk}"))
    return _moderate_page(request, theme, point, hide_form=form, status=400)


@require_POST
def point_show(request, slug, number, pk):
    theme, point = _moderated_point(request, slug, number, pk)
    try:
        services.point_show(point=point, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Punktet vises igjen på tavla."))
    return redirect(_board_url(theme, f"punkt-{point.pk}"))


@require_POST
def point_move(request, slug, number, pk):
    theme, point = _moderated_point(request, slug, number, pk)
    form = PointMoveForm(request.POST, seminar=theme.seminar)
    if form.is_valid():
        try:
            services.point_move(
                point=point,
                group=form.cleaned_data["group"],
                question=form.cleaned_data["question"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Punktet er flyttet til %(group)s.") % {"group": point.group.name},
            )
            return redirect(_board_url(point.theme, f"punkt-{point.pk}"))
    return _moderate_page(request, theme, point, move_form=form, status=400)


@require_POST
def theme_close(request, slug, number):
    """Close the theme for writing, or open it again."""
    theme = _theme(slug, number)
    require(permissions.can_organise(request.user, theme.seminar))
    services.theme_close(theme=theme, closed=not theme.is_closed)
    if theme.is_closed:
        messages.success(request, _("Dialogtemaet er stengt for skriving."))
    else:
        messages.success(request, _("Dialogtemaet er åpnet for skriving igjen."))
    return redirect(_board_url(theme))


@require_POST
def seminar_lock(request, slug):
    """Lock the seminar when it is over (or unlock it); back to where the button was."""
    seminar = _organised_seminar(request, slug)
    services.seminar_lock(seminar=seminar, locked=not seminar.is_locked)
    if seminar.is_locked:
        messages.success(request, _("Seminaret er låst. Ingen kan skrive mer."))
    else:
        messages.success(request, _("Seminaret er låst opp igjen."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect(seminar.get_absolute_url())


urlpatterns = [
    path("<slug:slug>/tavle/<int:number>/", board, name="board"),
    path("<slug:slug>/tavle/<int:number>/oppdateringer/", board_updates, name="board_updates"),
    path("<slug:slug>/tavle/<int:number>/punkter/", point_create, name="point_create"),
    path("<slug:slug>/tavle/<int:number>/punkter/<int:pk>/", point_edit, name="point_edit"),
    path(
        "<slug:slug>/tavle/<int:number>/punkter/<int:pk>/moderer/",
        point_moderate,
        name="point_moderate",
    ),
    path("<slug:slug>/tavle/<int:number>/punkter/<int:pk>/skjul/", point_hide, name="point_hide"),
    path("<slug:slug>/tavle/<int:number>/punkter/<int:pk>/vis/", point_show, name="point_show"),
    path("<slug:slug>/tavle/<int:number>/punkter/<int:pk>/flytt/", point_move, name="point_move"),
    path("<slug:slug>/tavle/<int:number>/steng/", theme_close, name="theme_close"),
    path("<slug:slug>/tavle/<int:number>/prioriteringer/", priorities, name="priorities"),
    path("<slug:slug>/prioriteringer/", priority_overview, name="priority_overview"),
    path("<slug:slug>/prikkstemmer/<int:question>/", dot_vote, name="dot_vote"),
    path("<slug:slug>/visning/<int:number>/", presentation, name="presentation"),
    path("<slug:slug>/laas/", seminar_lock, name="seminar_lock"),
]
