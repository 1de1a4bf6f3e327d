"""Who may see and do what in development programmes.

NKR's administrators and advisers run programmes. A municipality's coordinator applies
and keeps the municipality's group, plan and attendance; municipal members read their own
municipality's work and comment on the plan. Leaders and board members read everything.
Partner contacts have no part in programmes.
"""

from samspill.accounts.models import Role


def _runs_programmes(user):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}


def _own_municipality(user, municipality_id):
    return user.is_municipal and user.municipality_id == municipality_id


def can_view_programmes(user):
    return user.is_nkr or user.is_municipal


def can_manage_programme(user, programme=None):
    """Edit the programme, its schedule and fees; assess applications; assign advisers."""
    return _runs_programmes(user)


def can_view_overview(user, programme=None):
    """The programme overview of every participating municipality, and the applications."""
    return user.is_nkr


def can_apply(user, programme, municipality):
    """A member municipality's coordinator applies; NKR staff may apply on its behalf."""
    if not municipality.is_member:
        return False
    if _runs_programmes(user):
        return True
    return user.role == Role.COORDINATOR and user.municipality_id == municipality.pk


def can_view_application(user, application):
    return user.is_nkr or _own_municipality(user, application.municipality_id)


def can_edit_application(user, application):
    """Drafts only: once submitted, the application is what NKR assesses."""
    return application.is_draft and can_apply(user, application.programme, application.municipality)


def can_assess(user, application=None):
    return _runs_programmes(user)


def can_view_participation(user, participation):
    return user.is_nkr or _own_municipality(user, participation.municipality_id)


def can_edit_participation(user, participation):
    """Group, plan, attendance and contract signatures of the municipality's part."""
    if _runs_programmes(user):
        return True
    return (
        participation.is_active
        and user.role == Role.COORDINATOR
        and user.municipality_id == participation.municipality_id
    )


def can_comment_plan(user, participation):
    """Advisers comment on plans; the municipal group discusses its own plan."""
    return _runs_programmes(user) or _own_municipality(user, participation.municipality_id)


def can_log_guidance(user, participation):
    return _runs_programmes(user)


def can_terminate(user, participation):
    return _runs_programmes(user) and participation.is_active


def can_view_fees(user, programme=None):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER, Role.LEADER}
