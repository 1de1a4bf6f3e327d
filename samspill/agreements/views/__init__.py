"""Views of cooperation agreements, one module per part: the agreement, its meetings, its
projects and its action and progress plan."""

from django.core.exceptions import ValidationError

from samspill.core.permissions import require

from .. import permissions, selectors


def agreement_or_403(request, slug, check=permissions.can_view_agreement):
    """The agreement with its parties: 404 when missing, 403 unless `check(user, agreement)`."""
    agreement = selectors.agreement_light(slug)
    require(check(request.user, agreement))
    return agreement


def save_or_show_errors(form, save):
    """Call the service; its rule violations are shown on the form like any other error."""
    try:
        return save()
    except ValidationError as error:
        form.add_error(None, error)
        return None
