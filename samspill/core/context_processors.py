from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The product's areas in the order of the header. An area appears only once its app
# is installed and its start URL resolves, so the header never holds a dead link.
AREAS = [
    (_("Program"), "programmes:programme_list"),
    (_("Dialogseminar"), "seminars:seminar_list"),
    (_("Avtaler"), "agreements:agreement_list"),
    (_("Strategi"), "strategy:home"),
    (_("Statistikk"), "statistics:home"),
    (_("Tilskudd"), "grants:home"),
    (_("Kommuner"), "members:municipality_list"),
    (_("Organisasjon"), "members:staff_unit_list"),
]


def available_areas():
    areas = []
    for label, url_name in AREAS:
        try:
            areas.append({"label": label, "url": reverse(url_name), "namespace": url_name})
        except NoReverseMatch:
            continue
    return areas


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_areas": []}
    path = request.path
    areas = available_areas()
    for area in areas:
        area["current"] = path.startswith(area["url"]) and area["url"] != "/"
    return {"nav_areas": areas}
