"""Joining a seminar without an account: by its code or link, into a group.

Codes cannot be guessed by trying: wrong codes are counted per client address, and
after too many every code lookup from that address is refused (429) for a while, the
right code too, so that trying on gives nothing away.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.network import client_address

from .. import services
from ..forms import NEW_GROUP, JoinCodeForm, JoinForm, looks_like_join_code, normalise_join_code
from ..models import Seminar
from . import current_participant, join_participant

#: Wrong codes allowed per client address within the window, before a pause (429).
WRONG_CODES_ALLOWED = 10
WRONG_CODES_WINDOW = 10 * 60  # seconds


def _limits():
    return (
        getattr(settings, "SEMINAR_WRONG_CODES_ALLOWED", WRONG_CODES_ALLOWED),
        getattr(settings, "SEMINAR_WRONG_CODES_WINDOW", WRONG_CODES_WINDOW),
    )


def _counter():
    """Wrong codes are counted in the cache every server process shares, so that
    several gunicorn workers do not each allow their own ten."""
    return caches["shared"]


def _cache_key(request):
    return f"seminars:wrong-codes:{client_address(request)}"


def is_limited(request):
    allowed, _window = _limits()
    return _counter().get(_cache_key(request), 0) >= allowed


def count_wrong_code(request):
    """Count a wrong code; the window starts at the first wrong code."""
    _allowed, window = _limits()
    key = _cache_key(request)
    counter = _counter()
    counter.add(key, 0, timeout=window)
    try:
        counter.incr(key)
    except ValueError:  # expired between add and incr
        counter.set(key, 1, timeout=window)


def _too_many(request):
    _allowed, window = _limits()
    return render(
        request,
        "seminars/join_limited.html",
        {"minutes": max(1, window // 60)},
        status=429,
    )


def _seminar_for(code):
    code = normalise_join_code(code)
    if not looks_like_join_code(code):
        return None
    return Seminar.objects.filter(join_code=code).first()


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request):
    """Type the code shown on the projector."""
    if is_limited(request):
        return _too_many(request)
    data = request.POST if request.method == "POST" else None
    if data is None and "kode" in request.GET:
        data = {"code": request.GET["kode"]}
    form = JoinCodeForm(data)
    if data is not None and form.is_valid():
        seminar = _seminar_for(form.cleaned_data["code"])
        if seminar is not None:
            return redirect("seminars:join_code", code=seminar.join_code)
        count_wrong_code(request)
        if is_limited(request):
            return _too_many(request)
        form.add_error(
            "code", _("Vi fant ikke noe seminar med denne koden. Sjekk koden og prøv igjen.")
        )
    return render(request, "seminars/join_enter.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def join_code(request, code):
    """Pick or create a group and say who you are; then to the board of the first theme."""
    if is_limited(request):
        return _too_many(request)
    seminar = _seminar_for(code)
    if seminar is None:
        count_wrong_code(request)
        if is_limited(request):
            return _too_many(request)
        form = JoinCodeForm({"code": code})
        form.is_valid()
        form.add_error(
            "code", _("Vi fant ikke noe seminar med denne koden. Sjekk koden og prøv igjen.")
        )
        return render(request, "seminars/join_enter.html", {"form": form}, status=404)
    if seminar.join_code != code:  # "abcd-efgh" → the address with the code as issued
        return redirect("seminars:join_code", code=seminar.join_code)
    if seminar.is_locked:
        return render(
            request,
            "seminars/join_locked.html",
            {"seminar": seminar},
            status=403 if request.method == "POST" else 200,
        )

    participant = current_participant(request, seminar)
    names = services.MunicipalityNames()
    initial = {}
    if participant is not None:
        initial = {
            "group": str(participant.group_id) if participant.group_id else None,
            "name": participant.name,
            "municipality": participant.municipality.name if participant.municipality else "",
            "role": participant.role,
            "group_role": participant.group_role,
        }
    form = JoinForm(request.POST or None, initial=initial, seminar=seminar, names=names)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                group, unknown = form.chosen_group(), []
                if data["group"] == NEW_GROUP:
                    group, unknown = services.group_create(
                        seminar=seminar,
                        name=data["new_group_name"],
                        place=data.get("new_group_place") or "",
                        municipalities_text=data["new_group_municipalities"],
                    )
                participant = services.participant_join(
                    seminar=seminar,
                    group=group,
                    name=data["name"],
                    municipality=data["municipality"],
                    role=data["role"],
                    group_role=data["group_role"],
                    participant=participant,
                )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            join_participant(request, participant)
            messages.success(request, _("Du er med i gruppen %(group)s.") % {"group": group.name})
            if unknown:
                messages.warning(
                    request,
                    _(
                        "Disse kommunenavnene fant vi ikke i kommuneregisteret: %(names)s. "
                        "De står likevel i gruppens kommuneliste."
                    )
                    % {"names": ", ".join(unknown)},
                )
            return redirect(_first_board(seminar))
    return render(
        request,
        "seminars/join_form.html",
        {
            "seminar": seminar,
            "form": form,
            "participant": participant,
            "municipality_names": names.choices(),
            "first_board": _first_board(seminar) if participant else None,
        },
    )


def _first_board(seminar):
    """The board of the seminar's first theme (theme 1), or the join page without themes."""
    theme = seminar.themes.order_by("number").first()
    if theme is None:
        return reverse("seminars:join_code", args=[seminar.join_code])
    return reverse("seminars:board", args=[seminar.slug, theme.number])


urlpatterns = [
    path("delta/", join, name="join"),
    path("delta/<str:code>/", join_code, name="join_code"),
]
