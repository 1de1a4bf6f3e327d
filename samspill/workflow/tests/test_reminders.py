"""Reminders by e-mail from the task worker: before a deadline, when it has passed, and
when something new is someone's; each person chooses; Norwegian with a link to the record;
never sent twice, also when the daily job runs again after a restart."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samspill.workflow import services, tasks
from samspill.workflow.models import SentReminder

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0")


def to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_daily_job_twice_sends_each_reminder_once(personas, world):
    assert services.send_reminders() > 0
    run_worker()
    first = to(personas.coordinator_a)
    assert len(first) == 1
    body = first[0].body
    assert first[0].subject.startswith("Samspill: ")
    assert "påminnelser" in first[0].subject
    assert "Frister som er passert" in body
    assert "Intervjue skoleeier i Sogndal (frist 02.09.2024)" in body
    assert "Frister som nærmer seg" in body
    assert "Kartlegge behovene i Sogndal (frist 16.09.2024)" in body
    assert "http://127.0.0.1:8000" + world["reports"]["a"].get_absolute_url() in body
    assert "Luster" not in body
    html = first[0].alternatives[0][0]
    assert f'href="http://127.0.0.1:8000{world["reports"]["a"].get_absolute_url()}"' in html
    # The job again the same day (a restart, cron and the worker's own schedule): nothing new.
    mail.outbox.clear()
    assert services.send_reminders() == 0
    run_worker()
    assert mail.outbox == []


def test_the_real_worker_runs_the_daily_job_and_schedules_the_next(personas, world):
    call_command("send_reminders")
    run_worker()
    assert len(to(personas.coordinator_a)) == 1
    assert len(to(personas.leader)) == 1
    assert "Sende invitasjon til kommunene" in to(personas.leader)[0].body
    waiting = DBTaskResult.objects.filter(task_path=tasks.TASK_PATH, status="READY")
    assert waiting.count() == 1
    run_after = waiting.get().run_after.astimezone(datetime.UTC)
    assert run_after == datetime.datetime(2024, 9, 11, 4, 0, tzinfo=datetime.UTC)  # 06:00 Oslo
    # A restart: the worker and cron queue the job again; nobody gets a second e-mail.
    mail.outbox.clear()
    call_command("send_reminders")
    run_worker()
    assert mail.outbox == []
    assert waiting.count() == 1  # still one run waiting for tomorrow


def test_next_day_reminds_only_what_is_new(personas, world):
    services.send_reminders()
    run_worker()
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2024, 9, 21, 8, 0, tzinfo=datetime.UTC), tick=False):
        services.send_reminders()
        run_worker()
    body = to(personas.coordinator_a)[0].body
    # 16.09 has passed: the entry that was "soon" is now overdue, once.
    assert "Kartlegge behovene i Sogndal (frist 16.09.2024)" in body
    assert body.index("Frister som er passert") < body.index("Kartlegge behovene i Sogndal")
    assert "Intervjue skoleeier" not in body  # told already


def test_assigned_reminder_when_something_becomes_yours(personas, world):
    from samspill.agreements import services as agreement_services

    services.send_reminders()
    run_worker()
    mail.outbox.clear()
    agreement_services.action_item_save(
        meeting=world["meeting"],
        text="Skrive referatet",
        owner=personas.leader.person,
        due_on=datetime.date(2024, 12, 1),
    )
    services.send_reminders()
    run_worker()
    body = to(personas.leader)[0].body
    assert "Nytt ansvar for deg" in body
    assert "Skrive referatet (frist 01.12.2024)" in body
    assert "Sende invitasjon" not in body


def test_each_person_chooses_what_they_get(client, personas, world):
    client.force_login(personas.coordinator_a)
    response = client.post(
        reverse("workflow:reminder_preferences"),
        {"before_deadline": "on", "days_before": "6", "assigned": "on"},
    )
    assert response.status_code == 302
    services.send_reminders()
    run_worker()
    body = to(personas.coordinator_a)[0].body
    assert "Frister som er passert" not in body  # overdue turned off
    assert "Intervjue skoleeier" not in body
    assert "Kartlegge behovene i Sogndal (frist 16.09.2024)" in body  # six days ahead
    assert services.preference_for(personas.coordinator_a).days_before == 6
    # Everything turned off: no e-mail.
    SentReminder.objects.all().delete()
    mail.outbox.clear()
    client.post(reverse("workflow:reminder_preferences"), {"days_before": "7"})
    services.send_reminders()
    run_worker()
    assert to(personas.coordinator_a) == []


def test_preferences_reject_bad_numbers_in_norwegian(client, personas, world):
    client.force_login(personas.coordinator_a)
    response = client.post(
        reverse("workflow:reminder_preferences"), {"days_before": "0"}, follow=True
    )
    assert "Antall dager må være fra 1 til 60." in response.content.decode()
    response = client.post(
        reverse("workflow:reminder_preferences"), {"days_before": "mange"}, follow=True
    )
    assert "Skriv et helt antall dager, fra 1 til 60." in response.content.decode()
    assert services.preference_for(personas.coordinator_a).pk is None  # nothing saved


def test_two_runs_at_once_record_each_reminder_once(personas, world, today):
    """Two workers running the job at the same moment: the unique key lets one win."""
    reminders = services.reminders_for(personas.coordinator_a, today)
    assert services._record_and_queue(personas.coordinator_a, reminders, today) == 1
    assert services._record_and_queue(personas.coordinator_a, reminders, today) == 0
    keys = SentReminder.objects.filter(user=personas.coordinator_a).values_list("key", flat=True)
    assert len(keys) == len(set(keys)) == len({r.key for r in reminders})


def test_send_reminders_now_from_the_command_line(personas, world):
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", "--now", stdout=out)
    assert "e-poster med påminnelser lagt i køen" in out.getvalue()
    run_worker()
    assert len(to(personas.coordinator_a)) == 1
    out = StringIO()
    call_command("send_reminders", "--now", stdout=out)
    assert out.getvalue().startswith("0 e-poster")
