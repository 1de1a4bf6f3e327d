"""Two people recording the minutes of one meeting: the second is told and sees both
versions; the first is not overwritten silently (optimistic locking, issue 12)."""

import pytest
from django.urls import reverse

from samspill.core.tests.conflicts import assert_conflict_shown, two_editors

pytestmark = pytest.mark.django_db


def test_second_save_of_minutes_shows_both_versions_and_keeps_the_first(
    personas, agreement, meeting
):
    edit = reverse("agreements:minutes_edit", args=[agreement.slug, meeting.pk])
    (first, version), (second, _same) = two_editors(personas.adviser, personas.leader, edit)
    saved = first.post(edit, {"minutes": "Referat fra rådgiveren.", "version": version})
    assert saved.status_code == 302
    refused = second.post(edit, {"minutes": "Referat fra lederen.", "version": version})
    assert_conflict_shown(refused, theirs="Referat fra rådgiveren.", yours="Referat fra lederen.")
    meeting.refresh_from_db()
    assert meeting.minutes == "Referat fra rådgiveren."
