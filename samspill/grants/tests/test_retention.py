"""Personal data (issue 9, item 7): nominees who got no stipend are anonymised by the
worker when the retention period after the call's deadline ends; the statistics stay."""

import datetime
import os

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from samspill.grants import selectors, services
from samspill.grants.models import Nomination, Score

from .builders import jury_member, nominate, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)

#: The call closes 15.01.2026 and the scheme keeps personal data for 12 months.
DUE = datetime.datetime(2027, 1, 15, 3, 30, tzinfo=datetime.UTC)


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0")


@pytest.fixture
def closed_call(call, members):
    kari = nominate(call, members.municipality_a, members.coordinator_a, first="Kari")
    ola = nominate(
        call,
        members.municipality_b,
        members.coordinator_b,
        first="Ola",
        category_name="Skapende skriving",
        submit=False,
    )
    services.work_sample_add(nomination=ola, upload=pdf_upload())
    services.nomination_submit(nomination=ola, user=members.coordinator_b, today=call.opens_on)
    draft = nominate(call, members.municipality_a, members.coordinator_a, first="Per", submit=False)
    reviewer = jury_member()
    jury = services.jury_save(call=call, name="Fagjury", kind="subject", category=ola.category)
    services.jury_member_add(jury=jury, user=reviewer)
    round_ = services.round_start(call=call)
    services.scores_save(
        round_=round_,
        nomination=ola,
        reviewer=reviewer,
        scores=dict.fromkeys(call.scheme.criteria.all(), 4),
        comment="Ola skriver om bestemoren sin.",
    )
    services.award_make(nomination=kari, user=members.adviser)
    services.call_finalise(call=call, user=members.adviser)
    run_worker()  # receipts and letters; the anonymisation waits for its day
    return {"kari": kari, "ola": ola, "draft": draft}


def test_the_worker_anonymises_non_awarded_nominees_on_schedule_keeping_statistics(closed_call):
    ola = Nomination.objects.get(pk=closed_call["ola"].pk)
    sample_path = ola.work_samples.get().file.path
    assert ola.anonymised_at is None  # the scheduled task is not due yet
    statistics_before = selectors.statistics()

    with time_machine.travel(DUE, tick=False):
        run_worker()  # the task queued when the awards were closed

    ola.refresh_from_db()
    assert ola.anonymised_at is not None
    assert (ola.first_name, ola.last_name, ola.birth_date, ola.email) == (
        "Anonymisert",
        "",
        None,
        "",
    )
    assert ola.motivation == ola.dream == ola.links == ""
    assert not ola.work_samples.exists()

    assert not os.path.exists(sample_path)
    assert not Score.objects.filter(nomination=ola).exclude(comment="").exists()
    # Municipality, category, year, status and age stay, so the statistics are unchanged.
    assert (ola.municipality_id, ola.category.name, ola.status, ola.age_at_reference) == (
        closed_call["ola"].municipality_id,
        "Skapende skriving",
        "not_awarded",
        20,
    )
    assert selectors.statistics() == statistics_before
    # Drafts are anonymised too; the recipient keeps her data.
    assert Nomination.objects.get(pk=closed_call["draft"].pk).first_name == "Anonymisert"
    kari = Nomination.objects.get(pk=closed_call["kari"].pk)
    assert kari.first_name == "Kari" and kari.anonymised_at is None


def test_the_daily_run_is_idempotent_and_waits_for_the_due_date(closed_call):
    with time_machine.travel(DUE - datetime.timedelta(days=1), tick=False):
        call_command("grants_retention", stdout=open(os.devnull, "w"))  # noqa: SIM115
        run_worker()
    assert not Nomination.objects.filter(anonymised_at__isnull=False).exists()

    with time_machine.travel(DUE, tick=False):
        assert services.nominations_anonymise_due(today=timezone.localdate()) == 2
        first = dict(Nomination.objects.values_list("pk", "anonymised_at"))
        statistics = selectors.statistics()
        call_command("grants_retention", stdout=open(os.devnull, "w"))  # noqa: SIM115
        run_worker()
        assert services.nominations_anonymise_due(today=timezone.localdate()) == 0
    assert dict(Nomination.objects.values_list("pk", "anonymised_at")) == first
    assert selectors.statistics() == statistics
    # The removal itself is in the audit trail, once, however often the job runs.
    from samspill.core.models import AuditEntry

    removed = AuditEntry.objects.filter(
        action=AuditEntry.Action.DELETION, object_type="grants.Call"
    )
    assert [entry.details for entry in removed] == ["2 anonymisert etter oppbevaringstiden"]


def test_an_anonymised_nomination_page_says_so(client, closed_call, members):
    with time_machine.travel(DUE, tick=False):
        services.nominations_anonymise_due()
    client.force_login(members.adviser)
    page = client.get(closed_call["ola"].get_absolute_url()).content.decode()
    assert "Personopplysningene ble anonymisert" in page
    assert "bestemoren" not in page
