"""The permission matrix for the register: who may change a municipality's records."""

import pytest
from django.urls import reverse

from samspill.members.models import ArtsSchool, Person

pytestmark = pytest.mark.django_db

SCHOOL = {"name": "Luster kulturskule", "email": "post@luster.test"}


def _school_url(municipality):
    return reverse("members:arts_school_edit", args=[municipality.number])


def test_coordinator_cannot_edit_another_municipalitys_arts_school(client, personas):
    client.force_login(personas.coordinator_a)
    assert client.get(_school_url(personas.municipality_b)).status_code == 403
    response = client.post(_school_url(personas.municipality_b), SCHOOL)
    assert response.status_code == 403
    assert "ikke tilgang" in response.content.decode()
    assert not ArtsSchool.objects.exists()


def test_coordinator_cannot_add_or_change_people_in_another_municipality(client, personas):
    other = Person.objects.create(
        first_name="Leif", last_name="Lust", municipality=personas.municipality_b
    )
    client.force_login(personas.coordinator_a)
    create = reverse("members:person_create", args=[personas.municipality_b.number])
    edit = reverse("members:person_edit", args=[personas.municipality_b.number, other.pk])
    data = {"first_name": "Ny", "last_name": "Person", "title": "Rektor"}
    assert client.post(create, data).status_code == 403
    assert client.post(edit, data).status_code == 403
    other.refresh_from_db()
    assert other.first_name == "Leif"
    assert Person.objects.count() == 1


def test_coordinator_cannot_reach_another_municipalitys_person_through_own_url(client, personas):
    other = Person.objects.create(
        first_name="Leif", last_name="Lust", municipality=personas.municipality_b
    )
    client.force_login(personas.coordinator_a)
    url = reverse("members:person_edit", args=[personas.municipality_a.number, other.pk])
    response = client.post(url, {"first_name": "X", "last_name": "Y", "title": "Z"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.first_name == "Leif"


def test_coordinator_edits_own_arts_school_and_people(client, personas):
    client.force_login(personas.coordinator_b)
    response = client.post(_school_url(personas.municipality_b), SCHOOL)
    assert response.status_code == 302
    school = ArtsSchool.objects.get()
    assert list(school.municipalities.all()) == [personas.municipality_b]

    create = reverse("members:person_create", args=[personas.municipality_b.number])
    response = client.post(
        create,
        {
            "first_name": "Lise",
            "last_name": "Lustra",
            "title": "Kulturskulerektor",
            "email": "Lise@Luster.test",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.email == "lise@luster.test"
    assert person.municipality == personas.municipality_b
    assert person.positions.get().title == "Kulturskulerektor"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("adviser", 200),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("member_a", 403),
        ("leader", 403),
        ("board_member", 403),
        ("partner", 403),
    ],
)
def test_who_may_edit_municipality_a(client, personas, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get(_school_url(personas.municipality_a)).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("adviser", 200),
        ("leader", 200),
        ("board_member", 200),
        ("coordinator_a", 403),
        ("member_a", 403),
        ("partner", 403),
    ],
)
def test_only_nkr_sees_the_people_directory(client, personas, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("members:person_list")).status_code == status


def test_partner_contact_sees_only_own_organisation(client, personas):
    from samspill.members.models import Organisation, OrganisationKind

    other = Organisation.objects.create(name="KS", kind=OrganisationKind.INTEREST_ORGANISATION)
    client.force_login(personas.partner)
    own_url = personas.partner_organisation.get_absolute_url()
    assert client.get(own_url).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 403


def test_duplicate_email_gives_norwegian_error_and_saves_nothing(client, personas):
    Person.objects.create(first_name="A", last_name="B", email="dup@test.no")
    client.force_login(personas.coordinator_a)
    create = reverse("members:person_create", args=[personas.municipality_a.number])
    response = client.post(
        create, {"first_name": "C", "last_name": "D", "title": "Rektor", "email": "dup@test.no"}
    )
    assert response.status_code == 200
    assert "Det finnes allerede en person med denne e-posten" in response.content.decode()
    assert Person.objects.count() == 1


def test_user_text_is_escaped(client, personas):
    client.force_login(personas.coordinator_a)
    create = reverse("members:person_create", args=[personas.municipality_a.number])
    client.post(
        create, {"first_name": "<script>alert(1)</script>", "last_name": "X", "title": "Rektor"}
    )
    html = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
