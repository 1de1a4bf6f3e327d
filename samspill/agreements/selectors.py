"""Reads for cooperation agreements, with the related rows fetched up front: the overview
of every agreement with its compliance takes the same number of queries for one agreement
as for fifty."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from . import compliance
from .models import (
    ActionItem,
    Agreement,
    Meeting,
    Milestone,
    Party,
    Project,
    ProjectMember,
    ProjectReport,
    SteeringGroupMember,
)


def _parties():
    return Prefetch(
        "parties", queryset=Party.objects.select_related("organisation", "contact_person")
    )


def agreements_with_records(queryset=None):
    """Agreements with every row the compliance checks read."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    return queryset.select_related("predecessor").prefetch_related(
        _parties(),
        Prefetch(
            "steering_group",
            queryset=SteeringGroupMember.objects.select_related("person", "delegated_to", "party"),
        ),
        Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at", "pk")),
        Prefetch(
            "meetings__action_items",
            queryset=ActionItem.objects.select_related("owner").order_by("due_on", "pk"),
        ),
        Prefetch(
            "milestones",
            queryset=Milestone.objects.select_related("owner").order_by("year", "due_on", "pk"),
        ),
        Prefetch("projects", queryset=Project.objects.select_related("lead")),
        Prefetch("projects__reports", queryset=ProjectReport.objects.order_by("year")),
    )


def assess(agreement, today):
    """The compliance of an agreement fetched by `agreements_with_records`."""
    meetings = list(agreement.meetings.all())
    projects = list(agreement.projects.all())
    return compliance.assess(
        agreement,
        parties=list(agreement.parties.all()),
        steering_members=list(agreement.steering_group.all()),
        meetings=meetings,
        action_items=[item for meeting in meetings for item in meeting.action_items.all()],
        milestones=list(agreement.milestones.all()),
        projects=projects,
        reports=[report for project in projects for report in project.reports.all()],
        today=today,
    )


@dataclass
class OverviewRow:
    agreement: Agreement
    compliance: compliance.Compliance

    @property
    def problems(self):
        return self.compliance.problems


def agreement_overview(user, today):
    """Every agreement the user may see with its problems; those with most problems first,
    then the newest."""
    agreements = agreements_with_records(Agreement.objects.for_user(user))
    rows = [OverviewRow(agreement, assess(agreement, today)) for agreement in agreements]
    rows.sort(key=lambda row: (-len(row.problems), -row.agreement.period_start.toordinal()))
    return rows


def agreement_by_slug(slug):
    """One agreement with its records and its base documents and renewals."""
    queryset = agreements_with_records().prefetch_related("base_documents", "renewals")
    return get_object_or_404(queryset, slug=slug)


def agreement_light(slug):
    """The agreement with its parties only: enough for permissions and breadcrumbs."""
    return get_object_or_404(Agreement.objects.prefetch_related(_parties()), slug=slug)


def meeting_detail(agreement, pk):
    meeting = get_object_or_404(
        Meeting.objects.filter(agreement=agreement)
        .select_related("minutes_by")
        .prefetch_related(
            "agenda_items",
            "decisions",
            "attendances__person",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
            "comments__author",
        ),
        pk=pk,
    )
    meeting.agreement = agreement
    return meeting


def project_detail(agreement, pk):
    project = get_object_or_404(
        Project.objects.filter(agreement=agreement)
        .select_related("lead")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ProjectMember.objects.select_related("person__organisation"),
            ),
            "municipalities",
            "reports",
            "milestones",
        ),
        pk=pk,
    )
    project.agreement = agreement
    return project


def people_of_parties(agreement):
    """People of the party organisations, for choosing owners, members and attendees."""
    from samspill.members.models import Person

    organisation_ids = [party.organisation_id for party in agreement.parties.all()]
    return (
        Person.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )


def municipality_projects(municipality):
    """Projects under agreements that involve the municipality, for its page."""
    return (
        Project.objects.filter(municipalities=municipality)
        .select_related("agreement", "lead")
        .order_by("-agreement__period_start", "title")
    )
