"""Background tasks of grants and stipends, run by `manage.py db_worker`."""

from django.tasks import task


@task
def anonymise_due_nominations():
    """Anonymise nominees who got no stipend once their call's retention period has ended.
    Queued for that day when a call's awards are closed, and daily by
    `manage.py grants_retention` as a safety net; running it twice changes nothing."""
    from .services import nominations_anonymise_due

    return nominations_anonymise_due()
