"""Build agreement state for tests through the services, as an adviser would."""

import datetime
from zoneinfo import ZoneInfo

from samspill.agreements import services
from samspill.agreements.models import Agreement, AgreementStatus, MeetingStatus
from samspill.members.models import Organisation, OrganisationKind, Person

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")


def organisation(name, short_name="", kind=OrganisationKind.OTHER):
    org, _ = Organisation.objects.get_or_create(
        name=name, defaults={"short_name": short_name, "kind": kind}
    )
    return org


def nkr():
    return organisation("Norsk kulturskoleråd", "Kulturskolerådet", OrganisationKind.NKR)


def ks():
    return organisation("KS – Kommunesektorens organisasjon", "KS")


def person(org, first_name, last_name):
    return Person.objects.create(first_name=first_name, last_name=last_name, organisation=org)


def make_agreement(partner, *, slug="kulturtanken-2017-2020", **extra):
    """The agreement of seed 000 between NKR and `partner`, with both parties."""
    fields = {
        "title": f"Samarbeidsavtale mellom {partner.short_name or partner.name} og NKR",
        "purpose": "Et bedre samspill mellom kulturskolen og DKS.",
        "period_start": D(2017, 9, 1),
        "period_end": D(2020, 9, 1),
        "evaluation_due_on": D(2020, 6, 30),
        "status": AgreementStatus.ACTIVE,
        "collaboration_areas": "Forskning og formidling\nSamarbeid i skole, kunst- og kulturfeltet",
    }
    fields.update(extra)
    agreement = services.agreement_save(
        agreement=Agreement(slug=slug, **fields),
        base_documents=[("Rammeplan for kulturskolen", "https://example.no/rammeplan")],
    )
    services.party_save(agreement=agreement, organisation=nkr(), sort_order=0)
    services.party_save(agreement=agreement, organisation=partner, sort_order=1)
    return agreement


def at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OSLO)


def add_meeting(agreement, day, *, title=None, minutes="Referat.", held=True, **extra):
    meeting = services.meeting_save(
        agreement=agreement,
        title=title or f"Samarbeidsmøte {day:%d.%m.%Y}",
        starts_at=at(day),
        agenda=["Status i prosjektene"],
        **extra,
    )
    if held and minutes:
        services.meeting_record_minutes(
            meeting=meeting, user=None, minutes=minutes, present=[], today=day
        )
    elif held:  # held, but nobody wrote the minutes
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
    return meeting
