"""Review in rounds: the jury member's queue, scoring and conflicts of interest; the
ranking of a round and moving nominations on; awards within the budget and letters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..forms import AdvanceForm, ConflictForm, ScoreForm
from ..models import Award, Nomination, Round, Score


def _error(request, error):
    messages.error(request, " ".join(error.messages))


# --- The jury member ------------------------------------------------------------------


def review_queue(request):
    queue = selectors.reviewer_queue(request.user)
    if not queue and not request.user.juries.exists():
        raise Http404
    return render(request, "grants/review_queue.html", {"queue": queue})


def _round_for_reviewer(request, round_pk, nomination_pk):
    round_ = get_object_or_404(Round.objects.select_related("call__scheme"), pk=round_pk)
    nomination = selectors.nomination_detail(nomination_pk)
    if permissions.has_conflict(request.user, nomination):
        raise Http404  # a reviewer never sees a nomination they declared a conflict for
    require(round_ in selectors.reviewer_rounds_for(request.user, nomination))
    return round_, nomination


@require_http_methods(["GET", "POST"])
def score(request, round_pk, nomination_pk):
    round_, nomination = _round_for_reviewer(request, round_pk, nomination_pk)
    criteria = round_.call.scheme.criteria.all()
    existing = Score.objects.filter(round=round_, nomination=nomination, reviewer=request.user)
    initial = {
        ScoreForm.field_name(s.criterion): s.score for s in existing.select_related("criterion")
    }
    first = existing.first()
    if first:
        initial["comment"] = first.comment
    form = ScoreForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(
                round_=round_,
                nomination=nomination,
                reviewer=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"].strip(),
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(
                request,
                _("Poengene for %(name)s er lagret.") % {"name": nomination.nominee_name},
            )
            return redirect("grants:review_queue")
    return render(
        request,
        "grants/score_form.html",
        {
            "round": round_,
            "call": round_.call,
            "nomination": nomination,
            "form": form,
            "conflict_form": ConflictForm(),
        },
    )


@require_POST
def declare_conflict(request, round_pk, nomination_pk):
    _round, nomination = _round_for_reviewer(request, round_pk, nomination_pk)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.conflict_declare(nomination=nomination, reviewer=request.user, reason=reason)
    messages.success(
        request,
        _("Du er registrert som inhabil. Nominasjonen er fjernet fra listen din."),
    )
    return redirect("grants:review_queue")


# --- Rounds ---------------------------------------------------------------------------


def round_detail(request, slug, number):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    round_ = get_object_or_404(Round, call=call, number=number)
    round_.call = call
    rows, hidden = selectors.ranking(round_, viewer=request.user)
    category = request.GET.get("kategori", "")
    if category.isdigit():
        rows = [r for r in rows if r.nomination.category_id == int(category)]
    has_next = Round.objects.filter(call=call, number=number + 1).exists()
    return render(
        request,
        "grants/round_detail.html",
        {
            "call": call,
            "round": round_,
            "rows": rows,
            "hidden": hidden,
            "has_next": has_next,
            "advance_form": AdvanceForm(),
            "categories": call.scheme.categories.all(),
            "category": category,
            "limits": selectors.call_limits(call),
        },
    )


@require_POST
def round_start(request, slug):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    try:
        round_ = services.round_start(call=call)
    except ValidationError as error:
        _error(request, error)
        return redirect(call)
    messages.success(
        request,
        _("Runde 1 er startet med %(count)s nominasjoner.") % {"count": round_.nominations.count()},
    )
    return redirect(round_)


@require_POST
def round_advance(request, slug, number):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    round_ = get_object_or_404(Round, call=call, number=number)
    form = AdvanceForm(request.POST)
    ids = [int(v) for v in request.POST.getlist("nomination") if v.isdigit()]
    nominations = list(Nomination.objects.filter(pk__in=ids, call=call))
    if not form.is_valid():
        messages.error(request, _("Velg hvilken jury som vurderer neste runde."))
        return redirect(round_)
    try:
        next_round = services.round_advance(
            round_=round_, nominations=nominations, jury_kind=form.cleaned_data["jury_kind"]
        )
    except ValidationError as error:
        _error(request, error)
        return redirect(round_)
    messages.success(
        request,
        _("%(count)s nominasjoner er flyttet til runde %(number)s.")
        % {"count": len(nominations), "number": next_round.number},
    )
    return redirect(next_round)


# --- Awards ---------------------------------------------------------------------------


def awards(request, slug):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    last_round = call.rounds.order_by("-number").first()
    rows, hidden = ([], 0)
    if last_round is not None:
        rows, hidden = selectors.ranking(last_round, viewer=request.user)
    awarded = (
        Award.objects.filter(call=call)
        .select_related("nomination__municipality", "nomination__category")
        .order_by("nomination__last_name")
    )
    return render(
        request,
        "grants/awards.html",
        {
            "call": call,
            "round": last_round,
            "rows": rows,
            "hidden": hidden,
            "awarded": awarded,
            "limits": selectors.call_limits(call),
        },
    )


@require_POST
def award_make(request, slug, pk):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    nomination = get_object_or_404(Nomination, call=call, pk=pk)
    if permissions.has_conflict(request.user, nomination):
        raise Http404
    try:
        services.award_make(nomination=nomination, user=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            _("%(name)s er tildelt stipend.") % {"name": nomination.nominee_name},
        )
    return redirect("grants:awards", slug=call.slug)


@require_POST
def award_revoke(request, slug, pk):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    award = get_object_or_404(Award, call=call, nomination_id=pk)
    try:
        services.award_revoke(award=award)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Tildelingen er trukket tilbake."))
    return redirect("grants:awards", slug=call.slug)


@require_POST
def finalise(request, slug):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    try:
        services.call_finalise(call=call, user=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            _("Tildelingen er avsluttet. Brev om tildeling og avslag sendes på e-post."),
        )
    return redirect("grants:awards", slug=call.slug)


urlpatterns = [
    path("vurdering/", review_queue, name="review_queue"),
    path("vurdering/<int:round_pk>/<int:nomination_pk>/", score, name="score"),
    path(
        "vurdering/<int:round_pk>/<int:nomination_pk>/inhabil/",
        declare_conflict,
        name="declare_conflict",
    ),
    path("utlysning/<slug:slug>/runder/start/", round_start, name="round_start"),
    path("utlysning/<slug:slug>/runder/<int:number>/", round_detail, name="round_detail"),
    path("utlysning/<slug:slug>/runder/<int:number>/videre/", round_advance, name="round_advance"),
    path("utlysning/<slug:slug>/tildeling/", awards, name="awards"),
    path("utlysning/<slug:slug>/tildeling/avslutt/", finalise, name="finalise"),
    path("utlysning/<slug:slug>/tildeling/<int:pk>/", award_make, name="award_make"),
    path("utlysning/<slug:slug>/tildeling/<int:pk>/trekk/", award_revoke, name="award_revoke"),
]
