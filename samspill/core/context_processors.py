from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def _works_with_municipalities(user):
    return user.is_nkr or user.is_municipal


def _works_with_partners(user):
    """NKR, and a partner's contact person, who sees their own organisation's agreements."""
    return user.is_nkr or (user.role == "partner_contact" and user.organisation_id is not None)


# The product's areas in the order of the header: (label, start URL name, who sees it).
# An area appears only once its app is installed and its start URL resolves, so the
# header never holds a dead link, and only for people who may open it.
AREAS = [
    (_("Program"), "programmes:programme_list", _works_with_municipalities),
    (_("Dialogseminar"), "seminars:seminar_list", None),
    (_("Avtaler"), "agreements:agreement_list", _works_with_partners),
    (_("Strategi"), "strategy:home", lambda user: user.is_nkr),
    (_("Statistikk"), "statistics:home", _works_with_municipalities),
    (_("Tilskudd"), "grants:home", None),
    (_("Kalender"), "workflow:month", None),
    (_("Kommuner"), "members:municipality_list", None),
    (_("Organisasjon"), "members:staff_unit_list", None),
]


def available_areas(user):
    areas = []
    for label, url_name, visible in AREAS:
        if visible is not None and not visible(user):
            continue
        try:
            areas.append({"label": label, "url": reverse(url_name), "namespace": url_name})
        except NoReverseMatch:
            continue
    return areas


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_areas": []}
    path = request.path
    areas = available_areas(request.user)
    for area in areas:
        area["current"] = path.startswith(area["url"]) and area["url"] != "/"
    return {"nav_areas": areas}
