import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from samspill.core.views import server_error

pytestmark = pytest.mark.django_db


def test_admin_lists_and_add_forms_open_for_every_registered_model(client, personas):
    client.force_login(personas.admin)
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        assert client.get(add).status_code in {200, 403}, add  # task results are read-only


def test_admin_is_closed_to_a_coordinator(client, personas):
    client.force_login(personas.coordinator_a)
    response = client.get(reverse("admin:members_municipality_changelist"), follow=True)
    assert response.status_code == 403
    assert "Du har ikke tilgang til denne siden" in response.content.decode()


def test_server_error_page_is_norwegian_and_reassuring():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Noe gikk galt" in html
    assert "Ingenting du har lagret tidligere er tapt" in html
