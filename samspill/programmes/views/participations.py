"""One municipality's part of a programme: the participation page, the contract and its
documents, the municipal group, the adviser and termination."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core import documents
from samspill.core.concurrency import add_errors, save_or_show_errors
from samspill.core.permissions import require

from .. import contract_document, permissions, selectors, services
from ..forms import AdviserForm, ContractForm, GroupMemberForm, TerminationForm
from . import participation_or_403


def participation_detail(request, slug, number):
    participation = participation_or_403(request, slug, number)
    programme = participation.programme
    user = request.user
    members = list(participation.group_members.all())
    plan = getattr(participation, "plan", None)
    attendance = selectors.attendance_rate(participation, selectors.counted_events(programme))
    own_municipality = user.is_municipal and user.municipality_id == participation.municipality_id
    context = {
        "participation": participation,
        "programme": programme,
        "municipality": participation.municipality,
        "contract": participation.contract,
        "members": members,
        "group_problems": services.group_problems(members),
        "plan": plan,
        "progress": selectors.plan_progress(plan),
        "guidance_sessions": participation.guidance_sessions.all(),
        "attendance_percent": None if attendance is None else round(attendance * 100),
        "instalments": participation.instalments.all(),
        "history": participation.history.select_related("actor"),
        "show_fees": permissions.can_view_fees(user, programme) or own_municipality,
        "can_edit": permissions.can_edit_participation(user, participation),
        "can_assign_adviser": permissions.can_manage_programme(user, programme),
        "can_terminate": permissions.can_terminate(user, participation),
        "can_log_guidance": permissions.can_log_guidance(user, participation),
    }
    return render(request, "programmes/participation_detail.html", context)


# --- Contract -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contract_edit(request, slug, number):
    participation = participation_or_403(request, slug, number)
    require(permissions.can_edit_participation(request.user, participation))
    contract = participation.contract
    fields = [name for name in ContractForm.base_fields if name not in ("signed_copy", "version")]
    form = ContractForm(
        request.POST or None,
        request.FILES or None,
        initial={name: getattr(contract, name) for name in [*fields, "version"]},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields}
        upload = form.cleaned_data["signed_copy"]
        if upload:
            upload.name = documents.filename(
                "kontrakt", participation.municipality.name, "signert", extension="pdf"
            )
            data["signed_copy"] = upload
        saved = save_or_show_errors(
            form,
            lambda: services.contract_update(
                contract=contract, actor=request.user, version=form.cleaned_data["version"], **data
            ),
            theirs=lambda current: {name: getattr(current, name) for name in fields},
        )
        if saved:
            messages.success(request, _("Kontrakten er lagret."))
            return redirect(participation)
    return render(
        request,
        "programmes/contract_form.html",
        {"form": form, "participation": participation, "contract": contract},
    )


def contract_docx(request, slug, number):
    participation = participation_or_403(request, slug, number)
    content, name = contract_document.contract_docx(participation)
    return documents.download(content, content_type=documents.DOCX, name=name)


def contract_pdf(request, slug, number):
    participation = participation_or_403(request, slug, number)
    content, name = contract_document.contract_pdf(participation, request=request)
    return documents.download(content, content_type=documents.PDF, name=name)


def contract_signed_copy(request, slug, number):
    """The uploaded signed copy, served through the view: media is not public."""
    participation = participation_or_403(request, slug, number)
    signed_copy = participation.contract.signed_copy
    if not signed_copy:
        raise Http404
    try:
        handle = signed_copy.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = documents.filename(
        "kontrakt", participation.municipality.name, "signert", extension="pdf"
    )
    return FileResponse(handle, content_type=documents.PDF, filename=name)


# --- Municipal group ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def group_member_edit(request, slug, number, pk=None):
    participation = participation_or_403(request, slug, number)
    require(permissions.can_edit_participation(request.user, participation))
    member = None
    initial = {}
    if pk is not None:
        member = get_object_or_404(participation.group_members.select_related("person"), pk=pk)
        initial = {
            "person": member.person,
            "position": member.position,
            "organisation": member.organisation,
            "is_coordinator": member.is_coordinator,
            "represents_school_owner": member.represents_school_owner,
        }
    form = GroupMemberForm(
        request.POST or None, initial=initial, participation=participation, member=member
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_person = None
        if data["person"] is None:
            new_person = {
                name: data[name] for name in ("first_name", "last_name", "email", "phone")
            }
        try:
            services.group_member_change(
                participation=participation,
                actor=request.user,
                member=member,
                person=data["person"],
                new_person=new_person,
                position=data["position"],
                organisation=data["organisation"],
                is_coordinator=data["is_coordinator"],
                represents_school_owner=data["represents_school_owner"],
            )
        except ValidationError as error:
            add_errors(form, error)
        except IntegrityError:
            form.add_error(
                None,
                _(
                    "Endringen kunne ikke lagres fordi noen andre endret gruppen samtidig. "
                    "Prøv igjen."
                ),
            )
        else:
            messages.success(request, _("Kommunegruppen er oppdatert."))
            return redirect(f"{participation.get_absolute_url()}#kommunegruppe")
    return render(
        request,
        "programmes/group_member_form.html",
        {"form": form, "participation": participation, "member": member},
    )


@require_POST
def group_member_delete(request, slug, number, pk):
    participation = participation_or_403(request, slug, number)
    require(permissions.can_edit_participation(request.user, participation))
    member = get_object_or_404(participation.group_members.select_related("person"), pk=pk)
    services.group_member_remove(member=member, actor=request.user)
    messages.success(request, _("%(name)s er tatt ut av kommunegruppen.") % {"name": member.person})
    return redirect(f"{participation.get_absolute_url()}#kommunegruppe")


# --- Adviser and termination ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def participation_adviser(request, slug, number):
    participation = participation_or_403(request, slug, number)
    require(permissions.can_manage_programme(request.user, participation.programme))
    form = AdviserForm(request.POST or None, initial={"adviser": participation.adviser})
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_assign_adviser(
                participation=participation,
                adviser=form.cleaned_data["adviser"],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Veilederen er lagret."))
            return redirect(participation)
    return render(
        request,
        "programmes/participation_adviser.html",
        {"form": form, "participation": participation},
    )


@require_http_methods(["GET", "POST"])
def participation_terminate(request, slug, number):
    participation = participation_or_403(request, slug, number)
    require(permissions.can_terminate(request.user, participation))
    form = TerminationForm(request.POST or None, initial={"terminated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_terminate(
                participation=participation,
                reason=form.cleaned_data["reason"],
                terminated_on=form.cleaned_data["terminated_on"],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Deltakelsen er avsluttet."))
            return redirect(participation)
    return render(
        request,
        "programmes/participation_terminate.html",
        {"form": form, "participation": participation},
    )


_P = "<slug:slug>/kommuner/<str:number>/"

urlpatterns = [
    path(_P, participation_detail, name="participation_detail"),
    path(f"{_P}kontrakt/", contract_edit, name="contract_edit"),
    path(f"{_P}kontrakt.docx", contract_docx, name="contract_docx"),
    path(f"{_P}kontrakt.pdf", contract_pdf, name="contract_pdf"),
    path(f"{_P}kontrakt/signert/", contract_signed_copy, name="contract_signed_copy"),
    path(f"{_P}gruppe/ny/", group_member_edit, name="group_member_create"),
    path(f"{_P}gruppe/<int:pk>/", group_member_edit, name="group_member_edit"),
    path(f"{_P}gruppe/<int:pk>/fjern/", group_member_delete, name="group_member_delete"),
    path(f"{_P}veileder/", participation_adviser, name="participation_adviser"),
    path(f"{_P}avslutt/", participation_terminate, name="participation_terminate"),
]
