"""Test personas: one user for every role, and two coordinators of different
municipalities, so that the permission matrix can be tested."""

from dataclasses import dataclass

from samspill.accounts.models import Role, User
from samspill.members.models import Municipality, Organisation, OrganisationKind

PASSWORD = "riktig-hest-batteri-stift"

# Two real municipalities of different counties' neighbours in Vestland.
MUNICIPALITY_A = "4640"  # Sogndal
MUNICIPALITY_B = "4644"  # Luster


@dataclass
class Personas:
    admin: User
    adviser: User
    leader: User
    board_member: User
    coordinator_a: User
    coordinator_b: User
    member_a: User
    partner: User
    municipality_a: Municipality
    municipality_b: Municipality
    partner_organisation: Organisation

    def all(self):
        return {
            "admin": self.admin,
            "adviser": self.adviser,
            "leader": self.leader,
            "board_member": self.board_member,
            "coordinator_a": self.coordinator_a,
            "coordinator_b": self.coordinator_b,
            "member_a": self.member_a,
            "partner": self.partner,
        }


def _user(email, role, **extra):
    return User.objects.create_user(
        email=email,
        password=PASSWORD,
        role=role,
        first_name=email.split("@")[0].capitalize(),
        last_name="Testesen",
        **extra,
    )


def make_personas() -> Personas:
    """Needs the reference data (counties and municipalities) in the database."""
    municipality_a = Municipality.objects.get(number=MUNICIPALITY_A)
    municipality_b = Municipality.objects.get(number=MUNICIPALITY_B)
    partner_organisation, _ = Organisation.objects.get_or_create(
        name="Kulturtanken – Den kulturelle skolesekken Norge",
        defaults={"kind": OrganisationKind.GOVERNMENT_AGENCY, "short_name": "Kulturtanken"},
    )
    return Personas(
        admin=_user("admin@test.no", Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
        adviser=_user("veileder@test.no", Role.ADVISER),
        leader=_user("leder@test.no", Role.LEADER),
        board_member=_user("styre@test.no", Role.BOARD_MEMBER),
        coordinator_a=_user("koordinator.a@test.no", Role.COORDINATOR, municipality=municipality_a),
        coordinator_b=_user("koordinator.b@test.no", Role.COORDINATOR, municipality=municipality_b),
        member_a=_user("medlem.a@test.no", Role.MUNICIPAL_MEMBER, municipality=municipality_a),
        partner=_user("partner@test.no", Role.PARTNER_CONTACT, organisation=partner_organisation),
        municipality_a=municipality_a,
        municipality_b=municipality_b,
        partner_organisation=partner_organisation,
    )
