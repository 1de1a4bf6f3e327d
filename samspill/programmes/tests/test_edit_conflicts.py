"""Two people saving the same development plan or contract: the second is told, sees both
versions, and nothing is overwritten silently (optimistic locking, issue 12)."""

import pytest
from django.urls import reverse

from samspill.core.tests.conflicts import assert_conflict_shown, two_editors, version_of
from samspill.programmes.models import Contract, DevelopmentPlan
from samspill.programmes.services import plan_ensure

pytestmark = pytest.mark.django_db


def url(name, participation):
    return reverse(
        f"programmes:{name}",
        kwargs={"slug": participation.programme.slug, "number": participation.municipality.number},
    )


def test_second_save_of_a_plan_shows_both_versions_and_keeps_the_first(personas, participation_a):
    plan_ensure(participation=participation_a)
    edit = url("plan_edit", participation_a)
    (adviser, version), (coordinator, same_version) = two_editors(
        personas.adviser, personas.coordinator_a, edit
    )
    assert version == same_version

    saved = adviser.post(
        edit,
        {"focus_area": "Samarbeid med skolen", "description": "Fra veilederen", "version": version},
    )
    assert saved.status_code == 302

    refused = coordinator.post(
        edit,
        {"focus_area": "Kulturkarusell", "description": "Fra koordinatoren", "version": version},
    )
    assert_conflict_shown(refused, theirs="Samarbeid med skolen", yours="Kulturkarusell")
    plan = DevelopmentPlan.objects.get(participation=participation_a)
    assert plan.focus_area == "Samarbeid med skolen"

    # The redrawn form keeps the coordinator's text and carries the newest version, so
    # saving again is a deliberate choice.
    assert "Fra koordinatoren" in refused.content.decode()
    again = coordinator.post(
        edit,
        {"focus_area": "Kulturkarusell", "description": "Begge", "version": version_of(refused)},
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert (plan.focus_area, plan.description) == ("Kulturkarusell", "Begge")


def test_second_save_of_a_contract_shows_both_versions(personas, participation_a):
    edit = url("contract_edit", participation_a)
    (first, version), (second, _same) = two_editors(personas.adviser, personas.coordinator_a, edit)
    assert (
        first.post(edit, {"chief_executive_name": "Astrid Aas", "version": version}).status_code
        == 302
    )
    refused = second.post(edit, {"chief_executive_name": "Bjørn Berg", "version": version})
    assert_conflict_shown(refused, theirs="Astrid Aas", yours="Bjørn Berg")
    contract = Contract.objects.get(participation=participation_a)
    assert contract.chief_executive_name == "Astrid Aas"


def test_a_form_without_a_version_still_saves(client, personas, participation_a):
    # A page opened before this release has no version field; it saves as before.
    client.force_login(personas.coordinator_a)
    response = client.post(url("contract_edit", participation_a), {"chief_executive_name": "Ny"})
    assert response.status_code == 302
    assert Contract.objects.get(participation=participation_a).chief_executive_name == "Ny"
