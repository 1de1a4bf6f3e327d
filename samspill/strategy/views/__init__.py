"""Views of strategy, decisions and reports, one module per part."""

from django.core.exceptions import ValidationError

from samspill.core.permissions import require

from .. import permissions


def require_view(request):
    require(permissions.can_view_strategy(request.user))


def require_manage(request):
    require(permissions.can_manage_strategy(request.user))


def save_or_show_errors(form, save):
    """Call the service; its rule violations are shown on the form like any other error."""
    try:
        return save()
    except ValidationError as error:
        form.add_error(None, error)
        return None
