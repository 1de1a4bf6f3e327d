"""Who may see and do what in strategy, decisions and reports.

Leaders (the director, the leadership group, the leaders of the competence communities),
advisers and administrators keep the plans, cases, follow-up and the publication plan and
generate the reports; board members read everything, the dashboards and the reports.
Municipal coordinators and members and partner contacts have no part in NKR's internal
strategy work (SPEC.md: they see their own municipality's or agreement's records only),
and the pages that link back from a seminar, a programme or a project show them nothing
of it.
"""

from samspill.accounts.models import Role


def can_view_strategy(user):
    return user.is_authenticated and user.is_nkr


def can_manage_strategy(user):
    return user.is_authenticated and (
        user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER, Role.LEADER}
    )
