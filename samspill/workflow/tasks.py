"""The daily reminders, run by the task worker (`manage.py db_worker`)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

#: What the next day's run is queued as, to find whether it is queued already.
TASK_PATH = "samspill.workflow.tasks.send_daily_reminders"


def next_run_at(now=None):
    """The next REMINDER_HOUR o'clock in Oslo after `now`."""
    now = timezone.localtime(now or timezone.now())
    hour = settings.REMINDER_HOUR
    candidate = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate <= now:
        candidate += datetime.timedelta(days=1)
        candidate = timezone.localtime(candidate).replace(hour=hour)
    return candidate


def schedule_next_run(now=None):
    """Queue tomorrow's run unless one is waiting already: the worker then sends the
    reminders every day by itself, once `manage.py send_reminders` has started it."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        waiting = DBTaskResult.objects.filter(
            task_path=TASK_PATH, status="READY", run_after__gt=timezone.now()
        ).exists()
        if not waiting:
            send_daily_reminders.using(run_after=next_run_at(now)).enqueue()
            return True
    return False


@task
def send_daily_reminders():
    """Send today's reminders (each at most once), then queue tomorrow's run."""
    from .services import send_reminders

    count = send_reminders()
    schedule_next_run()
    return count
