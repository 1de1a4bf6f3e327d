"""What each user may see, kind by kind: one place that both the search and the API
read from, built on each area's own permissions.

Every function takes the user and returns a queryset of the records the user may open
(`.none()` when the area is closed to them). The boolean checks come from the areas'
permissions.py; the row-level scoping mirrors the areas' list views (a coordinator sees
their own municipality's records, a partner contact their own organisation's).
"""

from samspill.agreements import permissions as agreement_permissions
from samspill.agreements.models import Agreement, Meeting, Party
from samspill.agreements.models import Decision as MeetingDecision
from samspill.grants import permissions as grant_permissions
from samspill.grants.models import Call, GrantApplication, Nomination, Scheme
from samspill.members.models import Municipality, Person
from samspill.programmes import permissions as programme_permissions
from samspill.programmes.models import Participation, Programme
from samspill.seminars import permissions as seminar_permissions
from samspill.seminars.models import Point, Seminar
from samspill.statistics import permissions as statistics_permissions
from samspill.statistics.models import AnnualStatistics
from samspill.strategy import permissions as strategy_permissions
from samspill.strategy.models import Decision, Measure, Plan


def municipalities(user):
    """The register's public facts: everyone signed in."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.select_related("county")


def people(user):
    """As members.permissions.can_view_person."""
    qs = Person.objects.select_related("municipality", "organisation")
    if not user.is_authenticated:
        return qs.none()
    if user.is_nkr:
        return qs
    if user.is_municipal and user.municipality_id:
        return qs.filter(municipality_id=user.municipality_id)
    if user.organisation_id and user.role == "partner_contact":
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()


def programmes(user):
    if not user.is_authenticated or not programme_permissions.can_view_programmes(user):
        return Programme.objects.none()
    qs = Programme.objects.all()
    return qs if user.is_nkr else qs.filter(is_published=True)


def participations(user):
    """As programmes.permissions.can_view_participation: NKR, or the own municipality."""
    qs = Participation.objects.select_related("programme", "municipality")
    if not user.is_authenticated or not programme_permissions.can_view_programmes(user):
        return qs.none()
    if user.is_nkr:
        return qs
    return qs.filter(municipality_id=user.municipality_id)


def seminars(user):
    if not seminar_permissions.can_view_seminars(user):
        return Seminar.objects.none()
    return Seminar.objects.all()


def points(user):
    """Points of seminars the user organises or reads; hidden points only to organisers."""
    if not seminar_permissions.can_view_seminars(user):
        return Point.objects.none()
    qs = Point.objects.select_related("theme__seminar", "group", "question")
    return qs if seminar_permissions.can_organise(user) else qs.visible()


def agreements(user):
    if not user.is_authenticated or not agreement_permissions.can_view_agreements(user):
        return Agreement.objects.none()
    if user.is_nkr:
        return Agreement.objects.all()
    return Agreement.objects.filter(
        pk__in=Party.objects.filter(organisation_id=user.organisation_id).values("agreement_id")
    )


def meetings(user):
    return Meeting.objects.select_related("agreement").filter(agreement__in=agreements(user))


def meeting_decisions(user):
    """Decisions in the minutes of an agreement's meetings."""
    visible = agreements(user)
    return MeetingDecision.objects.select_related("meeting__agreement").filter(
        meeting__agreement__in=visible
    )


def decisions(user):
    """Landsting and board decisions (strategy)."""
    if not strategy_permissions.can_view_strategy(user):
        return Decision.objects.none()
    return Decision.objects.all()


def plans(user):
    if not strategy_permissions.can_view_strategy(user):
        return Plan.objects.none()
    return Plan.objects.all()


def measures(user):
    if not strategy_permissions.can_view_strategy(user):
        return Measure.objects.none()
    return Measure.objects.select_related("goal__area__plan")


def statistics(user):
    if not user.is_authenticated or not statistics_permissions.can_view_statistics(user):
        return AnnualStatistics.objects.none()
    return AnnualStatistics.objects.select_related("municipality", "arts_school")


def schemes(user):
    if not user.is_authenticated or not grant_permissions.can_view_grants(user):
        return Scheme.objects.none()
    return Scheme.objects.all()


def calls(user):
    if not user.is_authenticated or not grant_permissions.can_view_grants(user):
        return Call.objects.none()
    return Call.objects.select_related("scheme")


def nominations(user):
    """Staff who read all nominations, or the municipality's own users. Jury members
    reach theirs through the reviewer's list, not the search; anonymised nominations and
    conflicts of interest are never found."""
    qs = Nomination.objects.select_related("call", "municipality").filter(
        anonymised_at__isnull=True
    )
    if not user.is_authenticated:
        return qs.none()
    if grant_permissions.reads_all(user):
        return qs.exclude(conflicts__reviewer=user)
    if user.is_municipal and user.municipality_id:
        return qs.filter(municipality_id=user.municipality_id).exclude(conflicts__reviewer=user)
    return qs.none()


def grant_applications(user):
    qs = GrantApplication.objects.select_related("call", "municipality")
    if not user.is_authenticated:
        return qs.none()
    if grant_permissions.reads_all(user):
        return qs
    if user.is_municipal and user.municipality_id:
        return qs.filter(municipality_id=user.municipality_id)
    return qs.none()
