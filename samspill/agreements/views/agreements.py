"""The agreement: the overview of all agreements with their problems, the agreement's page
with its compliance at a glance, the agreement form, parties and steering group, and the
agreement document (DOCX and PDF)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core import documents
from samspill.core.concurrency import save_or_show_errors
from samspill.core.permissions import require

from .. import agreement_document, permissions, selectors, services
from ..forms import AgreementForm, BaseDocumentFormSet, PartyForm, SteeringMemberForm
from . import agreement_or_403


def agreement_list(request):
    require(permissions.can_view_agreements(request.user))
    today = timezone.localdate()
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "rows": selectors.agreement_overview(request.user, today),
            "today": today,
            "can_manage": permissions.can_manage_agreements(request.user),
        },
    )


def agreement_detail(request, slug):
    agreement = selectors.agreement_by_slug(slug)
    require(permissions.can_view_agreement(request.user, agreement))
    today = timezone.localdate()
    meetings = list(agreement.meetings.all())
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "today": today,
            "compliance": selectors.assess(agreement, today),
            "parties": agreement.parties.all(),
            "steering_group": agreement.steering_group.all(),
            "base_documents": agreement.base_documents.all(),
            "renewals": agreement.renewals.all(),
            "upcoming": [m for m in meetings if timezone.localdate(m.starts_at) >= today],
            "past": [m for m in reversed(meetings) if timezone.localdate(m.starts_at) < today],
            "projects": agreement.projects.all(),
            "milestones": agreement.milestones.all(),
            "can_manage": permissions.can_manage_agreements(request.user, agreement),
        },
    )


@require_http_methods(["GET", "POST"])
def agreement_edit(request, slug=None):
    require(permissions.can_manage_agreements(request.user))
    agreement = selectors.agreement_light(slug) if slug else None
    title = agreement.title if agreement else ""
    form = AgreementForm(request.POST or None, instance=agreement)
    initial = (
        [{"title": d.title, "url": d.url} for d in agreement.base_documents.all()]
        if agreement
        else []
    )
    base_documents = BaseDocumentFormSet(request.POST or None, initial=initial, prefix="dokumenter")
    if request.method == "POST" and form.is_valid() and base_documents.is_valid():
        pairs = [
            (row["title"], row["url"])
            for row in base_documents.cleaned_data
            if row and row.get("title", "").strip()
        ]
        saved = save_or_show_errors(
            form,
            lambda: services.agreement_save(
                agreement=form.save(commit=False), base_documents=pairs
            ),
        )
        if saved:
            messages.success(request, _("Avtalen er lagret."))
            return redirect(saved)
    if agreement:
        heading = _("Endre %(title)s") % {"title": title}
        crumbs = [(_("Endre"), request.path)]
        cancel_url = agreement.get_absolute_url()
    else:
        heading = _("Ny samarbeidsavtale")
        crumbs = [(heading, request.path)]
        cancel_url = reverse("agreements:agreement_list")
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "formset": base_documents,
            "formset_legend": _("Felles grunnlagsdokumenter"),
            "formset_help": _("Dokumentene avtalen bygger på, med lenke der den finnes."),
            "agreement": agreement,
            "heading": heading,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
        },
    )


@require_http_methods(["GET", "POST"])
def party_edit(request, slug, pk=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    party = get_object_or_404(agreement.parties.all(), pk=pk) if pk else None
    initial = {}
    if party:
        initial = {
            "organisation": party.organisation_id,
            "sort_order": party.sort_order,
            "signatory_name": party.signatory_name,
            "signatory_title": party.signatory_title,
            "signed_on": party.signed_on,
            "contact_person": party.contact_person_id,
            "contact_appointed_on": party.contact_appointed_on,
        }
    else:
        initial = {"sort_order": len(agreement.parties.all())}
    form = PartyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.party_save(agreement=agreement, party=party, **form.cleaned_data),
        )
        if saved:
            messages.success(request, _("Parten er lagret."))
            return redirect(agreement.get_absolute_url() + "#parter")
    heading = _("Endre part: %(name)s") % {"name": party.organisation} if party else _("Ny part")
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _(
                "Hver part oppnevner en kontaktperson innen første halvår, som er ansvarlig "
                "for faglig og praktisk tilrettelegging av samarbeidet."
            ),
            "crumbs": [(heading, request.path)],
            "cancel_url": agreement.get_absolute_url() + "#parter",
        },
    )


@require_http_methods(["GET", "POST"])
def steering_member_edit(request, slug, pk=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    member = get_object_or_404(agreement.steering_group.all(), pk=pk) if pk else None
    initial = {}
    if member:
        initial = {
            "party": member.party_id,
            "person": member.person_id,
            "role": member.role,
            "delegated_to": member.delegated_to_id,
            "delegation_note": member.delegation_note,
        }
    form = SteeringMemberForm(
        request.POST or None,
        initial=initial,
        agreement=agreement,
        people=selectors.people_of_parties(agreement),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.steering_member_save(
                agreement=agreement, member=member, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Styringsgruppen er oppdatert."))
            return redirect(agreement.get_absolute_url() + "#styringsgruppe")
    heading = (
        _("Endre medlem av styringsgruppen") if member else _("Nytt medlem av styringsgruppen")
    )
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _(
                "Styringsgruppen består av direktørene. De kan delegere ansvaret for "
                "beslutninger til andre i sin organisasjon i de aktuelle prosjektene."
            ),
            "crumbs": [(heading, request.path)],
            "cancel_url": agreement.get_absolute_url() + "#styringsgruppe",
        },
    )


def _document_name(agreement, extension):
    return documents.filename(_("Samarbeidsavtale"), agreement.slug, extension=extension)


def agreement_docx(request, slug):
    agreement = selectors.agreement_by_slug(slug)
    require(permissions.can_view_agreement(request.user, agreement))
    content = agreement_document.agreement_docx(agreement=agreement)
    return documents.download(
        content, content_type=documents.DOCX, name=_document_name(agreement, "docx")
    )


def agreement_pdf(request, slug):
    agreement = selectors.agreement_by_slug(slug)
    require(permissions.can_view_agreement(request.user, agreement))
    content = agreement_document.agreement_pdf(agreement=agreement, request=request)
    return documents.download(
        content, content_type=documents.PDF, name=_document_name(agreement, "pdf")
    )


urlpatterns = [
    path("", agreement_list, name="agreement_list"),
    path("ny/", agreement_edit, name="agreement_create"),
    path("<slug:slug>/", agreement_detail, name="agreement_detail"),
    path("<slug:slug>/rediger/", agreement_edit, name="agreement_edit"),
    path("<slug:slug>/parter/ny/", party_edit, name="party_create"),
    path("<slug:slug>/parter/<int:pk>/", party_edit, name="party_edit"),
    path("<slug:slug>/styringsgruppe/ny/", steering_member_edit, name="steering_member_create"),
    path("<slug:slug>/styringsgruppe/<int:pk>/", steering_member_edit, name="steering_member_edit"),
    path("<slug:slug>/avtale.docx", agreement_docx, name="agreement_docx"),
    path("<slug:slug>/avtale.pdf", agreement_pdf, name="agreement_pdf"),
]
