"""Login throttling (django-axes) and the audit trail: who logged in, who failed, who
changed whose rights and who deleted what, visible to administrators only."""

import pytest
from django.urls import reverse

from samspill.accounts.models import Role, User
from samspill.core.models import AuditEntry
from samspill.core.tests.personas import PASSWORD
from samspill.members.models import Organisation

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def _login(client, email, password, address="192.0.2.10"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_address_and_account_pair_out(client, personas):
    for _attempt in range(4):
        assert _login(client, "leder@test.no", "feil-passord").status_code == 200
    # The fifth wrong password locks the pair out; now even the right password is
    # refused, with a Norwegian explanation and a way out.
    assert _login(client, "leder@test.no", "feil-passord").status_code == 429
    response = _login(client, "leder@test.no", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "For mange mislykkede innlogginger" in page
    assert "15 minutter" in page
    assert reverse("accounts:password_reset") in page
    assert "_auth_user_id" not in client.session
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count(Action.LOGIN_FAILED) >= 5
    assert Action.LOCKED_OUT in actions


def test_a_lockout_does_not_stop_the_same_person_from_another_machine(client, personas):
    for _attempt in range(5):
        _login(client, "leder@test.no", "feil-passord", address="198.51.100.66")
    assert _login(client, "leder@test.no", PASSWORD, address="198.51.100.66").status_code == 429
    response = _login(client, "leder@test.no", PASSWORD, address="192.0.2.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.leader.pk)


def test_a_successful_login_resets_the_count(client, personas):
    for _attempt in range(4):
        _login(client, "leder@test.no", "feil-passord")
    assert _login(client, "leder@test.no", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        _login(client, "leder@test.no", "feil-passord")
    assert _login(client, "leder@test.no", PASSWORD).status_code == 302


def test_logins_and_logouts_are_in_the_audit_trail_with_address(client, personas):
    AuditEntry.objects.all().delete()  # the personas' accounts were just created
    _login(client, "leder@test.no", PASSWORD, address="192.0.2.44")
    client.post(reverse("accounts:logout"), REMOTE_ADDR="192.0.2.44")
    _login(client, "leder@test.no", "feil-passord", address="192.0.2.45")
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.action, e.target, e.ip_address) for e in entries] == [
        (Action.LOGIN, "leder@test.no", "192.0.2.44"),
        (Action.LOGOUT, "leder@test.no", "192.0.2.44"),
        (Action.LOGIN_FAILED, "leder@test.no", "192.0.2.45"),
    ]
    assert entries[0].actor == personas.leader
    assert "feil-passord" not in str([e.details for e in entries])


def test_rights_changed_in_the_admin_are_logged_with_who_did_it(client, personas):
    AuditEntry.objects.all().delete()
    client.force_login(personas.admin)
    user = personas.coordinator_a
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "email": user.email,
            "role": Role.LEADER,
            "municipality": "",
            "organisation": Organisation.objects.first().pk,
            "is_active": "on",
            "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        }
    )
    data.pop("password", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action=Action.PERMISSIONS)
    assert entry.actor == personas.admin
    assert entry.target == user.email
    assert "rolle: kommunal koordinator → leder" in entry.details.lower()


def test_a_new_user_and_a_deletion_are_logged(client, personas):
    AuditEntry.objects.all().delete()
    client.force_login(personas.admin)
    new = User.objects.create_user(email="ny@test.no", password="x" * 12, role=Role.ADVISER)
    created = AuditEntry.objects.get(action=Action.PERMISSIONS)
    assert created.target == "ny@test.no" and "ny bruker" in created.details
    response = client.post(reverse("admin:accounts_user_delete", args=[new.pk]), {"post": "yes"})
    assert response.status_code == 302
    deleted = AuditEntry.objects.get(action=Action.DELETION)
    assert deleted.actor == personas.admin
    assert deleted.object_type == "accounts.User" and deleted.object_id == str(new.pk)


def test_only_administrators_read_the_audit_trail_and_nobody_edits_it(client, personas):
    _login(client, "leder@test.no", PASSWORD)
    entry = AuditEntry.objects.get(action=Action.LOGIN)
    url = reverse("admin:core_auditentry_changelist")
    assert client.get(url).status_code in (302, 403)  # the leader is not an administrator
    client.force_login(personas.admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "leder@test.no" in page.content.decode()
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    delete = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
