"""Who may see and do what with grants and stipends.

NKR's administrators and advisers run the schemes: calls, juries, rounds, awards and
decisions. Leaders read everything. Board members see the schemes, the statistics and the
published recipients, not the nominees' personal data. A member municipality's
coordinator (the arts-school leader's login) nominates and applies for their own
municipality; municipal members read their own municipality's nominations and
applications. Jury members see only the nominations of the rounds and juries they sit on,
and never one they declared a conflict of interest for. Partner contacts see the schemes.
"""

from samspill.accounts.models import Role


def runs_grants(user):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}


def reads_all(user):
    """Staff who read every nomination and application (with personal data)."""
    return runs_grants(user) or user.role == Role.LEADER


def _own_municipality(user, municipality_id):
    return user.is_municipal and user.municipality_id == municipality_id


def can_view_grants(user):
    return user.is_authenticated


def can_manage_call(user, call=None):
    return runs_grants(user)


def can_view_statistics(user):
    return user.is_nkr


def can_nominate(user, call, municipality):
    """A member municipality's coordinator nominates while the call is open."""
    return (
        call.scheme.is_stipend
        and municipality.is_member
        and user.role == Role.COORDINATOR
        and user.municipality_id == municipality.pk
    )


def can_apply(user, call, municipality):
    return (
        not call.scheme.is_stipend
        and municipality.is_member
        and user.role == Role.COORDINATOR
        and user.municipality_id == municipality.pk
    )


def has_conflict(user, nomination):
    return any(c.reviewer_id == user.pk for c in nomination.conflicts.all())


def reviews_nomination(user, nomination):
    """A jury member of a round the nomination is in, in the jury that scores it."""
    from .selectors import reviewer_rounds_for

    return bool(reviewer_rounds_for(user, nomination))


def can_view_nomination(user, nomination):
    if has_conflict(user, nomination):
        return False  # a reviewer never sees a nomination they declared a conflict for
    if reads_all(user) or _own_municipality(user, nomination.municipality_id):
        return True
    return not nomination.is_draft and reviews_nomination(user, nomination)


def can_edit_nomination(user, nomination):
    return nomination.is_draft and can_nominate(user, nomination.call, nomination.municipality)


def can_view_personal_data(user, nomination):
    return can_view_nomination(user, nomination) and not nomination.is_anonymised


def can_view_application(user, application):
    return reads_all(user) or _own_municipality(user, application.municipality_id)


def can_edit_application(user, application):
    return application.is_draft and can_apply(user, application.call, application.municipality)


def can_decide(user, obj=None):
    return runs_grants(user)


def can_view_letter(user, nomination):
    if has_conflict(user, nomination):
        return False
    return runs_grants(user) or (
        _own_municipality(user, nomination.municipality_id) and nomination.letter_sent_at
    )


def can_open_municipality_grants(user, municipality):
    """Names of nominees and links on the municipality page: staff and the municipality."""
    return reads_all(user) or _own_municipality(user, municipality.pk)
