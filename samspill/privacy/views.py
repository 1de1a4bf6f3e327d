"""The privacy page ("Personvern") and the administrator's tools for a person's data:
see what is stored, export it (JSON, PDF), anonymise or delete the person."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samspill.core import documents
from samspill.core.audit import record_export
from samspill.core.permissions import require
from samspill.members.models import Person

from . import permissions, services

User = get_user_model()
SEARCH_LIMIT = 25


def privacy(request):
    """What is stored and why, for everyone; the administrator also finds people."""
    can_manage = permissions.can_manage_personal_data(request.user)
    query = request.GET.get("q", "").strip()[:100] if can_manage else ""
    people, users = [], []
    if query:
        people = list(
            Person.objects.filter(
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )[:SEARCH_LIMIT]
        )
        users = list(
            User.objects.filter(person__isnull=True).filter(
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )[:SEARCH_LIMIT]
        )
    return render(
        request,
        "privacy/privacy.html",
        {"can_manage": can_manage, "query": query, "people": people, "users": users},
    )


def _subject(request, kind, pk):
    require(permissions.can_manage_personal_data(request.user))
    if kind == "person":
        return {"person": get_object_or_404(Person, pk=pk)}
    return {"user": get_object_or_404(User, pk=pk)}


def subject_detail(request, kind, pk):
    collected = services.collect(**_subject(request, kind, pk))
    return render(
        request,
        "privacy/subject_detail.html",
        {"collected": collected, "kind": kind, "pk": pk},
    )


def subject_export_json(request, kind, pk):
    collected = services.collect(**_subject(request, kind, pk))
    record_export(request, _("Personopplysninger om %(name)s (JSON)") % {"name": collected.name})
    content = json.dumps(services.export_data(collected), ensure_ascii=False, indent=2)
    return documents.download(
        content.encode(),
        content_type="application/json; charset=utf-8",
        name=documents.filename("personopplysninger", collected.name, extension="json"),
    )


def subject_export_pdf(request, kind, pk):
    collected = services.collect(**_subject(request, kind, pk))
    record_export(request, _("Personopplysninger om %(name)s (PDF)") % {"name": collected.name})
    pdf = documents.render_pdf(
        "privacy/export_pdf.html",
        {
            "title": _("Personopplysninger om %(name)s") % {"name": collected.name},
            "collected": collected,
            "exported": timezone.localtime(),
        },
        request=request,
    )
    return documents.download(
        pdf,
        content_type=documents.PDF,
        name=documents.filename("personopplysninger", collected.name, extension="pdf"),
    )


@require_POST
def subject_anonymise(request, kind, pk):
    subject = _subject(request, kind, pk)
    collected = services.subject_anonymise(**subject)
    messages.success(
        request,
        _("Personopplysningene er anonymisert. %(count)s poster er beholdt.")
        % {"count": sum(r.count for r in collected.must_stay)},
    )
    return redirect("privacy:subject_detail", kind=kind, pk=pk)


@require_POST
def subject_delete(request, kind, pk):
    subject = _subject(request, kind, pk)
    try:
        services.subject_delete(**subject)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("privacy:subject_detail", kind=kind, pk=pk)
    messages.success(request, _("Personen er slettet."))
    return redirect("privacy:privacy")
