"""Permission helpers shared by every area.

Each app has its own permissions.py with plain functions (`can_edit_municipality(user,
municipality)`); views call them and fetch objects through `get_object_or_403`.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def require(allowed):
    """Raise 403 unless `allowed` is true; keeps view code to one line per rule."""
    if not allowed:
        raise PermissionDenied


def get_object_or_403(queryset_or_model, check, user, **lookup):
    """Fetch an object (404 when missing) and raise 403 unless `check(user, obj)`."""
    obj = get_object_or_404(queryset_or_model, **lookup)
    require(check(user, obj))
    return obj


def is_administrator(user):
    from samspill.accounts.models import Role  # accounts' models load after this module

    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def can_see_failed_emails(user):
    """Administrators look after the mail set-up, so they see what did not go out."""
    return is_administrator(user)
