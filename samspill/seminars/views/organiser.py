"""Set-up by organisers: seminars, their themes and questions, copying, the QR code."""

import io

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.permissions import require

from .. import permissions, services
from ..forms import (
    DEFAULT_GROUP_ORGANISATION,
    DEFAULT_INSTRUCTIONS,
    QuestionFormSet,
    SeminarForm,
    ThemeForm,
)
from ..models import Participant, Seminar, Theme


def join_url(seminar):
    """The absolute address a participant opens to join (the link and the QR code)."""
    return settings.SITE_URL.rstrip("/") + reverse("seminars:join_code", args=[seminar.join_code])


def code_for_display(code):
    """ "ABCDEFGH" → "ABCD EFGH": easier to read off a projector and to type."""
    return f"{code[:4]} {code[4:]}"


def seminar_list(request):
    require(permissions.can_view_seminars(request.user))
    today = timezone.localdate()
    seminars = Seminar.objects.annotate(
        last_day=Coalesce("ends_on", "starts_on"),
        group_count=Count("groups", distinct=True),
        participant_count=Count("participants", distinct=True),
    )
    return render(
        request,
        "seminars/seminar_list.html",
        {
            "upcoming": seminars.filter(last_day__gte=today).order_by("starts_on", "title"),
            "past": seminars.filter(last_day__lt=today).order_by("-starts_on", "title"),
            "can_organise": permissions.can_organise(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def seminar_edit(request, slug=None):
    seminar = get_object_or_404(Seminar, slug=slug) if slug else None
    require(permissions.can_organise(request.user, seminar))
    initial = {} if seminar else {"organisers": [request.user.pk]}
    form = SeminarForm(request.POST or None, instance=seminar, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            field: form.cleaned_data[field]
            for field in ("title", "slug", "starts_on", "ends_on", "places", "organisers")
        }
        try:
            if seminar is None:
                seminar = services.seminar_create(**data, actor=request.user)
                messages.success(request, _("Seminaret er opprettet."))
            else:
                seminar = services.seminar_update(seminar=seminar, **data)
                messages.success(request, _("Seminaret er lagret."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(seminar)
    if seminar is not None and form.errors:
        seminar.refresh_from_db()  # the page's headings keep the saved title and slug
    return render(
        request,
        "seminars/seminar_form.html",
        {
            "form": form,
            "seminar": seminar,
            "cancel_url": seminar.get_absolute_url()
            if seminar
            else reverse("seminars:seminar_list"),
        },
    )


def seminar_detail(request, slug):
    require(permissions.can_view_seminars(request.user))
    seminar = get_object_or_404(Seminar.objects.prefetch_related("organisers", "copies"), slug=slug)
    themes = seminar.themes.prefetch_related("questions")
    groups = seminar.groups.prefetch_related(
        "municipalities",
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("municipality").order_by("joined_at"),
        ),
    )
    return render(
        request,
        "seminars/seminar_detail.html",
        {
            "seminar": seminar,
            "themes": themes,
            "groups": groups,
            "without_group": seminar.participants.filter(group__isnull=True).count(),
            "join_url": join_url(seminar),
            "code": code_for_display(seminar.join_code),
            "can_organise": permissions.can_organise(request.user, seminar),
        },
    )


@require_POST
def seminar_copy(request, slug):
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_organise(request.user, seminar))
    copy = services.seminar_copy(seminar=seminar, actor=request.user)
    messages.success(
        request,
        _("Kopien er laget med ny deltakerkode. Sett tittel og dato for det nye seminaret."),
    )
    return redirect("seminars:seminar_edit", slug=copy.slug)


def seminar_qr(request, slug):
    """An SVG QR code of the join link, for the projector."""
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_view_seminars(request.user))
    buffer = io.BytesIO()
    segno.make(join_url(seminar), error="m").save(
        buffer,
        kind="svg",
        scale=10,
        border=2,
        xmldecl=False,
        title=_("QR-kode for å bli med i %(title)s") % {"title": seminar.title},
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def theme_edit(request, slug, number=None):
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_organise(request.user, seminar))
    if number is None:
        theme = Theme(seminar=seminar)
        previous = seminar.themes.order_by("-number").first()
        initial = {
            "number": previous.number + 1 if previous else 1,
            "instructions": previous.instructions if previous else DEFAULT_INSTRUCTIONS,
            "group_organisation": previous.group_organisation
            if previous
            else DEFAULT_GROUP_ORGANISATION,
        }
    else:
        theme = get_object_or_404(Theme, seminar=seminar, number=number)
        initial = {}
    form = ThemeForm(request.POST or None, instance=theme, initial=initial, seminar=seminar)
    questions = _question_formset(request, theme)
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        with transaction.atomic():
            theme = form.save()
            questions.instance = theme
            questions.save()
        messages.success(request, _("Dialogtemaet er lagret."))
        return redirect(f"{seminar.get_absolute_url()}#tema-{theme.number}")
    return render(
        request,
        "seminars/theme_form.html",
        {
            "seminar": seminar,
            "theme": theme if theme.pk else None,
            "form": form,
            "questions": questions,
        },
    )


def _question_formset(request, theme):
    """The theme's questions, and three empty rows numbered after the last one."""
    last = max((q.number for q in theme.questions.all()), default=0) if theme.pk else 0
    extra = QuestionFormSet.extra
    return QuestionFormSet(
        request.POST or None,
        instance=theme,
        prefix="sporsmal",
        initial=[{"number": last + i} for i in range(1, extra + 1)],
    )


urlpatterns = [
    path("", seminar_list, name="seminar_list"),
    path("ny/", seminar_edit, name="seminar_create"),
    path("<slug:slug>/", seminar_detail, name="seminar_detail"),
    path("<slug:slug>/rediger/", seminar_edit, name="seminar_edit"),
    path("<slug:slug>/kopier/", seminar_copy, name="seminar_copy"),
    path("<slug:slug>/qr.svg", seminar_qr, name="seminar_qr"),
    path("<slug:slug>/tema/ny/", theme_edit, name="theme_create"),
    path("<slug:slug>/tema/<int:number>/", theme_edit, name="theme_edit"),
]
