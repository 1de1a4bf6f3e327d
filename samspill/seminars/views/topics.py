"""The synthesis of a seminar: the topics the groups raised, proposed by the machine and
decided by the organiser, and the summary to send the same day.

NKR's staff read the topics; organisers start the analysis and rename, merge, split and
delete topics and tag points by hand. The analysis runs in the task worker; the page
shows its progress and fills in when it is done."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.core import documents
from samspill.core.permissions import require

from .. import permissions, summary, topics
from ..models import Group, Point, Seminar, Topic
from ..selectors import natural_key


def _seminar(request, slug):
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_view_seminars(request.user))
    return seminar


def _filter_choices(seminar):
    """What the filters offer: themes and their questions, places, municipalities."""
    themes = list(seminar.themes.prefetch_related("questions"))
    groups = Group.objects.filter(seminar=seminar).prefetch_related("municipalities")
    places = sorted({group.place for group in groups if group.place}, key=natural_key)
    municipalities = sorted(
        {m for group in groups for m in group.municipalities.all()}, key=lambda m: m.name
    )
    return {"themes": themes, "places": places, "municipalities": municipalities}


@require_http_methods(["GET", "POST"])
def topic_list(request, slug):
    seminar = _seminar(request, slug)
    can_organise = permissions.can_organise(request.user, seminar)
    if request.method == "POST":
        require(can_organise)
        topics.analysis_request(seminar=seminar, actor=request.user)
        messages.success(request, _("Analysen er startet. Siden fylles ut når den er ferdig."))
        return redirect("seminars:topic_list", slug=seminar.slug)
    filters = topics.Filters.from_query(request.GET)
    summaries, without = topics.topic_overview(seminar, filters)
    most = max((s.group_count for s in summaries), default=0)
    return render(
        request,
        "seminars/topic_list.html",
        {
            "seminar": seminar,
            "summaries": summaries,
            "without": without,
            "most_groups": most,
            "filters": filters,
            "analysis": topics.latest_analysis(seminar),
            "can_organise": can_organise,
            "group_total": seminar.groups.count(),
            **_filter_choices(seminar),
        },
    )


@require_GET
def topic_progress(request, slug):
    """The analysis's progress bar, polled by htmx while the analysis runs."""
    seminar = _seminar(request, slug)
    analysis = topics.latest_analysis(seminar)
    if analysis is None or not analysis.is_active:
        # Done: the whole page is drawn again, with the topics.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "seminars/topic_list.html#progress",
        {"seminar": seminar, "analysis": analysis},
    )


def _summary(seminar, pk):
    summaries, _without = topics.topic_overview(seminar)
    for item in summaries:
        if item.topic.pk == pk:
            return item, summaries
    topic = get_object_or_404(Topic, seminar=seminar, pk=pk)
    if topic.is_deleted or topic.merged_into_id:
        return None, summaries
    return topics.TopicSummary(topic), summaries


@require_GET
def topic_detail(request, slug, pk):
    seminar = _seminar(request, slug)
    item, summaries = _summary(seminar, pk)
    if item is None:
        topic = get_object_or_404(Topic, seminar=seminar, pk=pk)
        if topic.merged_into_id:
            messages.info(request, _("Temaet er slått sammen med et annet."))
            return redirect("seminars:topic_detail", slug=seminar.slug, pk=topic.merged_into_id)
        raise Http404
    return render(
        request,
        "seminars/topic_detail.html",
        {
            "seminar": seminar,
            "item": item,
            "others": [s.topic for s in summaries if s.topic.pk != pk],
            "can_organise": permissions.can_organise(request.user, seminar),
        },
    )


@require_POST
def topic_change(request, slug, pk):
    """One of the organiser's decisions on a topic, named by `handling`."""
    seminar = _seminar(request, slug)
    require(permissions.can_organise(request.user, seminar))
    topic = get_object_or_404(Topic, seminar=seminar, pk=pk, is_deleted=False)
    action = request.POST.get("handling")
    back = reverse("seminars:topic_detail", args=[seminar.slug, topic.pk])
    try:
        if action == "navn":
            topics.topic_rename(topic=topic, label=request.POST.get("navn", ""))
            messages.success(request, _("Temaet har fått nytt navn."))
        elif action == "slå-sammen":
            into = get_object_or_404(Topic, seminar=seminar, pk=_number(request, "med"))
            target = topics.topic_merge(topic=topic, into=into)
            messages.success(request, _("Temaene er slått sammen."))
            back = reverse("seminars:topic_detail", args=[seminar.slug, target.pk])
        elif action == "slett":
            topics.topic_delete(topic=topic)
            messages.success(request, _("Temaet er slettet. Punktene er ikke slettet."))
            back = reverse("seminars:topic_list", args=[seminar.slug])
        elif action == "del":
            chosen = [int(v) for v in request.POST.getlist("punkt") if v.isdigit()]
            new = topics.topic_split(
                topic=topic, point_ids=chosen, label=request.POST.get("navn", "")
            )
            messages.success(request, _("Punktene er flyttet til det nye temaet."))
            back = reverse("seminars:topic_detail", args=[seminar.slug, new.pk])
        elif action == "ta-ut":
            topics.point_untag(topic=topic, point_id=_number(request, "punkt"))
            messages.success(request, _("Punktet er tatt ut av temaet."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


def _number(request, name):
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


@require_POST
def point_tag(request, slug):
    """Tag a point into a topic by hand, or into a new topic the organiser names."""
    seminar = _seminar(request, slug)
    require(permissions.can_organise(request.user, seminar))
    point = get_object_or_404(Point, theme__seminar=seminar, pk=_number(request, "punkt"))
    chosen = request.POST.get("tema", "")
    try:
        if chosen.isdigit():
            topic = get_object_or_404(Topic, seminar=seminar, pk=int(chosen), is_deleted=False)
        else:
            topic = topics.topic_create(seminar=seminar, label=request.POST.get("nytt_navn", ""))
        topics.point_tag(topic=topic, point_id=point.pk)
        messages.success(request, _("Punktet er lagt til i «%(topic)s».") % {"topic": topic})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(request.POST.get("neste") or reverse("seminars:topic_untagged", args=[slug]))


@require_GET
def topic_untagged(request, slug):
    """The points in no topic, for the organiser to tag."""
    seminar = _seminar(request, slug)
    summaries, without = topics.topic_overview(seminar)
    return render(
        request,
        "seminars/topic_untagged.html",
        {
            "seminar": seminar,
            "points": without,
            "topics": [s.topic for s in summaries],
            "can_organise": permissions.can_organise(request.user, seminar),
        },
    )


@require_GET
def topic_summary(request, slug, extension):
    """The summary to send to the board and the partners: DOCX or PDF."""
    seminar = _seminar(request, slug)
    if extension not in {"docx", "pdf"}:
        raise Http404
    content = summary.summary_document(seminar, extension, request=request)
    name = documents.filename(_("Sammendrag"), seminar.slug, extension=extension)
    content_type = documents.DOCX if extension == "docx" else documents.PDF
    return documents.download(content, content_type=content_type, name=name)


urlpatterns = [
    path("<slug:slug>/temaer/", topic_list, name="topic_list"),
    path("<slug:slug>/temaer/framdrift/", topic_progress, name="topic_progress"),
    path("<slug:slug>/temaer/uten-tema/", topic_untagged, name="topic_untagged"),
    path("<slug:slug>/temaer/merk/", point_tag, name="point_tag"),
    path("<slug:slug>/temaer/sammendrag.<str:extension>", topic_summary, name="topic_summary"),
    path("<slug:slug>/temaer/<int:pk>/", topic_detail, name="topic_detail"),
    path("<slug:slug>/temaer/<int:pk>/endre/", topic_change, name="topic_change"),
]
