"""Views of cooperation agreements, one module per part: the agreement, its meetings, its
projects and its action and progress plan."""

from samspill.core.permissions import require

from .. import permissions, selectors


def agreement_or_403(request, slug, check=permissions.can_view_agreement):
    """The agreement with its parties: 404 when missing, 403 unless `check(user, agreement)`."""
    agreement = selectors.agreement_light(slug)
    require(check(request.user, agreement))
    return agreement
