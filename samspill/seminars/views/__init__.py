"""Views of dialogue seminars: set-up by organisers, joining by code, the live board."""

from ..models import Participant

SESSION_KEY = "seminar_participants"


def current_participant(request, seminar):
    """The participant this browser joined `seminar` as, or None."""
    joined = request.session.get(SESSION_KEY, {})
    participant_id = joined.get(str(seminar.pk))
    if participant_id is None:
        return None
    return (
        Participant.objects.select_related("group")
        .filter(pk=participant_id, seminar=seminar)
        .order_by()  # one row by pk: no need to join the seminar to sort (every request)
        .first()
    )


def join_participant(request, participant):
    """Remember in the session that this browser is `participant` in their seminar."""
    joined = dict(request.session.get(SESSION_KEY, {}))
    joined[str(participant.seminar_id)] = participant.pk
    request.session[SESSION_KEY] = joined
