"""Who may see and do what in dialogue seminars.

NKR staff organise seminars. A participant joins with the seminar's code, without an
account; the session remembers which seminar and group they joined. A participant sees
only their own seminar's board and writes only in their own group's box.
"""

from samspill.accounts.models import Role


def can_organise(user, seminar=None):
    return user.is_authenticated and (
        user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}
    )


def can_view_seminars(user):
    """The list of all seminars is NKR's own tool."""
    return user.is_authenticated and user.is_nkr


def can_view_board(request, seminar):
    from .views import current_participant

    if can_view_seminars(request.user):
        return True
    return current_participant(request, seminar) is not None


def can_write_in_group(request, seminar, group):
    """Only the group's own members write in its box, while the seminar is open."""
    from .views import current_participant

    if seminar.is_locked:
        return False
    participant = current_participant(request, seminar)
    return participant is not None and participant.group_id == group.pk
