import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import Role, User
from samspill.core.demo import DEMO_PASSWORD, demo_logins
from samspill.members.models import Municipality, StaffUnit, StaffUnitKind

pytestmark = pytest.mark.django_db


def _snapshot():
    labels = {"accounts", "members", "programmes", "seminars", "agreements"}
    models = [m for m in apps.get_models() if m._meta.app_label in labels]
    return {m._meta.label: serializers.serialize("json", m.objects.order_by("pk")) for m in models}


def test_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first


def test_demo_has_a_login_for_every_role_and_each_works(settings):
    settings.DEBUG = True
    call_command("load_demo")
    logins = demo_logins()
    assert {User.objects.get(email=email).role for email, _ in logins} == set(Role.values)
    for email, _ in logins:
        client = Client()
        assert client.login(username=email, password=DEMO_PASSWORD), email
        assert client.get(reverse("core:home")).status_code == 200


def test_demo_has_nkr_organisation_from_seed_004(settings):
    settings.DEBUG = True
    call_command("load_demo")
    communities = StaffUnit.objects.filter(kind=StaffUnitKind.COMPETENCE_COMMUNITY)
    assert set(communities.values_list("name", flat=True)) == {
        "Interessepolitikk",
        "Tradisjonskultur",
        "Fordypning",
        "Mangfold og bredde",
        "Lederstøtte",
        "Digital/kommunikasjon",
    }
    assert StaffUnit.objects.filter(name="Veilederkorpset").exists()
    assert Municipality.objects.filter(is_member=True).count() > 30


def test_load_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="DEBUG er av"):
        call_command("load_demo")
    assert not User.objects.filter(email="admin@samspill.test").exists()
