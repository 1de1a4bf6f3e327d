"""Builds the grants part of the demo from demo/grants.toml through the same services a
coordinator, a jury member and an adviser use, so the demo obeys every rule. What is
already present is left as it is, so loading twice changes nothing.

The nominees are generated example data: the same names, dates and scores every time
(from the seed in the file), and each nomination is marked `is_example`."""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction

from samspill.accounts.models import User
from samspill.members.models import Municipality, Organisation

from . import services
from .models import Call, Category, Criterion, GrantApplication, Jury, Round, Scheme

#: A one-page PDF, enough for the file type check by content.
EXAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@transaction.atomic
def load(data, *, password):
    schemes = {row["slug"]: _scheme(row) for row in data.get("schemes", [])}
    calls = {row["slug"]: _call(row, schemes) for row in data.get("calls", [])}
    for row in data.get("juries", []):
        _jury(row, calls)
    if "nominations" in data:
        _nominations(data["nominations"], calls)
    for row in data.get("applications", []):
        _application(row, calls)
    return []


def _scheme(row):
    scheme = Scheme.objects.filter(slug=row["slug"]).first()
    if scheme is not None:
        return scheme
    scheme = Scheme(
        slug=row["slug"],
        name=row["name"],
        kind=row["kind"],
        partner=Organisation.objects.filter(name=row.get("partner", "")).first(),
        description=row.get("description", ""),
        amount_per_award=row.get("amount_per_award"),
        award_count=row.get("award_count"),
        total_budget=row.get("total_budget"),
        min_age=row.get("min_age"),
        max_age=row.get("max_age"),
        eligibility=row.get("eligibility", ""),
        retention_months=row.get("retention_months", 12),
    )
    scheme.full_clean()
    scheme.save()
    for order, category in enumerate(row.get("categories", [])):
        Category.objects.create(scheme=scheme, sort_order=order, **category)
    for number, text in enumerate(row.get("criteria", []), start=1):
        Criterion.objects.create(scheme=scheme, number=number, text=text)
    return scheme


def _call(row, schemes):
    call = Call.objects.filter(slug=row["slug"]).first()
    if call is not None:
        return call
    call = Call(
        slug=row["slug"],
        scheme=schemes[row["scheme"]],
        title=row["title"],
        year=row["year"],
        opens_on=row["opens_on"],
        closes_on=row["closes_on"],
        reference_date=row.get("reference_date"),
        text=row.get("text", ""),
    )
    call.full_clean()
    call.save()
    return call


def _jury(row, calls):
    call = calls[row["call"]]
    categories = row.get("categories") or [None]
    for category_name in categories:
        name = row["name"] if len(categories) == 1 else f"{row['name']}: {category_name}"
        if Jury.objects.filter(call=call, name=name).exists():
            continue
        category = call.scheme.categories.get(name=category_name) if category_name else None
        jury = services.jury_save(call=call, name=name, kind=row["kind"], category=category)
        for email in row["members"]:
            services.jury_member_add(jury=jury, user=User.objects.get(email=email))


def _birth_date(rng, reference, age):
    """A birth date that makes the nominee `age` years old on the reference date."""
    latest = reference.replace(year=reference.year - age)
    return latest - datetime.timedelta(days=rng.randint(0, 360))


def _nominations(spec, calls):
    call = calls[spec["call"]]
    if call.nominations.exists():
        return
    rng = random.Random(spec["seed"])
    municipalities = list(Municipality.objects.members().order_by("number"))
    categories = list(call.scheme.categories.all())
    coordinators = {u.municipality_id: u for u in User.objects.filter(role="coordinator")}
    for index in range(spec["count"]):
        municipality = municipalities[index % len(municipalities)]
        category = categories[rng.randrange(len(categories))]
        first = rng.choice(spec["first_names"])
        last = rng.choice(spec["last_names"])
        slug = f"{first}-{last}".lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
        nomination = services.nomination_save(
            call=call,
            municipality=municipality,
            user=coordinators.get(municipality.pk),
            category=category,
            first_name=first,
            last_name=last,
            birth_date=_birth_date(rng, call.age_date, rng.randint(18, 25)),
            email=f"{slug}.{index}@eksempel.invalid",
            motivation=(
                f"Eksempeldata. {first} har gått i kulturskolen i {municipality.name} i mange "
                f"år og er en av de mest lovende innen {category.name.lower()} vi har hatt."
            ),
            dream=f"Eksempeldata. Drømmen er {rng.choice(spec['dreams'])}.",
            links=(
                f"https://eksempel.invalid/arbeidsprove/{index}"
                if category.documentation != "file"
                else ""
            ),
        )
        nomination.is_example = True
        nomination.save(update_fields=["is_example"])
        if category.documentation == "file":
            upload = ContentFile(EXAMPLE_PDF, name=f"arbeidsprove-{index}.pdf")
            services.work_sample_add(nomination=nomination, upload=upload)
        services.nomination_submit(
            nomination=nomination, user=nomination.nominated_by, today=call.closes_on
        )
    _first_round(call, spec, rng)


def _first_round(call, spec, rng):
    if Round.objects.filter(call=call).exists():
        return
    round_ = services.round_start(call=call)
    criteria = list(call.scheme.criteria.all())
    conflict_user = User.objects.filter(email=spec.get("conflict_reviewer", "")).first()
    conflicted = False
    subject_juries = call.juries.filter(kind="subject").prefetch_related("members")
    for nomination in round_.nominations.order_by("pk"):
        # Each nomination has a quality every reviewer sees roughly alike.
        quality = rng.uniform(2.5, 5.5)
        for jury in subject_juries:
            if jury.category_id != nomination.category_id:
                continue
            for reviewer in jury.members.all():
                if reviewer == conflict_user and not conflicted:
                    services.conflict_declare(
                        nomination=nomination,
                        reviewer=reviewer,
                        reason="Eksempeldata: har vært lærer for den nominerte.",
                    )
                    conflicted = True
                    continue
                scores = {
                    criterion: max(1, min(criterion.max_score, round(quality + rng.uniform(-1, 1))))
                    for criterion in criteria
                }
                services.scores_save(
                    round_=round_,
                    nomination=nomination,
                    reviewer=reviewer,
                    scores=scores,
                    comment="Eksempeldata: sterkt uttrykk, tydelig drøm.",
                )


def _application(row, calls):
    call = calls[row["call"]]
    municipality = Municipality.objects.get(number=row["municipality"])
    if GrantApplication.objects.filter(call=call, municipality=municipality).exists():
        return
    coordinator = User.objects.filter(role="coordinator", municipality=municipality).first()
    application = services.application_save(
        call=call,
        municipality=municipality,
        user=coordinator,
        project_title=row["project_title"],
        description=row.get("description", ""),
        partners=row.get("partners", ""),
        amount_applied=row["amount_applied"],
        budget_lines=[(text, amount) for text, amount in row.get("budget", [])],
    )
    if row.get("draft"):
        return
    services.application_submit(application=application, user=coordinator, today=call.closes_on)
    decision = row.get("decision")
    if decision is None:
        return
    adviser = User.objects.filter(email="veileder@samspill.test").first()
    services.application_decide(
        application=application,
        user=adviser,
        granted=decision == "granted",
        amount_granted=row.get("amount_granted"),
        reason=row["reason"],
        report_due_on=row.get("report_due_on"),
    )
    if row.get("paid_on") or row.get("report_received_on"):
        services.application_follow_up(
            application=application,
            paid_on=row.get("paid_on"),
            report_received_on=row.get("report_received_on"),
        )
