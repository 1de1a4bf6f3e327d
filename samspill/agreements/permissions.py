"""Who may see and do what in cooperation agreements.

NKR's administrators, advisers and leaders (the director chairs the steering group) keep
the agreements, meetings, projects and plan; board members read them. A partner contact
sees only the agreements their organisation is a party to, with their meetings, projects
and milestones; they comment on minutes and mark their own organisation's action items
done. Municipal users have no part in agreements; the municipality page lists the
projects that involve the municipality.
"""

from samspill.accounts.models import Role


def _keeps_agreements(user):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER, Role.LEADER}


def _is_partner(user):
    return user.role == Role.PARTNER_CONTACT and user.organisation_id is not None


def is_party(user, agreement):
    """The user is a partner contact of an organisation that is party to the agreement
    (uses the agreement's prefetched parties when there)."""
    if not _is_partner(user):
        return False
    return any(party.organisation_id == user.organisation_id for party in agreement.parties.all())


def can_view_agreements(user):
    return user.is_nkr or _is_partner(user)


def can_view_agreement(user, agreement):
    return user.is_nkr or is_party(user, agreement)


def can_manage_agreements(user, agreement=None):
    """Create and edit agreements, parties, the steering group, meetings and minutes,
    projects and the action plan."""
    return _keeps_agreements(user)


def can_comment_minutes(user, meeting):
    return can_view_agreement(user, meeting.agreement)


def can_mark_action_item(user, item):
    """NKR's keepers mark any action item; a partner contact those owned by someone of
    their own organisation."""
    if _keeps_agreements(user):
        return True
    return (
        is_party(user, item.meeting.agreement)
        and item.owner.organisation_id == user.organisation_id
    )


def can_view_project(user, project):
    return can_view_agreement(user, project.agreement)
