"""Build programme state for tests through the services, as a user would."""

import datetime

from samspill.members.models import DevelopmentArea, Person, Region
from samspill.programmes import services
from samspill.programmes.models import Event, EventKind, EventMode, Programme, SelectionCriterion

CRITERIA = [
    "Kommunen ønsker å videreutvikle kulturskolen som del av kommunens samlede tjenestetilbud.",
    "Kommunen knytter utviklingsarbeidet tett opp til fylkesavdelingens utviklingsområde.",
    "Kommunen går i dialog med sin fylkesavdeling om former og arenaer for erfaringsdeling.",
]


def make_programme(*, slug="fremtidens-kulturskole", fee=20_000, published=True, **extra):
    fields = {
        "name": "Fremtidens kulturskole – regionale program 2024–2025",
        "slug": slug,
        "purpose": "Bistå kommunene med kulturskoleutvikling.",
        "target_group": "Kommuner som vil videreutvikle kulturskolen.",
        "goals": "Utforske samskaping.",
        "competence_goals": "Innsikt i kulturskolens mulighetsrom.",
        "method": "Fellessamlinger og hjemmearbeid.",
        "period_start": datetime.date(2024, 2, 1),
        "period_end": datetime.date(2025, 6, 30),
        "fee": fee,
        "instalment_count": 3,
        "call_opens": datetime.date(2023, 11, 1),
        "call_closes": datetime.date(2024, 1, 31),
        "is_published": published,
        "contract_heading": "Utviklingsprogram for Fremtidens kulturskole",
        "contract_period": "august 2024 – desember 2025",
        "contract_place_date": "Trondheim august 2024",
        "nkr_signatory_name": "Morten Christiansen",
        "nkr_signatory_title": "direktør, Norsk kulturskoleråd",
    }
    fields.update(extra)
    programme = Programme.objects.create(**fields)
    for number, text in enumerate(CRITERIA, start=1):
        SelectionCriterion.objects.create(programme=programme, number=number, text=text)
    return programme


def add_event(programme, *, kind, title, mode="", starts_on=None, ends_on=None, **extra):
    year = extra.pop("year", (starts_on or datetime.date(2024, 1, 1)).year)
    event = Event(
        programme=programme,
        kind=kind,
        title=title,
        mode=mode,
        starts_on=starts_on,
        ends_on=ends_on,
        year=year,
        **extra,
    )
    return services.event_save(event=event)


def add_physical_gatherings(programme):
    """The three physical plenary gatherings of seed 001, each triggering an instalment."""
    return [
        add_event(
            programme,
            kind=EventKind.PLENARY_GATHERING,
            title=f"Fellessamling {number} (fysisk)",
            mode=EventMode.PHYSICAL,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=1),
        )
        for number, start in [
            (1, datetime.date(2024, 9, 24)),
            (3, datetime.date(2025, 2, 12)),
            (5, datetime.date(2025, 9, 11)),
        ]
    ]


def development_area_for(municipality):
    region = Region.objects.filter(counties=municipality.county).first()
    if region is None:
        region = Region.objects.create(
            name=f"Region {municipality.county.name}", slug=f"r{municipality.county.number}"
        )
        region.counties.add(municipality.county)
    area, _ = DevelopmentArea.objects.get_or_create(
        region=region,
        period_start=datetime.date(2023, 1, 1),
        defaults={"title": "Kulturskolen i helhetlig oppvekst"},
    )
    return area


def make_participation(programme, municipality, *, actor, adviser=None):
    """An accepted participation, the way an adviser's decision creates it."""
    municipality.is_member = True
    municipality.save(update_fields=["is_member"])
    application = services.application_save(
        programme=programme,
        municipality=municipality,
        user=actor,
        development_area=development_area_for(municipality),
        roles_mapping="Oppvekst, kultur og helse deler ansvaret.",
        proposed_group="Kulturskoleleder, rektor, kommunalsjef, helsesykepleier",
        answers={number: f"Svar {number}" for number in range(1, 4)},
    )
    services.application_submit(application=application, user=actor, today=programme.call_closes)
    services.application_decide(
        application=application, status="accepted", reason="Godt forankret.", user=actor
    )
    participation = application.participation
    if adviser:
        services.participation_assign_adviser(
            participation=participation, adviser=adviser, actor=actor
        )
    return participation


def make_complete_group(participation):
    """Four members, one coordinator, the school owner represented."""
    roles = [
        ("Kari", "Kulturskoleleder", "Kulturskolen", True, False),
        ("Ola", "Kommunalsjef oppvekst", "Skoleeier", False, True),
        ("Per", "Rektor", "Barneskolen", False, False),
        ("Siri", "Helsesykepleier", "Helsestasjonen", False, False),
    ]
    members = []
    for first_name, position, organisation, coordinator, owner in roles:
        person = Person.objects.create(
            first_name=first_name,
            last_name=participation.municipality.name,
            municipality=participation.municipality,
        )
        members.append(
            services.group_member_save(
                participation=participation,
                person=person,
                position=position,
                organisation=organisation,
                is_coordinator=coordinator,
                represents_school_owner=owner,
            )
        )
    return members
