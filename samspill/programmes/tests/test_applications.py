"""The call, the application and its assessment (issue 3, items 2 and 3)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samspill.core.tests.browser import assert_accessible
from samspill.members.models import Municipality
from samspill.programmes import services
from samspill.programmes.models import Application, CriterionScore, Participation

from .builders import development_area_for

pytestmark = pytest.mark.django_db

SLUG = "fremtidens-kulturskole"


# --- Set-up ---------------------------------------------------------------------------


@pytest.fixture
def open_programme(programme):
    """The programme with its call open today."""
    today = timezone.localdate()
    programme.call_opens = today - datetime.timedelta(days=14)
    programme.call_closes = today + datetime.timedelta(days=14)
    programme.save()
    return programme


@pytest.fixture
def members(personas):
    for municipality in (personas.municipality_a, personas.municipality_b):
        municipality.is_member = True
        municipality.save(update_fields=["is_member"])
    return personas


@pytest.fixture
def area_a(members):
    return development_area_for(members.municipality_a)


def complete_form(area, **changes):
    data = {
        "kriterium_1": "Kulturskolen samarbeider tett med skole, SFO og helsestasjon.",
        "kriterium_2": "Arbeidet knyttes til utviklingsområdet om helhetlig oppvekst.",
        "kriterium_3": "Vi deler erfaringer på fylkesavdelingens regionsamlinger.",
        "development_area": area.pk,
        "roles_mapping": "Oppvekst, kultur og helse deler ansvaret for barn og unge.",
        "proposed_group": "Kari (kulturskoleleder)\nOla (kommunalsjef)\nPer (rektor)\nSiri",
        "send": "1",
    }
    data.update(changes)
    return data


def submitted_application(programme, municipality, user, *, area=None, **fields):
    municipality.is_member = True
    municipality.save(update_fields=["is_member"])
    application = services.application_save(
        programme=programme,
        municipality=municipality,
        user=user,
        development_area=area or development_area_for(municipality),
        roles_mapping=fields.get("roles_mapping", "Kartlagt."),
        proposed_group=fields.get("proposed_group", "Fire personer."),
        answers=fields.get("answers", {1: "Ja", 2: "Ja", 3: "Ja"}),
    )
    return services.application_submit(
        application=application, user=user, today=programme.call_closes
    )


def score_all(application, adviser, scores):
    for criterion, score in zip(application.programme.criteria.all(), scores, strict=True):
        services.application_score(
            application=application, criterion=criterion, adviser=adviser, score=score
        )


def url(name, application=None, **kwargs):
    if application is not None:
        kwargs["pk"] = application.pk
    return reverse(f"programmes:{name}", kwargs={"slug": SLUG, **kwargs})


def html(response):
    return response.content.decode()


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0")


# --- The whole flow -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_application_flow_from_draft_to_participation(client, open_programme, personas):
    members = personas
    members.municipality_a.is_member = True
    members.municipality_a.save()
    area = development_area_for(members.municipality_a)
    coordinator, adviser, admin = members.coordinator_a, members.adviser, members.admin

    # The coordinator opens the form: one answer per criterion, the region's area preselected.
    client.force_login(coordinator)
    page = html(client.get(url("application_edit")))
    assert "Søknad fra Sogndal" in page
    for criterion in open_programme.criteria.all():
        assert criterion.text in page
    assert re.search(rf'<option value="{area.pk}" selected>', page)
    assert "Lagre utkast" in page and "Send inn søknad" in page

    # A draft may be incomplete.
    response = client.post(
        url("application_edit"), {"kriterium_1": "Første tanker.", "lagre": "1"}, follow=True
    )
    assert "Utkastet er lagret" in html(response)
    application = Application.objects.get(municipality=members.municipality_a)
    assert application.is_draft
    assert application.answers.get(criterion__number=1).text == "Første tanker."

    # Sending an incomplete application is refused, the draft is kept and says what is missing.
    response = client.post(
        url("application_edit"),
        {"kriterium_1": "Første tanker.", "kriterium_2": "Andre svar.", "send": "1"},
    )
    assert response.status_code == 200
    page = html(response)
    assert "Søknaden er ikke sendt inn" in page
    assert "Svar på kriterium 3." in page
    assert "Velg regionens utviklingsområde." in page
    assert "Foreslå en kommunegruppe." in page
    assert 'href="#id_kriterium_3"' in page
    application.refresh_from_db()
    assert application.is_draft
    assert application.answers.get(criterion__number=2).text == "Andre svar."
    run_worker()
    assert mail.outbox == []

    # Complete and send: a receipt goes out through the worker.
    response = client.post(url("application_edit"), complete_form(area))
    application.refresh_from_db()
    assert response.status_code == 302
    assert response.url == application.get_absolute_url()
    assert application.status == "submitted"
    assert application.submitted_at is not None
    assert mail.outbox == []
    run_worker()
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["koordinator.a@test.no"]
    assert receipt.subject == f"Kvittering: søknad til {open_programme.name}"
    assert "Søknaden fra Sogndal kommune" in receipt.body
    assert application.get_absolute_url() in receipt.body

    # Once sent it cannot be edited.
    response = client.get(url("application_edit"), follow=True)
    assert response.redirect_chain[-1][0] == application.get_absolute_url()
    assert "kan ikke endres" in html(response)

    # Two advisers score every criterion.
    for user, scores in ((adviser, ["4", "5", "3"]), (admin, ["2", "5", "4"])):
        client.force_login(user)
        data = {}
        for number, score in enumerate(scores, start=1):
            data[f"poeng_{number}"] = score
            data[f"kommentar_{number}"] = f"Kommentar {number} fra {user.first_name}"
        response = client.post(url("application_assess", application), data)
        assert response.status_code == 302
    assert CriterionScore.objects.filter(application=application).count() == 6

    # The list shows the averages per criterion, the total and how many advisers scored.
    client.force_login(adviser)
    page = html(client.get(url("application_list")))
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?Sogndal.*?</tr>", page, re.S).group(0)
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells == ["3,0", "5,0", "3,5", "3,8", "2"]
    assert "Sendt inn" in row

    # The detail shows each adviser's score and comment.
    page = html(client.get(application.get_absolute_url()))
    assert "Kommentar 2 fra Veileder" in page
    assert "Kommentar 2 fra Admin" in page

    # Accepting creates the participation with contract and plan and tells the municipality.
    response = client.post(
        url("application_decide", application),
        {"status": "accepted", "reason": "Godt forankret i oppvekstsektoren."},
    )
    participation = Participation.objects.get(
        programme=open_programme, municipality=members.municipality_a
    )
    assert response.status_code == 302
    assert response.url == participation.get_absolute_url()
    assert participation.application == application
    assert participation.contract is not None
    assert participation.plan.focus_area == area.title
    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.decided_by == adviser

    run_worker()
    decision = mail.outbox[-1]
    assert len(mail.outbox) == 2
    assert decision.to == ["koordinator.a@test.no"]
    assert decision.subject == f"Vedtak om {open_programme.name}: Tatt opp"
    assert "Godt forankret i oppvekstsektoren." in decision.body
    assert participation.get_absolute_url() in decision.body


# --- Writing the application ----------------------------------------------------------


def test_form_is_not_shown_when_the_call_is_closed(client, programme, area_a, members):
    # The builders' programme had its call in 2023–2024.
    client.force_login(members.coordinator_a)
    response = client.get(url("application_edit"))
    assert response.status_code == 200
    page = html(response)
    assert "Søknadsfristen var 31.01.2024. Det kan ikke søkes lenger." in page
    assert "<textarea" not in page and "Send inn søknad" not in page
    client.post(url("application_edit"), complete_form(area_a))
    assert not Application.objects.exists()


def test_form_says_when_the_call_opens(client, programme, members):
    today = timezone.localdate()
    programme.call_opens = today + datetime.timedelta(days=3)
    programme.call_closes = today + datetime.timedelta(days=30)
    programme.save()
    client.force_login(members.coordinator_a)
    page = html(client.get(url("application_edit")))
    assert f"Utlysningen åpner {programme.call_opens:%d.%m.%Y}" in page
    assert "<textarea" not in page


def test_non_member_municipality_cannot_apply(client, open_programme, personas):
    personas.municipality_a.is_member = False
    personas.municipality_a.save()
    client.force_login(personas.coordinator_a)
    response = client.get(url("application_edit"))
    assert response.status_code == 403
    assert "Bare medlemskommuner" in html(response)
    area = development_area_for(personas.municipality_a)
    assert client.post(url("application_edit"), complete_form(area)).status_code == 403
    assert not Application.objects.exists()


def test_adviser_applies_on_behalf_of_a_municipality(client, open_programme, area_a, members):
    client.force_login(members.adviser)
    page = html(client.get(url("application_edit")))
    assert "Søk på vegne av en kommune" in page
    assert "Sogndal" in page

    edit = url("application_edit") + "?kommune=4640"
    assert "Søknad fra Sogndal" in html(client.get(edit))
    data = complete_form(area_a, lagre="1")
    del data["send"]
    response = client.post(edit, data)
    assert response.status_code == 302
    assert response.url == edit
    application = Application.objects.get()
    assert application.municipality == members.municipality_a
    assert application.created_by == members.adviser


def test_development_area_choices_are_the_regions_of_the_county(
    client, open_programme, area_a, members
):
    other = development_area_for(Municipality.objects.get(number="0301"))  # Oslo
    client.force_login(members.coordinator_a)
    page = html(client.get(url("application_edit")))
    assert area_a.title in page
    assert f'<option value="{other.pk}"' not in page
    response = client.post(
        url("application_edit"), complete_form(area_a, development_area=other.pk)
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_draft_is_prefilled_and_can_be_sent_from_its_page(client, open_programme, area_a, members):
    services.application_save(
        programme=open_programme,
        municipality=members.municipality_a,
        user=members.coordinator_a,
        development_area=area_a,
        roles_mapping="Kartlagt i kommunestyret.",
        proposed_group="Fire personer",
        answers={1: "Svar én", 2: "Svar to", 3: "Svar tre"},
    )
    application = Application.objects.get()
    client.force_login(members.coordinator_a)
    assert "Kartlagt i kommunestyret." in html(client.get(url("application_edit")))

    page = html(client.get(application.get_absolute_url()))
    assert "Fortsett utfylling" in page
    assert "Alt er fylt ut" in page
    response = client.post(url("application_submit", application), follow=True)
    assert "Søknaden er sendt inn" in html(response)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_incomplete_draft_cannot_be_sent_from_its_page(client, open_programme, members):
    application = services.application_save(
        programme=open_programme,
        municipality=members.municipality_a,
        user=members.coordinator_a,
        answers={1: "Bare ett svar"},
    )
    client.force_login(members.coordinator_a)
    page = html(client.get(application.get_absolute_url()))
    assert "Dette mangler før søknaden kan sendes inn" in page
    assert "Svar på kriterium 2." in page
    response = client.post(url("application_submit", application), follow=True)
    assert "Søknaden er ikke sendt inn" in html(response)
    application.refresh_from_db()
    assert application.is_draft


def test_user_text_is_escaped(client, open_programme, area_a, members):
    client.force_login(members.coordinator_a)
    client.post(
        url("application_edit"),
        complete_form(
            area_a, kriterium_1='<script>alert("x")</script>', proposed_group="<b>Kari</b>"
        ),
    )
    application = Application.objects.get()
    client.force_login(members.adviser)
    for page_url in (
        application.get_absolute_url(),
        url("application_assess", application),
    ):
        page = html(client.get(page_url))
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert '<script>alert("x")' not in page
    assert "&lt;b&gt;Kari&lt;/b&gt;" in html(client.get(application.get_absolute_url()))


# --- Permissions ----------------------------------------------------------------------


@pytest.fixture
def application_a(open_programme, members):
    return submitted_application(open_programme, members.municipality_a, members.coordinator_a)


def test_coordinator_b_cannot_see_or_edit_municipality_a(client, open_programme, members):
    draft = services.application_save(
        programme=open_programme, municipality=members.municipality_a, user=members.coordinator_a
    )
    client.force_login(members.coordinator_b)
    assert client.get(draft.get_absolute_url()).status_code == 403
    assert client.get(url("application_edit") + "?kommune=4640").status_code == 403
    assert client.post(url("application_edit") + "?kommune=4640", {"lagre": "1"}).status_code == 403
    assert client.post(url("application_submit", draft)).status_code == 403
    assert client.get(url("application_list")).status_code == 403
    # Their own form is for their own municipality.
    assert "Søknad fra Luster" in html(client.get(url("application_edit")))


def test_member_reads_own_application_but_cannot_edit(client, open_programme, members):
    draft = services.application_save(
        programme=open_programme, municipality=members.municipality_a, user=members.coordinator_a
    )
    client.force_login(members.member_a)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Fortsett utfylling" not in html(response)
    assert client.get(url("application_edit")).status_code == 403
    assert client.post(url("application_edit"), {"lagre": "1"}).status_code == 403
    assert client.post(url("application_submit", draft)).status_code == 403


def test_partner_has_no_access(client, application_a, members):
    client.force_login(members.partner)
    for page_url in (
        url("application_edit"),
        url("application_list"),
        application_a.get_absolute_url(),
        url("application_assess", application_a),
        url("application_decide", application_a),
    ):
        assert client.get(page_url).status_code == 403, page_url


def test_anonymous_is_sent_to_login(client, application_a):
    for page_url in (
        url("application_edit"),
        url("application_list"),
        application_a.get_absolute_url(),
        url("application_assess", application_a),
    ):
        response = client.get(page_url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_coordinators_cannot_assess_or_decide(client, application_a, members):
    client.force_login(members.coordinator_a)
    assert client.get(url("application_assess", application_a)).status_code == 403
    assert (
        client.post(url("application_assess", application_a), {"poeng_1": "5"}).status_code == 403
    )
    response = client.post(
        url("application_decide", application_a), {"status": "accepted", "reason": "Vi vil."}
    )
    assert response.status_code == 403
    application_a.refresh_from_db()
    assert application_a.status == "submitted"
    assert client.get(url("application_list")).status_code == 403


def test_municipality_sees_decision_but_not_the_advisers_scores(client, application_a, members):
    score_all(application_a, members.adviser, [1, 2, 3])
    CriterionScore.objects.update(comment="Intern kommentar")
    services.application_decide(
        application=application_a,
        status="waiting_list",
        reason="Mange søkere.",
        user=members.adviser,
    )
    client.force_login(members.coordinator_a)
    page = html(client.get(application_a.get_absolute_url()))
    assert "På venteliste" in page and "Mange søkere." in page
    assert "Intern kommentar" not in page
    assert "Vurder søknaden" not in page


def test_leader_reads_scores_but_cannot_assess(client, application_a, members):
    score_all(application_a, members.adviser, [4, 4, 4])
    client.force_login(members.leader)
    page = html(client.get(application_a.get_absolute_url()))
    assert "Veiledere som har vurdert" in page
    assert "Vurder søknaden" not in page
    assert client.get(url("application_list")).status_code == 200
    assert client.get(url("application_assess", application_a)).status_code == 403


# --- Assessment and decision ----------------------------------------------------------


def test_assessment_is_prefilled_with_the_advisers_own_scores(client, application_a, members):
    score_all(application_a, members.adviser, [4, 2, 5])
    score_all(application_a, members.admin, [1, 1, 1])
    CriterionScore.objects.filter(adviser=members.adviser, criterion__number=2).update(
        comment="Svakt forankret"
    )
    client.force_login(members.adviser)
    page = html(client.get(url("application_assess", application_a)))
    assert "Du har vurdert søknaden før" in page
    assert re.search(r'<option value="4" selected>', page)
    assert re.search(r'<option value="5" selected>', page)
    assert 'value="1" selected' not in page
    assert "Svakt forankret" in page
    assert "Ja" in page  # the municipality's answer is shown next to each criterion

    response = client.post(
        url("application_assess", application_a),
        {"poeng_1": "3", "poeng_2": "3", "poeng_3": "3", "kommentar_1": "Bedre enn jeg trodde"},
    )
    assert response.status_code == 302
    own = CriterionScore.objects.filter(adviser=members.adviser).order_by("criterion__number")
    assert [(s.score, s.comment) for s in own] == [
        (3, "Bedre enn jeg trodde"),
        (3, ""),
        (3, ""),
    ]
    assert CriterionScore.objects.filter(adviser=members.admin).count() == 3


def test_assessment_needs_a_score_for_every_criterion(client, application_a, members):
    client.force_login(members.adviser)
    response = client.post(url("application_assess", application_a), {"poeng_1": "3"})
    assert response.status_code == 200
    assert "Skjemaet har feil" in html(response)
    assert not CriterionScore.objects.exists()


def test_a_draft_cannot_be_assessed(client, open_programme, members):
    draft = services.application_save(
        programme=open_programme, municipality=members.municipality_a, user=members.coordinator_a
    )
    client.force_login(members.adviser)
    response = client.get(url("application_assess", draft), follow=True)
    assert "Et utkast kan ikke vurderes" in html(response)
    response = client.get(url("application_decide", draft), follow=True)
    assert "Et utkast kan ikke få vedtak" in html(response)


def test_rejection_is_saved_and_the_applicant_sees_it(client, application_a, members):
    client.force_login(members.adviser)
    response = client.post(
        url("application_decide", application_a),
        {"status": "rejected", "reason": "Søknaden knytter ikke arbeidet til regionen."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == application_a.get_absolute_url()
    assert "Vedtaket er lagret" in html(response)
    application_a.refresh_from_db()
    assert application_a.status == "rejected"
    assert not Participation.objects.exists()


def test_decision_needs_a_reason(client, application_a, members):
    client.force_login(members.adviser)
    response = client.post(url("application_decide", application_a), {"status": "accepted"})
    assert response.status_code == 200
    assert "Begrunnelse" in html(response)
    application_a.refresh_from_db()
    assert application_a.status == "submitted"


def test_service_refusal_is_shown_on_the_decision_form(client, application_a, members):
    services.application_decide(
        application=application_a, status="accepted", reason="Bra.", user=members.adviser
    )
    client.force_login(members.adviser)
    page = html(client.get(url("application_decide", application_a)))
    assert "Søknaden er allerede tatt opp" in page
    response = client.post(
        url("application_decide", application_a), {"status": "rejected", "reason": "Likevel ikke."}
    )
    assert response.status_code == 200
    assert "Avslutt deltakelsen i stedet for å endre vedtaket." in html(response)
    application_a.refresh_from_db()
    assert application_a.status == "accepted"


# --- The overview of applications -----------------------------------------------------


def _row_order(page):
    return re.findall(r'<th scope="row"><a class="ds-link" href="[^"]+">([^<]+)</a>', page)


def test_list_sorts_on_any_column_and_marks_the_sorted_header(client, open_programme, members):
    a = submitted_application(open_programme, members.municipality_a, members.coordinator_a)
    b = submitted_application(open_programme, members.municipality_b, members.coordinator_b)
    oslo = submitted_application(
        open_programme, Municipality.objects.get(number="0301"), members.adviser
    )
    score_all(a, members.adviser, [2, 2, 2])
    score_all(b, members.adviser, [5, 4, 5])
    draft = services.application_save(
        programme=open_programme,
        municipality=Municipality.objects.get(number="4645"),
        user=members.adviser,
    )

    client.force_login(members.adviser)
    page = html(client.get(url("application_list")))
    assert _row_order(page) == ["Luster", "Oslo", "Sogndal"]
    assert draft.municipality.name not in _row_order(page)
    assert re.search(r'aria-sort="ascending"><a class="sort-link" href="\?sorter=-kommune">', page)

    page = html(client.get(url("application_list") + "?sorter=-snitt"))
    assert _row_order(page) == ["Luster", "Sogndal", "Oslo"]  # not scored comes last
    assert re.search(r'aria-sort="descending"><a class="sort-link" href="\?sorter=snitt">', page)
    assert page.count("aria-sort=") == 1

    page = html(client.get(url("application_list") + "?sorter=kriterium2"))
    assert _row_order(page) == ["Sogndal", "Luster", "Oslo"]

    page = html(client.get(url("application_list") + "?sorter=fylke"))
    assert _row_order(page)[0] == "Oslo"

    page = html(client.get(url("application_list") + "?sorter=tull"))
    assert _row_order(page) == ["Luster", "Oslo", "Sogndal"]
    assert oslo.municipality.name in page


def test_list_filters_on_status(client, open_programme, members):
    a = submitted_application(open_programme, members.municipality_a, members.coordinator_a)
    submitted_application(open_programme, members.municipality_b, members.coordinator_b)
    services.application_decide(
        application=a, status="waiting_list", reason="Venter.", user=members.adviser
    )
    client.force_login(members.adviser)
    page = html(client.get(url("application_list") + "?status=waiting_list&sorter=-kommune"))
    assert _row_order(page) == ["Sogndal"]
    assert "1 søknad" in page
    # Sorting keeps the filter.
    assert 'href="?sorter=kommune&amp;status=waiting_list"' in page
    page = html(client.get(url("application_list") + "?status=rejected"))
    assert "Ingen søknader har denne statusen." in page


def test_list_uses_the_same_number_of_queries_for_many_applications(
    client, open_programme, members
):
    client.force_login(members.adviser)

    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url("application_list") + "?sorter=-snitt")
        assert response.status_code == 200
        return len(captured)

    first = submitted_application(open_programme, members.municipality_a, members.coordinator_a)
    score_all(first, members.adviser, [3, 3, 3])
    one = queries_for_list()

    for number in ["4644", "4645", "4647", "4648", "4649"]:
        application = submitted_application(
            open_programme, Municipality.objects.get(number=number), members.adviser
        )
        score_all(application, members.adviser, [4, 4, 4])
        score_all(application, members.admin, [2, 2, 2])
    assert queries_for_list() == one


# --- In the browser -------------------------------------------------------------------


def _log_in(page, email):
    from samspill.core.tests.personas import PASSWORD

    page.goto("/konto/logg-inn/")
    assert_accessible(page)
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_applies_and_adviser_scores_and_accepts_in_the_browser(page):
    from samspill.core.tests.personas import make_personas
    from samspill.members.services import load_reference_data

    from .builders import CRITERIA, make_programme

    load_reference_data()
    personas = make_personas()
    personas.municipality_a.is_member = True
    personas.municipality_a.save()
    area = development_area_for(personas.municipality_a)
    today = timezone.localdate()
    make_programme(
        call_opens=today - datetime.timedelta(days=7),
        call_closes=today + datetime.timedelta(days=7),
    )

    # The coordinator writes a draft, then completes and sends it.
    _log_in(page, personas.coordinator_a.email)
    page.goto(url("application_edit"))
    assert page.get_by_role("heading", level=1).inner_text() == "Søknad fra Sogndal"
    assert_accessible(page)
    assert page.get_by_label("Regionens utviklingsområde").input_value() == str(area.pk)
    page.get_by_label(CRITERIA[0]).fill("Kulturskolen samarbeider med skole og SFO.")
    page.get_by_role("button", name="Lagre utkast").click()
    page.get_by_text("Utkastet er lagret").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Send inn søknad").click()
    page.get_by_text("Søknaden er ikke sendt inn").wait_for()
    assert page.get_by_role("link", name="Svar på kriterium 2.").is_visible()
    assert_accessible(page)

    page.get_by_label(CRITERIA[1]).fill("Vi bygger på utviklingsområdet om helhetlig oppvekst.")
    page.get_by_label(CRITERIA[2]).fill("Vi deler erfaringer på regionsamlingene.")
    page.get_by_label("Kartlegging av roller og ansvar").fill("Oppvekst, kultur og helse.")
    page.get_by_label("Foreslått kommunegruppe").fill("Kari\nOla\nPer\nSiri")
    page.get_by_role("button", name="Send inn søknad").click()
    page.get_by_text("Søknaden er sendt inn.").wait_for()
    assert page.get_by_text("Sendt inn", exact=True).first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()

    # The adviser finds it in the list, scores it and accepts it.
    _log_in(page, personas.adviser.email)
    page.goto(url("application_list"))
    assert_accessible(page)
    page.get_by_role("link", name="Sogndal").click()
    page.get_by_role("heading", level=1, name="Søknad fra Sogndal").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Vurder søknaden").click()
    assert_accessible(page)
    for number, score in ((1, "4"), (2, "5"), (3, "3")):
        page.get_by_label(f"Poeng for kriterium {number}").select_option(score)
    page.get_by_label("Kommentar til kriterium 2").fill("Tydelig knyttet til regionen.")
    page.get_by_role("button", name="Lagre vurdering").click()
    page.get_by_text("Vurderingen din er lagret.").wait_for()
    assert page.get_by_text("Tydelig knyttet til regionen.").is_visible()
    assert_accessible(page)

    page.goto(url("application_list") + "?sorter=-snitt")
    assert page.locator("th[aria-sort=descending]").inner_text() == "Snitt totalt"
    assert_accessible(page)
    page.get_by_role("link", name="Sogndal").click()

    page.get_by_role("link", name="Fatt vedtak").click()
    assert_accessible(page)
    page.get_by_label("Tatt opp").check()
    page.get_by_label("Begrunnelse").fill("Godt forankret.")
    page.get_by_role("button", name="Lagre vedtak").click()
    participation = None
    page.get_by_text("Sogndal er tatt opp.").wait_for()
    participation = Participation.objects.get(municipality=personas.municipality_a)
    assert page.url.endswith(participation.get_absolute_url())
    assert_accessible(page)
