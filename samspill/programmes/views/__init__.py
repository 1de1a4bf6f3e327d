"""Views of development programmes, one module per part of the flow."""

from samspill.core.permissions import require

from .. import permissions, selectors


def participation_or_403(request, slug, number, check=permissions.can_view_participation):
    """A municipality's participation in a programme: 404 when missing, 403 unless
    `check(user, participation)` allows it. The programme is attached, fetched once."""
    programme = selectors.programme_by_slug(slug)
    participation = selectors.participation_detail(programme, number)
    participation.programme = programme
    require(check(request.user, participation))
    return participation
