import datetime

import pytest

from .builders import add_meeting, ks, make_agreement, person


@pytest.fixture
def agreement(personas):
    """NKR and the partner persona's organisation (Kulturtanken), 2017–2020."""
    return make_agreement(personas.partner_organisation)


@pytest.fixture
def other_agreement(db):
    """An agreement the partner persona is not party to."""
    return make_agreement(ks(), slug="ks-2025-2027", title="Avtale med KS")


@pytest.fixture
def partner_person(personas):
    """The partner persona's own person record."""
    per = person(personas.partner_organisation, "Per", "Partner")
    personas.partner.person = per
    personas.partner.save(update_fields=["person"])
    return per


@pytest.fixture
def meeting(agreement):
    return add_meeting(agreement, datetime.date(2018, 3, 15))
