"""Who may see and change what in the register.

Everyone signed in may read the public register facts (number, county, population,
region). People and contact data of a municipality, and changes to its records, belong
to NKR staff and to that municipality's own coordinator.
"""

from samspill.accounts.models import Role


def can_view_municipality_details(user, municipality):
    """People, contact data and (in later areas) the municipality's own records."""
    if user.is_nkr:
        return True
    return user.is_municipal and user.municipality_id == municipality.pk


def can_edit_municipality(user, municipality):
    if user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}:
        return True
    return user.role == Role.COORDINATOR and user.municipality_id == municipality.pk


def can_edit_person(user, person):
    if user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}:
        return True
    return (
        user.role == Role.COORDINATOR
        and person.municipality_id is not None
        and person.municipality_id == user.municipality_id
    )


def can_view_people_directory(user):
    """The list of all people across municipalities and partners is NKR's own tool."""
    return user.is_nkr


def can_view_person(user, person):
    if user.is_nkr:
        return True
    if user.is_municipal:
        return person.municipality_id == user.municipality_id
    if user.role == Role.PARTNER_CONTACT:
        return person.organisation_id == user.organisation_id
    return False


def can_view_organisation(user, organisation):
    if user.is_nkr:
        return True
    return user.role == Role.PARTNER_CONTACT and user.organisation_id == organisation.pk


def can_view_staff_units(user):
    """NKR's own organisation is visible to everyone who works with NKR."""
    return user.is_authenticated
