"""Nominations for a stipend: the arts-school leader's draft with work samples, sending it
with the eligibility check, the list and the page of a nomination, and the letters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.audit import record_export
from samspill.core.documents import (
    CSV,
    DOCX,
    PDF,
    XLSX,
    csv_bytes,
    download,
    filename,
    render_pdf,
    xlsx_bytes,
)
from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..forms import NominationForm
from ..letters import letter_docx
from ..models import NominationStatus, WorkSample


def nomination_list(request, slug):
    call = selectors.call_by_slug(slug)
    user = request.user
    if permissions.reads_all(user):
        nominations = selectors.nominations_for(call).exclude(conflicts__reviewer=user)
        status = request.GET.get("status", "")
        if status in NominationStatus.values:
            nominations = nominations.filter(status=status)
        category = request.GET.get("kategori", "")
        if category.isdigit():
            nominations = nominations.filter(category_id=int(category))
    elif user.is_municipal:
        nominations = selectors.nominations_for(call, municipality=user.municipality)
        status = category = ""
    else:
        raise Http404
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        # Names of young people: an export of personal data, so it is in the audit trail.
        record_export(request, _("Nominasjoner til %(call)s") % {"call": call.title}, obj=call)
        return _export(call, nominations, export)
    return render(
        request,
        "grants/nomination_list.html",
        {
            "call": call,
            "nominations": nominations,
            "statuses": NominationStatus.choices,
            "status": status,
            "category": category,
            "reads_all": permissions.reads_all(user),
        },
    )


def _export(call, nominations, extension):
    header = [
        _("Fornavn"),
        _("Etternavn"),
        _("Kategori"),
        _("Kommune"),
        _("Fylke"),
        _("Alder"),
        _("Status"),
        _("Sendt inn"),
    ]
    rows = [
        [
            n.first_name,
            n.last_name,
            n.category.name,
            n.municipality.name,
            n.municipality.county.name,
            n.age_at_reference or "",
            n.get_status_display(),
            timezone.localtime(n.submitted_at).strftime("%d.%m.%Y %H:%M") if n.submitted_at else "",
        ]
        for n in nominations.select_related("municipality__county")
    ]
    name = filename(call.title, _("nominasjoner"), extension=extension)
    if extension == "csv":
        return download(csv_bytes(header, rows), content_type=CSV, name=name)
    return download(xlsx_bytes(header, rows, title=_("Nominasjoner")), content_type=XLSX, name=name)


def _form_initial(nomination):
    if nomination is None:
        return {}
    return {
        name: getattr(nomination, name if name != "category" else "category_id")
        for name in services.NOMINATION_FIELDS
    }


@require_http_methods(["GET", "POST"])
def nomination_edit(request, slug, pk=None):
    """Write a nomination as a draft, add work samples, and send it when it is eligible."""
    call = selectors.call_by_slug(slug)
    user = request.user
    if not call.scheme.is_stipend or not user.is_municipal:
        raise Http404
    municipality = user.municipality
    nomination = None
    if pk is not None:
        nomination = selectors.nomination_detail(pk)
        if nomination.call_id != call.pk:
            raise Http404
        require(permissions.can_view_nomination(user, nomination))
        if not nomination.is_draft:
            messages.info(request, _("Nominasjonen er sendt inn og kan ikke endres lenger."))
            return redirect(nomination)
        require(permissions.can_edit_nomination(user, nomination))
    else:
        require(permissions.can_nominate(user, call, municipality))
    today = timezone.localdate()
    if not call.is_open(today):
        return render(
            request,
            "grants/unavailable.html",
            {"call": call, "reason": _("Utlysningen er ikke åpen for nominasjoner nå.")},
        )
    form = NominationForm(
        request.POST or None,
        request.FILES or None,
        initial=_form_initial(nomination),
        scheme=call.scheme,
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "work_sample"}
        upload = form.cleaned_data.get("work_sample")
        # The draft and its new work sample together or not at all: a full disk while
        # the file is written must not leave a new draft without the file it came with.
        with transaction.atomic():
            nomination = services.nomination_save(
                call=call, municipality=municipality, user=user, nomination=nomination, **data
            )
            if upload:
                services.work_sample_add(nomination=nomination, upload=upload)
        if "send" not in request.POST:
            messages.success(request, _("Utkastet er lagret. Du kan fortsette senere."))
            return redirect("grants:nomination_edit", slug=call.slug, pk=nomination.pk)
        try:
            services.nomination_submit(nomination=nomination, user=user, today=today)
        except ValidationError as error:
            problems = error.messages
            form = NominationForm(initial=_form_initial(nomination), scheme=call.scheme)
        else:
            messages.success(
                request,
                _("Nominasjonen er sendt inn. En kvittering er sendt på e-post."),
            )
            return redirect(nomination)
    return render(
        request,
        "grants/nomination_form.html",
        {
            "call": call,
            "form": form,
            "nomination": nomination,
            "municipality": municipality,
            "problems": problems,
            "samples": nomination.work_samples.all() if nomination else [],
            "categories": call.scheme.categories.all(),
        },
        status=422 if problems else 200,
    )


@require_POST
def work_sample_remove(request, pk, sample_pk):
    nomination = selectors.nomination_detail(pk)
    require(permissions.can_edit_nomination(request.user, nomination))
    sample = get_object_or_404(WorkSample, nomination=nomination, pk=sample_pk)
    services.work_sample_remove(sample=sample)
    messages.success(request, _("Filen er fjernet."))
    return redirect("grants:nomination_edit", slug=nomination.call.slug, pk=nomination.pk)


def work_sample_download(request, pk, sample_pk):
    nomination = selectors.nomination_detail(pk)
    require(permissions.can_view_personal_data(request.user, nomination))
    sample = get_object_or_404(WorkSample, nomination=nomination, pk=sample_pk)
    return FileResponse(
        sample.file.open("rb"),
        as_attachment=True,
        filename=sample.original_name,
        content_type=sample.content_type,
    )


def nomination_detail(request, pk):
    nomination = selectors.nomination_detail(pk)
    user = request.user
    if permissions.has_conflict(user, nomination):
        return render(
            request,
            "grants/unavailable.html",
            {
                "call": nomination.call,
                "reason": _("Du har meldt deg inhabil for denne nominasjonen og kan ikke se den."),
            },
            status=403,
        )
    require(permissions.can_view_nomination(user, nomination))
    review_rounds = selectors.reviewer_rounds_for(user, nomination)
    return render(
        request,
        "grants/nomination_detail.html",
        {
            "call": nomination.call,
            "nomination": nomination,
            "can_edit": permissions.can_edit_nomination(user, nomination),
            "review_rounds": review_rounds,
            "reads_all": permissions.reads_all(user),
            "can_view_letter": permissions.can_view_letter(user, nomination),
            "status_visible": permissions.reads_all(user) or nomination.call.is_finalised,
        },
    )


def letter(request, pk, extension):
    if extension not in {"docx", "pdf"}:
        raise Http404
    nomination = selectors.nomination_detail(pk)
    require(permissions.can_view_letter(request.user, nomination))
    if nomination.status not in {NominationStatus.AWARDED, NominationStatus.NOT_AWARDED}:
        raise Http404
    title, paragraphs = services.letter_content(nomination)
    name = filename(title, nomination.nominee_name, extension=extension)
    if extension == "pdf":
        content = render_pdf(
            "grants/letter_pdf.html",
            {"title": title, "paragraphs": paragraphs, "nomination": nomination},
            request=request,
        )
        return download(content, content_type=PDF, name=name)
    return download(letter_docx(title, paragraphs, nomination), content_type=DOCX, name=name)


urlpatterns = [
    path("utlysning/<slug:slug>/nominasjoner/", nomination_list, name="nomination_list"),
    path("utlysning/<slug:slug>/nominer/", nomination_edit, name="nomination_create"),
    path("utlysning/<slug:slug>/nominer/<int:pk>/", nomination_edit, name="nomination_edit"),
    path("nominasjon/<int:pk>/", nomination_detail, name="nomination_detail"),
    path(
        "nominasjon/<int:pk>/fil/<int:sample_pk>/",
        work_sample_download,
        name="work_sample_download",
    ),
    path(
        "nominasjon/<int:pk>/fil/<int:sample_pk>/fjern/",
        work_sample_remove,
        name="work_sample_remove",
    ),
    path(
        "nominasjon/<int:pk>/brev.<str:extension>",
        letter,
        name="letter",
    ),
]
