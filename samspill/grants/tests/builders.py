"""Builds grants state for tests through the services, as people would."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from samspill.accounts.models import Role, User
from samspill.grants import services
from samspill.grants.models import Call, Category, Criterion, Scheme

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
TODAY = datetime.date(2026, 1, 10)


def pdf_upload(name="arbeidsprove.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_stipend_scheme(*, award_count=50, total_budget=1_500_000, amount=30_000):
    scheme = Scheme.objects.create(
        name="Drømmestipendet",
        slug="drommestipendet",
        kind="stipend",
        amount_per_award=amount,
        award_count=award_count,
        total_budget=total_budget,
        min_age=18,
        max_age=25,
        retention_months=12,
    )
    for order, (name, documentation, kinds) in enumerate(
        [
            ("Dans", "link", "video"),
            ("Musikk", "link_or_file", "audio,video,pdf"),
            ("Skapende skriving", "file", "pdf"),
            ("Visuell kunst", "file", "image,pdf"),
        ]
    ):
        Category.objects.create(
            scheme=scheme,
            name=name,
            documentation=documentation,
            file_kinds=kinds,
            sort_order=order,
        )
    for number, text in enumerate(["Kunstnerisk nivå", "Potensial", "Drømmen"], start=1):
        Criterion.objects.create(scheme=scheme, number=number, text=text)
    return scheme


def make_call(scheme, *, slug="drommestipendet-2026", year=2026, opens_on=None, closes_on=None):
    return Call.objects.create(
        scheme=scheme,
        slug=slug,
        title=f"{scheme.name} {year}",
        year=year,
        opens_on=opens_on or datetime.date(2025, 10, 15),
        closes_on=closes_on or datetime.date(2026, 1, 15),
        reference_date=datetime.date(2026, 1, 15),
    )


def category(call, name):
    return call.scheme.categories.get(name=name)


def nominate(
    call,
    municipality,
    user,
    *,
    category_name="Dans",
    first="Kari",
    last="Nordmann",
    age=20,
    submit=True,
    today=TODAY,
    **fields,
):
    birth = call.age_date.replace(year=call.age_date.year - age) - datetime.timedelta(days=30)
    data = {
        "category": category(call, category_name),
        "first_name": first,
        "last_name": last,
        "birth_date": birth,
        "email": f"{first.lower()}@eksempel.no",
        "motivation": "Lovende danser.",
        "dream": "Å gå på danselinje.",
        "links": "https://video.eksempel.no/1",
    }
    data.update(fields)
    nomination = services.nomination_save(call=call, municipality=municipality, user=user, **data)
    if submit:
        services.nomination_submit(nomination=nomination, user=user, today=today)
    return nomination


def jury_member(email="jury@test.no"):
    return User.objects.create_user(
        email=email, password="x", role=Role.JURY_MEMBER, first_name="Juni", last_name="Jury"
    )
