"""Who may see and do what in the statistics.

Statistics per municipality are public figures (GSI, KOSTRA) or NKR's own survey of its
members, so NKR's people and the municipalities' own users read every view and compare
with each other. A partner contact has no part in them. A coordinator enters figures for
their own municipality only; NKR's administrators and advisers for any municipality, and
they import files. The price study of Landsting decision 5.13 is NKR's own analysis,
read by NKR's people.
"""

from samspill.accounts.models import Role


def can_view_statistics(user):
    return user.is_nkr or user.is_municipal


def can_enter_statistics(user, municipality):
    if user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}:
        return True
    return user.role == Role.COORDINATOR and user.municipality_id == municipality.pk


def can_import_statistics(user):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}


def can_view_price_study(user):
    return user.is_nkr
