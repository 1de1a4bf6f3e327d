"""Views of strategy, decisions and reports, one module per part."""

from samspill.core.permissions import require

from .. import permissions


def require_view(request):
    require(permissions.can_view_strategy(request.user))


def require_manage(request):
    require(permissions.can_manage_strategy(request.user))
